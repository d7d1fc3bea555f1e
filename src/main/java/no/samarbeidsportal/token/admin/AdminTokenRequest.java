package no.samarbeidsportal.token.admin;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token presented to the admin API, still to be verified. */
final class AdminTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    AdminTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
