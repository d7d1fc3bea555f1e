package no.samarbeidsportal.system;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The request's correlation id (32 hex, admin-api.md 6.7): from X-Correlation-ID when sane, else made here. */
@RequestScoped
public class CorrelationId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private String value;

    public String get() {
        if (value == null) {
            HttpServerRequest request = CurrentRequest.get();
            String given = request == null ? null : request.getHeader("X-Correlation-ID");
            value = given != null && given.matches("[A-Za-z0-9-]{8,64}") ? given : newId();
        }
        return value;
    }

    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
