package no.samarbeidsportal.system;

/** The person's role or the token's scopes lack the permission. */
public class Forbidden extends PortalException {

    public Forbidden(String messageKey, Object... args) {
        super(messageKey, args);
    }

    @Override
    public int status() {
        return 403;
    }
}
