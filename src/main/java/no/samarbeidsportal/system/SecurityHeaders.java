package no.samarbeidsportal.system;

import io.vertx.core.MultiMap;

/**
 * The security headers of every response. Pages get a Content-Security-Policy that allows only the portal's own
 * scripts, styles and form targets (the templates have no inline script, style or event handler; htmx's indicator
 * styles are turned off in the layout's htmx-config), and no page may be framed. Everything that is not HTML (the
 * API's and token service's JSON, scripts, styles) gets a policy that allows nothing, as it is never meant to render.
 */
final class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {
    }

    static void apply(MultiMap headers, String rawPath) {
        headers.set("X-Content-Type-Options", "nosniff");
        // same-origin: the language switch goes back to the page it came from (Referer); no other site learns our URLs
        headers.set("Referrer-Policy", "same-origin");
        if (rawPath.startsWith("/q/")) {
            // Swagger UI and the Dev UI bring their own inline scripts
            return;
        }
        headers.set("X-Frame-Options", "DENY");
        if (!headers.contains("Content-Security-Policy")) {
            String type = headers.get("Content-Type");
            headers.set("Content-Security-Policy", type != null && type.toLowerCase().startsWith("text/html")
                    ? PAGE_POLICY : API_POLICY);
        }
    }
}
