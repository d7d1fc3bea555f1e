package no.samarbeidsportal.token;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import no.samarbeidsportal.system.Issuers;
import no.samarbeidsportal.system.Profile;
import no.samarbeidsportal.system.database.DatabaseOutage;
import org.jboss.logging.Logger;

/**
 * {@code POST /introspect} (RFC 7662) and {@code POST /revoke} (RFC 7009) for the Maskinporten profile, next to
 * {@code /token}: plain Vert.x routes like the token endpoint (no session, no CSRF: the client assertion is the
 * authentication), the body read with the same 64 KiB limit.
 */
@ApplicationScoped
public class IntrospectionEndpoint {

    private static final Logger LOG = Logger.getLogger(IntrospectionEndpoint.class);

    private final Introspection introspection;
    private final TokenConfig config;
    private final Issuers issuers;
    private final DatabaseOutage outage;

    IntrospectionEndpoint(Introspection introspection, TokenConfig config, Issuers issuers, DatabaseOutage outage) {
        this.introspection = introspection;
        this.config = config;
        this.issuers = issuers;
        this.outage = outage;
    }

    /** The metadata members (RFC 8414) for the profile: only the Maskinporten profile serves these endpoints. */
    static void metadata(Profile profile, Map<String, Object> metadata) {
        if (!profile.sky()) {
            metadata.put("introspection_endpoint", profile.base() + "/introspect");
            metadata.put("introspection_endpoint_auth_methods_supported", List.of("private_key_jwt"));
            metadata.put("introspection_endpoint_auth_signing_alg_values_supported", Grant.ALGORITHMS.stream()
                    .sorted().toList());
            metadata.put("revocation_endpoint", profile.base() + "/revoke");
            metadata.put("revocation_endpoint_auth_methods_supported", List.of("private_key_jwt"));
            metadata.put("revocation_endpoint_auth_signing_alg_values_supported", Grant.ALGORITHMS.stream()
                    .sorted().toList());
        }
    }

    void install(@Observes Router router) {
        String path = new Profile(false, config.issuer()).path();
        route(router, path + "/introspect", request -> introspection.introspect(issuers.maskinporten(), request));
        route(router, path + "/revoke", request -> {
            introspection.revoke(issuers.maskinporten(), request);
            return null;
        });
    }

    private void route(Router router, String path, Function<IntrospectionRequest, Map<String, Object>> work) {
        router.route(path).order(Integer.MIN_VALUE + 6).handler(ctx -> {
            if (ctx.request().method() != HttpMethod.POST) {
                ctx.response().putHeader("Allow", "POST");
                refuse(ctx, 405, "invalid_request", "Method not allowed. Use POST");
                return;
            }
            handle(ctx, work);
        });
    }

    private void handle(RoutingContext ctx, Function<IntrospectionRequest, Map<String, Object>> work) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (body.length() + chunk.length() > TokenRequest.MAX_BODY) {
                tooLarge[0] = true;
            } else if (!tooLarge[0]) {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> ctx.vertx().<Map<String, Object>>executeBlocking(() -> {
            if (tooLarge[0]) {
                throw IntrospectionRefused.invalidRequest("The request is larger than 64 KiB");
            }
            return work.apply(IntrospectionRequest.parse(body.getBytes(), request.getHeader("Content-Type")));
        }, false).onComplete(result -> {
            if (result.succeeded()) {
                if (result.result() == null) {
                    ctx.response().setStatusCode(200).putHeader("Cache-Control", "no-store").end();
                } else {
                    json(ctx, 200, result.result());
                }
            } else if (result.cause() instanceof IntrospectionRefused refused) {
                refuse(ctx, refused.status(), refused.error(), refused.getMessage());
            } else {
                if (DatabaseOutage.causedBy(result.cause())) {
                    outage.refused(result.cause());
                } else {
                    LOG.error("Introspection or revocation failed", result.cause());
                }
                ctx.response().putHeader("Retry-After", DatabaseOutage.RETRY_AFTER);
                refuse(ctx, 503, "temporarily_unavailable", "The token service cannot answer now. Try again shortly");
            }
        }));
        request.resume();
    }

    private static void refuse(RoutingContext ctx, int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        json(ctx, status, body);
    }

    private static void json(RoutingContext ctx, int status, Map<String, Object> body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(new JsonObject(body).encode());
    }
}
