package no.samarbeidsportal.token;

/** A token request refused for its DPoP proof (RFC 9449 5): 400 {@code invalid_dpop_proof}; nothing is issued. */
class DpopRefused extends RuntimeException {

    DpopRefused(String description) {
        super(description, null, false, false);
    }
}
