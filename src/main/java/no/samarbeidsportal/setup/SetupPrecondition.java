package no.samarbeidsportal.setup;

import no.samarbeidsportal.system.PortalException;

/** An apply without If-Match (428), or with the ETag of an older state (412): the plan was made from another state. */
public class SetupPrecondition extends PortalException {

    private final int status;

    private SetupPrecondition(int status, String messageKey) {
        super(messageKey);
        this.status = status;
    }

    static SetupPrecondition required() {
        return new SetupPrecondition(428, "setup.if-match.required");
    }

    static SetupPrecondition stale() {
        return new SetupPrecondition(412, "setup.if-match.stale");
    }

    @Override
    public int status() {
        return status;
    }
}
