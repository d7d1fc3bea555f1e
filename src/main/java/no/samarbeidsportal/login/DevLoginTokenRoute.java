package no.samarbeidsportal.login;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The demo login's token endpoint. It is a plain route rather than a JAX-RS resource because the portal's CSRF
 * filter guards every form post to a resource, and this one comes from quarkus-oidc on the server side.
 */
@ApplicationScoped
public class DevLoginTokenRoute {

    private final DevLoginConfig config;
    private final DevLogin login;

    DevLoginTokenRoute(DevLoginConfig config, DevLogin login) {
        this.config = config;
        this.login = login;
    }

    void install(@Observes Router router) {
        router.post("/dev-login/token").handler(BodyHandler.create().setBodyLimit(16 * 1024)).handler(this::token);
    }

    private void token(RoutingContext ctx) {
        if (!config.enabled()) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        String authorization = ctx.request().getHeader("Authorization");
        String[] basic = basic(authorization);
        boolean sentBasic = authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5);
        // Basic credentials that cannot be read authenticate nobody, whatever the form says (RFC 6749 2.3.1)
        String id = sentBasic ? basic == null ? null : basic[0] : form.get("client_id");
        String secret = sentBasic ? basic == null ? null : basic[1] : form.get("client_secret");
        if (!config.clientId().equals(id) || !config.clientSecret().equals(secret)) {
            reply(ctx, 401, Map.of("error", "invalid_client"));
            return;
        }
        String issuer = ctx.request().scheme() + "://" + ctx.request().authority() + "/dev-login";
        login.redeem(form.get("code"), form.get("redirect_uri"), issuer, id).ifPresentOrElse(
                tokens -> reply(ctx, 200, tokens),
                () -> reply(ctx, 400, Map.of("error", "invalid_grant")));
    }

    private static void reply(RoutingContext ctx, int status, Map<String, Object> body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(new JsonObject(body).encode());
    }

    /** The id and secret of {@code Basic base64(id:secret)}; null when it is not that. */
    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
