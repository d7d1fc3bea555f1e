package no.samarbeidsportal.notices;

/** The notices the portal sends, each under its topic (issue 16). */
public enum NoticeKind {
    /** To the provider: an organisation asks for access to one of its scopes. */
    ACCESS_REQUESTED(NoticeTopic.ACCESS),
    /** To the consumer: its request was approved or rejected. */
    ACCESS_REQUEST_DECIDED(NoticeTopic.ACCESS),
    /** To the consumer: it was put on a scope's access list. */
    ACCESS_GRANTED(NoticeTopic.ACCESS),
    /** To the consumer: it was taken off a scope's access list. */
    ACCESS_REMOVED(NoticeTopic.ACCESS),
    /** To the consumer: a scope it has access to was deactivated. */
    SCOPE_DEACTIVATED(NoticeTopic.ACCESS),
    /** To the client's organisation and its supplier: a key or certificate expires in 30, 14, 7 or 1 days. */
    KEY_EXPIRING(NoticeTopic.KEYS),
    /** To the client's organisation and its supplier: a key or certificate has expired. */
    KEY_EXPIRED(NoticeTopic.KEYS),
    /** To the endpoint's organisation: a webhook endpoint kept failing and was turned off (issue 17). */
    WEBHOOK_DISABLED(NoticeTopic.INCIDENTS);

    private final NoticeTopic topic;

    NoticeKind(NoticeTopic topic) {
        this.topic = topic;
    }

    public NoticeTopic topic() {
        return topic;
    }
}
