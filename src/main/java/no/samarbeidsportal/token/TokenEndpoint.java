package no.samarbeidsportal.token;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import no.samarbeidsportal.system.Issuers;
import no.samarbeidsportal.system.Profile;
import no.samarbeidsportal.system.database.DatabaseOutage;
import no.samarbeidsportal.token.signing.SigningKeys;
import org.jboss.logging.Logger;

/**
 * The token service's HTTP side (token-protocol.md 1, 2, 6, 8, 10): {@code POST /token}, {@code /jwk} and the
 * metadata, for the Maskinporten profile at the issuer's root and for Skyporten under its issuer's path. Plain
 * Vert.x routes: no session, no CSRF (the signed grant is the authentication), and the body is read with the
 * spec's 64 KiB limit.
 */
@ApplicationScoped
public class TokenEndpoint {

    private static final Logger LOG = Logger.getLogger(TokenEndpoint.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MAX_AGE = "public, max-age=300";
    private static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512");

    private final TokenService tokens;
    private final SigningKeys keys;
    private final TokenConfig config;
    private final Issuers issuers;
    private final DatabaseOutage outage;
    private final TokenThreads issuing;
    private final EventLoopBudget budget;

    TokenEndpoint(TokenService tokens, SigningKeys keys, TokenConfig config, Issuers issuers,
            DatabaseOutage outage, TokenThreads issuing) {
        this.budget = new EventLoopBudget(config.eventLoopBudget().toNanos());
        this.tokens = tokens;
        this.keys = keys;
        this.config = config;
        this.issuers = issuers;
        this.outage = outage;
        this.issuing = issuing;
    }

    void install(@Observes Router router) {
        String path = new Profile(false, config.issuer()).path();
        install(router, path, issuers::maskinporten);
        installMetadata(router, path, issuers::maskinporten);
        if (config.sky().enabled()) {
            String sky = new Profile(true, config.sky().issuer()).path();
            install(router, sky, issuers::sky);
            installMetadata(router, sky, issuers::sky);
            if (!sky.isEmpty()) {
                router.get(sky + "/errors/:code").handler(ctx -> ctx.reroute("/errors/" + ctx.pathParam("code")));
            }
        }
    }

    private void install(Router router, String path, Supplier<Profile> profiles) {
        // ahead of the admin API's path aliases and the JAX-RS router: /token is exact, and the hottest path
        router.route(path + "/token").order(Integer.MIN_VALUE + 5).handler(ctx -> {
            Profile profile = profiles.get();
            if (ctx.request().method() != HttpMethod.POST) {
                ctx.response().putHeader("Allow", "POST");
                refuse(ctx, profile, 405, "invalid_request", "Method not allowed. Use POST", ErrorCode.MP_011);
                return;
            }
            token(ctx, profile);
        });
        for (String jwk : List.of(path + "/jwk", path + "/jwk.json")) {
            router.get(jwk).handler(ctx -> json(ctx, 200, keys.published().toJSONObject(true), MAX_AGE));
        }
    }

    /**
     * token-protocol.md 10: RFC 8414 metadata under the issuer's path and, with the well-known path inserted between
     * host and issuer path, at {@code /.well-known/oauth-authorization-server{path}}, each also with a trailing slash;
     * and {@code openid-configuration}, the same members plus the OIDC ones, for frameworks that only look there.
     */
    private static void installMetadata(Router router, String path, Supplier<Profile> profiles) {
        for (String location : List.of(path + "/.well-known/oauth-authorization-server",
                "/.well-known/oauth-authorization-server" + path)) {
            router.get(location).handler(ctx -> json(ctx, 200, metadata(profiles.get(), false), MAX_AGE));
            router.get(location + "/").handler(ctx -> json(ctx, 200, metadata(profiles.get(), false), MAX_AGE));
        }
        router.get(path + "/.well-known/openid-configuration")
                .handler(ctx -> json(ctx, 200, metadata(profiles.get(), true), MAX_AGE));
    }

    private void token(RoutingContext ctx, Profile profile) {
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
        // RFC 9449: a DPoP proof, if any (no list made on the common path without one)
        List<String> dpop = request.headers().contains("DPoP") ? request.headers().getAll("DPoP") : List.of();
        request.endHandler(end -> {
            long started = System.nanoTime();
            Context context = ctx.vertx().getOrCreateContext();
            TokenRequest parsed;
            try {
                if (tooLarge[0]) {
                    throw new TokenRefused(ErrorCode.MP_011);
                }
                parsed = TokenRequest.parse(body.getBytes(), request.getHeader("Content-Type"),
                        request.getHeader("Charset"));
            } catch (Throwable e) {
                answer(ctx, profile, null, e);
                return;
            }
            if (dpop.isEmpty() && budget.available(started)) {
                // the common case, all from the decision cache: checked and signed here on the event loop, with no
                // hand-over to another thread; the answer comes back once the replay store has marked the grant used.
                // Only for a share of the loop's time (EventLoopBudget, counting the form's parsing too; not the
                // answer's writing): a flood goes to the bounded token threads
                try {
                    answerWhenDone(ctx, context, profile, tokens.issueFromCache(profile, parsed));
                    return;
                } catch (DecisionCache.NotCached e) {
                    // a lookup the cache does not hold, or a write of the token's own: on a thread that may wait
                } catch (Throwable e) {
                    answer(ctx, profile, null, e);
                    return;
                } finally {
                    budget.spent(System.nanoTime() - started);
                }
            }
            // on the token service's own threads, which may wait for the database
            boolean queued = issuing.offer(() -> {
                CompletableFuture<TokenService.Issued> issued;
                try {
                    issued = tokens.issue(profile, parsed, dpop);
                } catch (Throwable e) {
                    // whatever goes wrong, the request gets its answer (a 503 for anything but a refusal)
                    issued = CompletableFuture.failedFuture(e);
                }
                answerWhenDone(ctx, context, profile, issued);
            });
            if (!queued) {
                // overloaded: thousands of requests already wait; tell the client to come back instead of queueing
                ctx.response().putHeader("Retry-After", "1");
                refuse(ctx, profile, 503, "temporarily_unavailable",
                        "The token service is busy. Try again shortly", null);
            }
        });
        request.resume();
    }

    /** Answers on the request's event loop once {@code issued} completes. */
    private void answerWhenDone(RoutingContext ctx, Context context, Profile profile,
            CompletableFuture<TokenService.Issued> issued) {
        issued.whenComplete((token, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (context == Vertx.currentContext()) {
                answer(ctx, profile, token, cause);
            } else {
                context.runOnContext(v -> answer(ctx, profile, token, cause));
            }
        });
    }

    /** The token, or the refusal in the protocol's format (on the request's event loop). */
    private void answer(RoutingContext ctx, Profile profile, TokenService.Issued issued, Throwable failure) {
        if (failure == null) {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("access_token", issued.accessToken());
            response.put("token_type", issued.tokenType());
            response.put("expires_in", issued.expiresIn());
            response.put("scope", issued.scope());
            json(ctx, 200, response, "no-store");
        } else if (failure instanceof TokenRefused refused) {
            refuse(ctx, profile, refused.code().status(), refused.error(), refused.getMessage(), refused.code());
        } else if (failure instanceof DpopRefused refused) {
            String trace = refuse(ctx, profile, 400, "invalid_dpop_proof", refused.getMessage(), null);
            LOG.infof("Token request refused: invalid_dpop_proof %s (trace_id: %s)", refused.getMessage(), trace);
        } else if (DatabaseOutage.causedBy(failure)) {
            // counted and logged once per interval (DatabaseOutage), not a stack trace per request
            outage.refused(failure);
            ctx.response().putHeader("Retry-After", DatabaseOutage.RETRY_AFTER);
            refuse(ctx, profile, 503, "temporarily_unavailable",
                    "The token service cannot reach its database. Try again shortly", null);
        } else if (failure instanceof TokenUnavailable unavailable) {
            String trace = refuse(ctx, profile, 503, "temporarily_unavailable",
                    "The token service cannot reach its database. Try again shortly", null);
            LOG.errorf(unavailable.getCause(), "Token request failed: database error (trace_id: %s)", trace);
        } else {
            String trace = refuse(ctx, profile, 503, "temporarily_unavailable",
                    "The token service could not handle the request. Try again shortly", null);
            LOG.errorf(failure, "Token request failed (trace_id: %s)", trace);
        }
    }

    /** Digdir's error body; returns the trace id, which also goes to the log. */
    private static String refuse(RoutingContext ctx, Profile profile, int status, String error, String description,
            ErrorCode code) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String trace = HexFormat.of().formatHex(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description + " (trace_id: " + trace + ")");
        if (code != null) {
            body.put("error_uri", profile.base() + "/errors/" + code.code());
            LOG.infof("Token request refused: %s %s (trace_id: %s)", code.code(), description, trace);
        }
        json(ctx, status, body, "no-store");
        return trace;
    }

    private static void json(RoutingContext ctx, int status, Map<String, Object> body, String cacheControl) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", cacheControl).end(new JsonObject(body).encode());
    }

    private static Map<String, Object> metadata(Profile profile, boolean openid) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", profile.issuer());
        m.put("token_endpoint", profile.tokenEndpoint());
        m.put("jwks_uri", profile.jwksUri());
        m.put("grant_types_supported", List.of(TokenRequest.JWT_BEARER));
        m.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        m.put("token_endpoint_auth_signing_alg_values_supported", ALGORITHMS);
        IntrospectionEndpoint.metadata(profile, m);
        m.put("dpop_signing_alg_values_supported", DpopProofs.ALGORITHMS);
        if (openid) {
            m.put("response_types_supported", List.of("token"));
            m.put("subject_types_supported", List.of("public"));
            m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        }
        return m;
    }
}
