package no.samarbeidsportal.token;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * A token request refused with one of Maskinporten's codes; nothing is issued. {@code error} is the code's, except
 * for a wrong grant type ({@code unsupported_grant_type}).
 */
public class TokenRefused extends RuntimeException {

    private final ErrorCode code;
    private final String error;

    TokenRefused(ErrorCode code, Object... args) {
        this(code, code.error(), format(code.text(), args));
    }

    private TokenRefused(ErrorCode code, String error, String description) {
        super(description, null, false, false);
        this.code = code;
        this.error = error;
    }

    /** The code with another of Digdir's texts for it (MP-130's several, MP-011's unsupported claim). */
    static TokenRefused withText(ErrorCode code, String description) {
        return new TokenRefused(code, code.error(), description);
    }

    static TokenRefused unsupportedGrantType() {
        return new TokenRefused(ErrorCode.MP_011, "unsupported_grant_type", "Invalid grant_type");
    }

    public ErrorCode code() {
        return code;
    }

    public String error() {
        return error;
    }

    private static String format(String pattern, Object... args) {
        return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(args);
    }
}
