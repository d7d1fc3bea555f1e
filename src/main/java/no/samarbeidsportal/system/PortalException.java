package no.samarbeidsportal.system;

/** A domain failure carrying a message key from the message bundle and its arguments; mapped in ApiErrors and PageErrors. */
public abstract class PortalException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    protected PortalException(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        this.args = args;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }

    /** The HTTP status both renderings use. */
    public abstract int status();
}
