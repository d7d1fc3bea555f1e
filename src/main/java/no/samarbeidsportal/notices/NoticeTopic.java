package no.samarbeidsportal.notices;

/** What a notice is about, and so which of an organisation's contact addresses it goes to (issue 16). */
public enum NoticeTopic {
    /** Access requests, decisions, access granted or removed, a scope one uses being deactivated. */
    ACCESS,
    /** Keys and certificates about to expire or expired. */
    KEYS,
    /** Technical incidents. */
    INCIDENTS;

    public String messageKey() {
        return "notice.topic." + name();
    }
}
