package no.samarbeidsportal.system;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * CSRF on every state-changing page request, whatever its body. quarkus-rest-csrf checks form and multipart bodies
 * (the hidden field, or the header); a POST with no body, or any other body, would pass it unchecked, so here such a
 * request must carry the token in the header the layout's hx-headers sends, equal to the csrf-token cookie. A refusal
 * is a bare 400, which {@link PageErrors#explainRefusedForm} turns into a page that says why.
 */
public class PageCsrf {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final String cookieName;
    private final String headerName;

    PageCsrf(@ConfigProperty(name = "quarkus.rest-csrf.cookie-name") String cookieName,
            @ConfigProperty(name = "quarkus.rest-csrf.token-header-name") String headerName) {
        this.cookieName = cookieName;
        this.headerName = headerName;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request, RoutingContext routing) {
        if (SAFE.contains(request.getMethod()) || !Paths.isPage(routing.normalizedPath()) || isForm(request.getMediaType())) {
            return null;
        }
        Cookie cookie = routing.request().getCookie(cookieName);
        String header = request.getHeaderString(headerName);
        if (cookie == null || header == null || header.isEmpty() || !MessageDigest.isEqual(
                header.getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8))) {
            return Response.status(400).build();
        }
        return null;
    }

    private static boolean isForm(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) && !type.isWildcardType()
                && !type.isWildcardSubtype();
    }
}
