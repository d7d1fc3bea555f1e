package no.samarbeidsportal.login;

import no.samarbeidsportal.system.PortalException;

/** The demo login was asked to send a person to an address that is not the portal's own registered one. */
class RedirectRefused extends PortalException {

    RedirectRefused() {
        super("devlogin.redirect.refused");
    }

    @Override
    public int status() {
        return 400;
    }
}
