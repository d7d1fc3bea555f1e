package no.samarbeidsportal.system;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An {@code Accept-Language} header that is not RFC 9110 syntax is dropped before anything reads it, so the request
 * gets the default language: Qute's response filter and {@link PageContext} would otherwise fail on it.
 */
public class AcceptLanguage {

    /** A language range with an optional weight (RFC 9110 12.5.4, RFC 4647 2.1). */
    private static final Pattern RANGE = Pattern.compile(
            "(\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*[qQ]\\s*=\\s*(0(\\.[0-9]{0,3})?|1(\\.0{0,3})?))?");
    private static final int MAX_LENGTH = 1000;

    @ServerRequestFilter(preMatching = true)
    void dropMalformed(ContainerRequestContext request) {
        String value = request.getHeaderString("Accept-Language");
        if (value != null && !valid(value)) {
            request.getHeaders().remove("Accept-Language");
        }
    }

    /** True when {@code header} is a list of language ranges, each with at most a q weight. */
    public static boolean valid(String header) {
        if (header.length() > MAX_LENGTH) {
            return false;
        }
        for (String element : header.split(",", -1)) {
            String range = element.strip();
            if (!range.isEmpty() && !RANGE.matcher(range).matches()) {
                return false;
            }
        }
        return true;
    }
}
