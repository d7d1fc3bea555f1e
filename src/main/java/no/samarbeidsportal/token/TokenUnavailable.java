package no.samarbeidsportal.token;

/** The database could not be asked: the token endpoint answers 503 temporarily_unavailable (token-protocol.md 8). */
class TokenUnavailable extends RuntimeException {

    TokenUnavailable(Throwable cause) {
        super(cause);
    }
}
