package no.samarbeidsportal.system;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * admin-api.md 1.2: every API resource answers under {@code /}, {@code /api/v1} and {@code /external/api/v1}, with or
 * without a trailing slash, in place (no redirects). Resources are declared once under {@code /api/v1}; the other
 * forms are rerouted here. Paths with dot segments never get here: {@link RequestHygiene} refuses them first.
 */
@ApplicationScoped
public class ApiAliases {

    private static final Set<String> API_ROOTS = Set.of("clients", "scopes", "prefix", "delegationsources",
            "accessrequests", "datasharing", "audit", "keys", "delegations", "suppliers", "register",
            "webhooks", "setup", "notices");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::route);
    }

    private void route(RoutingContext ctx) {
        String uri = ctx.request().uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q);
        String path = rawPath;
        if (path.startsWith(Paths.API_EXTERNAL + "/")) {
            path = path.substring(Paths.API_EXTERNAL.length());
        } else if (path.startsWith(Paths.API + "/")) {
            path = path.substring(Paths.API.length());
        }
        int end = path.indexOf('/', 1);
        String root = end < 0 ? path.substring(1) : path.substring(1, end);
        if (!API_ROOTS.contains(root)) {
            ctx.next();
            return;
        }
        // admin-api.md 1.4: any Accept gets JSON; the API never answers HTML and never 406
        ctx.request().headers().set("Accept", "application/json");
        String canonical = Paths.API + (path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1) : path);
        if (canonical.equals(rawPath)) {
            ctx.next();
        } else {
            ctx.reroute(canonical + query);
        }
    }
}
