package no.samarbeidsportal.token;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * The token request's form (token-protocol.md 2), read the way real clients send it: any charset parameter or a
 * separate {@code Charset} header, an unencoded {@code :}, the fields in any order. Only {@code grant_type} and
 * {@code assertion} count; everything else is ignored.
 */
record TokenRequest(String grantType, String assertion) {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final int MAX_BODY = 64 * 1024;

    static TokenRequest parse(byte[] body, String contentType, String charsetHeader) {
        if (body.length > MAX_BODY || contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new TokenRefused(ErrorCode.MP_011);
        }
        Charset charset = charset(contentType, charsetHeader);
        String form = new String(body, charset);
        String grantType = null;
        String assertion = null;
        try {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset).trim();
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset).trim();
                if (name.equals("grant_type") && grantType == null) {
                    grantType = value;
                } else if (name.equals("assertion") && assertion == null) {
                    assertion = value;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new TokenRefused(ErrorCode.MP_011);
        }
        if (grantType != null && !grantType.isEmpty() && !grantType.equals(JWT_BEARER)) {
            throw TokenRefused.unsupportedGrantType();
        }
        if (grantType == null || grantType.isEmpty() || assertion == null || assertion.isEmpty()) {
            throw new TokenRefused(ErrorCode.MP_011);
        }
        return new TokenRequest(grantType, assertion);
    }

    /** Form decoding; a JWS (the assertion) has nothing encoded and is taken as it is, without a copy. */
    private static String decode(String value, Charset charset) {
        return value.indexOf('%') < 0 && value.indexOf('+') < 0 ? value : URLDecoder.decode(value, charset);
    }

    private static Charset charset(String contentType, String charsetHeader) {
        String name = null;
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                name = p.substring(8).replace("\"", "").trim();
            }
        }
        if (name == null) {
            name = charsetHeader;
        }
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
