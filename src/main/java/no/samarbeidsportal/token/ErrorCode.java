package no.samarbeidsportal.token;

import java.util.Arrays;
import java.util.Optional;

/** Maskinporten's error codes (token-protocol.md 8): HTTP status, OAuth {@code error} and Digdir's text. */
public enum ErrorCode {
    MP_011(400, "invalid_request", "Invalid assertion. Invalid parameter value"),
    MP_012(400, "invalid_grant", "Grant is used before"),
    MP_100(400, "invalid_grant", "Invalid assertion. Client authentication failed."),
    MP_110(400, "invalid_grant", "Invalid assertion. Client authentication failed. Invalid JWT claim aud."),
    MP_120(400, "invalid_grant",
            "Invalid assertion. Client authentication failed. The JWT is signed with an invalid certificate."),
    MP_121(400, "invalid_grant", "Invalid assertion. Client authentication failed. Expired key."),
    MP_122(400, "invalid_grant", "Invalid JWT. Invalid organization number for client. Does not match certificate orgno"),
    MP_123(400, "invalid_grant", "Invalid JWT header x5c"),
    MP_124(400, "invalid_grant", "Invalid assertion. Client authentication failed. Invalid JWT signature."),
    MP_125(400, "invalid_grant",
            "Invalid assertion. Client authentication failed. Unknown key identifier (kid) for client."),
    MP_126(400, "invalid_grant", "Invalid assertion. Client authentication failed. Invalid JWT. The client requires "
            + "pre-registered jwk and no key identifier (kid) provided"),
    MP_130(400, "invalid_grant", "JWT is expired"),
    MP_200(400, "invalid_scope", "Token request contains invalid scopes for client, {0}"),
    MP_201(400, "invalid_scope", "Token request contains scopes not allowed for {0}"),
    MP_250(403, "forbidden", "Consumer has not been granted access to the scope {0}."),
    MP_251(403, "forbidden", "Consumer {0} has not delegated access to the scope {1} to supplier {2}."),
    MP_252(400, "invalid_request", "Validation of JWT claim failed: The combination consumer_org in claim and "
            + "delegation scope on client is invalid"),
    MP_301(400, "invalid_request", "Invalid assertion. Unsupported authorization_details type");

    private final int status;
    private final String error;
    private final String text;

    ErrorCode(int status, String error, String text) {
        this.status = status;
        this.error = error;
        this.text = text;
    }

    /** {@code MP-011}. */
    public String code() {
        return name().replace('_', '-');
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** Digdir's text, with {@code {0}}-style places for the arguments. */
    public String text() {
        return text;
    }

    /** The message key of the code's title on its page. */
    public String titleKey() {
        return "token.error." + code() + ".title";
    }

    /** The message key of what to do about it. */
    public String fixKey() {
        return "token.error." + code() + ".fix";
    }

    public static Optional<ErrorCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }
}
