package no.samarbeidsportal.system;

/** Unknown, or belonging to another organisation (shown as unknown, as in Keycloak). */
public class NotFound extends PortalException {

    public NotFound(String messageKey, Object... args) {
        super(messageKey, args);
    }

    @Override
    public int status() {
        return 404;
    }
}
