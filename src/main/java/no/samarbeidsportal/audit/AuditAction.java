package no.samarbeidsportal.audit;

/**
 * What a change did. The code is what the audit line stores, what the history API returns as {@code action} and,
 * prefixed with {@code audit.}, the message key pages show; lines already written keep it, so a code never changes.
 */
public enum AuditAction {

    ORGANISATION_CREATED("organisation.created"),
    ORGANISATION_REGISTERED("organisation.registered"),
    ROLE_GRANTED("role.granted"),
    ROLE_REVOKED("role.revoked"),
    SUPPLIER_APPOINTED("supplier.appointed"),
    SUPPLIER_ENDED("supplier.ended"),
    PREFIX_REQUESTED("prefix.requested"),
    PREFIX_REQUEST_APPROVED("prefix.request-approved"),
    PREFIX_REQUEST_REJECTED("prefix.request-rejected"),
    PREFIX_ASSIGNED("prefix.assigned"),
    SCOPE_CREATED("scope.created"),
    SCOPE_UPDATED("scope.updated"),
    SCOPE_DEACTIVATED("scope.deactivated"),
    SCOPE_REACTIVATED("scope.reactivated"),
    ACCESS_GRANTED("access.granted"),
    ACCESS_REVOKED("access.revoked"),
    ACCESS_IMPORTED("access.imported"),
    ACCESS_REQUESTED("access.requested"),
    ACCESS_REQUEST_APPROVED("access.request-approved"),
    ACCESS_REQUEST_REJECTED("access.request-rejected"),
    ACCESS_REQUEST_WITHDRAWN("access.request-withdrawn"),
    CLIENT_CREATED("client.created"),
    CLIENT_UPDATED("client.updated"),
    CLIENT_DEACTIVATED("client.deactivated"),
    CLIENT_SECRET_RENEWED("client.secret-renewed"),
    ONBEHALFOF_CREATED("onbehalfof.created"),
    ONBEHALFOF_UPDATED("onbehalfof.updated"),
    ONBEHALFOF_DELETED("onbehalfof.deleted"),
    KEYS_REPLACED("keys.replaced"),
    KEYS_ADDED("keys.added"),
    KEY_REMOVED("key.removed"),
    KEYS_CLEARED("keys.cleared"),
    DELEGATION_CREATED("delegation.created"),
    DELEGATION_WITHDRAWN("delegation.withdrawn"),
    SIGNING_KEY_CREATED("signing-key.created"),
    REGISTER_LOADED("register.loaded"),
    REGISTER_UPDATED("register.updated"),
    REGISTER_UPDATE_REQUESTED("register.update-requested"),
    NOTICE_CONTACT_ADDED("notice.contact-added"),
    NOTICE_CONTACT_REMOVED("notice.contact-removed"),
    NOTICE_FOLLOWED("notice.followed"),
    NOTICE_UNFOLLOWED("notice.unfollowed"),
    WEBHOOK_CREATED("webhook.created"),
    WEBHOOK_UPDATED("webhook.updated"),
    WEBHOOK_DELETED("webhook.deleted"),
    WEBHOOK_SECRET_ROTATED("webhook.secret-rotated"),
    WEBHOOK_DISABLED("webhook.disabled");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /** The stored form, e.g. {@code scope.created}. */
    public String code() {
        return code;
    }
}
