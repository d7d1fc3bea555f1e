package no.samarbeidsportal.system;

/** No valid login or bearer token. */
public class Unauthenticated extends PortalException {

    public Unauthenticated(String messageKey, Object... args) {
        super(messageKey, args);
    }

    @Override
    public int status() {
        return 401;
    }
}
