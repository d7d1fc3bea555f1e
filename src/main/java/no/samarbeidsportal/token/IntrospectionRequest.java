package no.samarbeidsportal.token;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The form of an introspection (RFC 7662 2.1) or revocation (RFC 7009 2.1) request: the token, and the caller's
 * client assertion (RFC 7523 2.2, as Maskinporten clients make them). The first value of each field counts.
 */
record IntrospectionRequest(String token, String clientId, String assertionType, String assertion) {

    static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    static IntrospectionRequest parse(byte[] body, String contentType) {
        if (body.length > TokenRequest.MAX_BODY) {
            throw IntrospectionRefused.invalidRequest("The request is larger than 64 KiB");
        }
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw IntrospectionRefused.invalidRequest("Use Content-Type application/x-www-form-urlencoded");
        }
        String token = null;
        String clientId = null;
        String assertionType = null;
        String assertion = null;
        try {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
                switch (name.trim()) {
                    case "token" -> token = token == null ? value : token;
                    case "client_id" -> clientId = clientId == null ? value : clientId;
                    case "client_assertion_type" -> assertionType = assertionType == null ? value : assertionType;
                    case "client_assertion" -> assertion = assertion == null ? value : assertion;
                    default -> {
                        // token_type_hint and anything else: every token is looked up the same way
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw IntrospectionRefused.invalidRequest("The form cannot be decoded");
        }
        return new IntrospectionRequest(token, clientId, assertionType, assertion);
    }
}
