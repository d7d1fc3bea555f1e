package no.samarbeidsportal.system;

/** Already exists, or changed by someone else since it was read. */
public class Conflict extends PortalException {

    public Conflict(String messageKey, Object... args) {
        super(messageKey, args);
    }

    @Override
    public int status() {
        return 409;
    }
}
