package no.samarbeidsportal.token;

/** An introspection or revocation request refused (RFC 6749 5.2's error body): 400 invalid_request, 401 invalid_client. */
class IntrospectionRefused extends RuntimeException {

    private final int status;
    private final String error;

    private IntrospectionRefused(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static IntrospectionRefused invalidRequest(String description) {
        return new IntrospectionRefused(400, "invalid_request", description);
    }

    static IntrospectionRefused invalidClient(String description) {
        return new IntrospectionRefused(401, "invalid_client", "Client authentication failed. " + description);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
