package no.samarbeidsportal.audit;

/**
 * What a change was made to: a type and the subject's own id. The types are stored in every audit line and the
 * history API returns them as {@code subject_type}, so they keep the spelling lines already written have.
 */
public record AuditSubject(String type, String id) {

    public static final String ORGANISATION = "Organisation";
    public static final String MEMBERSHIP = "Membership";
    public static final String SUPPLIER_APPOINTMENT = "SupplierAppointment";
    public static final String PREFIX_REQUEST = "PrefixRequest";
    public static final String PREFIX = "ScopePrefix";
    public static final String SCOPE = "Scope";
    public static final String CLIENT = "Client";
    public static final String SIGNING_KEY = "signing-key";
    public static final String REGISTER = "Register";
    public static final String NOTICE_CONTACT = "NoticeContact";
    public static final String NOTICE_FOLLOW = "NoticeFollow";
    public static final String WEBHOOK_ENDPOINT = "WebhookEndpoint";

    public static AuditSubject organisation(String orgno) {
        return new AuditSubject(ORGANISATION, orgno);
    }

    public static AuditSubject membership(long id) {
        return new AuditSubject(MEMBERSHIP, String.valueOf(id));
    }

    public static AuditSubject supplierAppointment(long id) {
        return new AuditSubject(SUPPLIER_APPOINTMENT, String.valueOf(id));
    }

    public static AuditSubject prefixRequest(long id) {
        return new AuditSubject(PREFIX_REQUEST, String.valueOf(id));
    }

    public static AuditSubject prefix(String prefix) {
        return new AuditSubject(PREFIX, prefix);
    }

    /** A scope by its full name; changes to its access list and delegations are the scope's too. */
    public static AuditSubject scope(String name) {
        return new AuditSubject(SCOPE, name);
    }

    /** A client by its client_id; changes to its keys are the client's too. */
    public static AuditSubject client(String clientId) {
        return new AuditSubject(CLIENT, clientId);
    }

    /** A token signing key by its kid; it belongs to no organisation. */
    public static AuditSubject signingKey(String kid) {
        return new AuditSubject(SIGNING_KEY, kid);
    }

    /** The portal's copy of Enhetsregisteret; it belongs to no organisation. */
    public static AuditSubject register() {
        return new AuditSubject(REGISTER, "enhetsregisteret");
    }

    /** A notice contact address of an organisation's (issue 16). */
    public static AuditSubject noticeContact(long id) {
        return new AuditSubject(NOTICE_CONTACT, String.valueOf(id));
    }

    /** A person's following of an organisation's notices of a topic, by the person's subject and the topic. */
    public static AuditSubject noticeFollow(String subject, String topic) {
        return new AuditSubject(NOTICE_FOLLOW, subject + "/" + topic);
    }

    /** An organisation's webhook endpoint (issue 17). */
    public static AuditSubject webhookEndpoint(long id) {
        return new AuditSubject(WEBHOOK_ENDPOINT, String.valueOf(id));
    }
}
