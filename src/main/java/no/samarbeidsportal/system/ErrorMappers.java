package no.samarbeidsportal.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import no.samarbeidsportal.system.database.DatabaseOutage;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become responses. The request path decides the rendering: Digdir's JSON error body
 * for the admin API ({@link ApiErrors}), an error page or an htmx alert for the pages ({@link PageErrors}).
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final ApiErrors api;
    private final PageErrors pages;
    private final CorrelationId correlationId;
    private final DatabaseOutage outage;

    private final LoginSetup login;

    ErrorMappers(ApiErrors api, PageErrors pages, CorrelationId correlationId, DatabaseOutage outage,
            LoginSetup login) {
        this.api = api;
        this.pages = pages;
        this.correlationId = correlationId;
        this.outage = outage;
        this.login = login;
    }

    @ServerExceptionMapper
    public Response portal(PortalException e, HttpServerRequest request) {
        return render(e, request);
    }

    /** No valid login: Digdir's 401 for the API; for pages the login mechanism's challenge (a redirect to log in). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Uni<Response> unauthenticated(RuntimeException e, RoutingContext ctx) {
        if (!Paths.isPage(ctx.normalizedPath())) {
            String reason = ctx.get(ApiErrors.TOKEN_FAILURE);
            return Uni.createFrom().item(api.render(new Unauthenticated(reason == null ? "error.unauthenticated"
                    : reason), Locale.ENGLISH, correlationId.get()));
        }
        boolean htmx = "true".equals(ctx.request().getHeader("HX-Request"));
        if (!login.configured()) {
            return Uni.createFrom().item(pages.render(new StatusException(503, "error.login.not-configured"), htmx));
        }
        HttpAuthenticator authenticator = ctx.get(HttpAuthenticator.class.getName());
        return authenticator.getChallenge(ctx).map(challenge -> {
            if (challenge == null) {
                return pages.render(new Unauthenticated("error.unauthenticated"), false);
            }
            Response.ResponseBuilder response = Response.status(challenge.status);
            if (challenge.headerName != null) {
                response.header(challenge.headerName.toString(), challenge.headerContent);
            }
            return response.build();
        }).onFailure().recoverWithItem(failure -> {
            // the login provider cannot be reached (its discovery failed): say so, rather than a bare 500
            LOG.warnf("The login provider could not be reached: %s", failure.getMessage());
            return pages.render(new StatusException(503, "error.login.unavailable"), htmx);
        });
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return render(new Forbidden("error.forbidden"), request);
    }

    /** Also for MismatchedInputException, which quarkus-rest-jackson would otherwise answer in its own shape. */
    @ServerExceptionMapper({JsonProcessingException.class,
        com.fasterxml.jackson.databind.exc.MismatchedInputException.class})
    public Response badJson(JsonProcessingException e, HttpServerRequest request) {
        // admin-api.md 6.7: malformed JSON and wrong types are invalid_request, never a 500
        String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("")
                : "";
        boolean unstorable = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f
                && f.getOriginalMessage().startsWith(JsonSetup.UNSTORABLE);
        return render(InvalidInput.of("Request", field, unstorable ? "error.request.text"
                : field.isEmpty() ? "error.json.malformed" : "error.json.type"), request);
    }

    @ServerExceptionMapper
    public Uni<Response> web(WebApplicationException e, HttpServerRequest request) {
        if (answersHtml(request.path()) && !BlockingOperationControl.isBlockingAllowed()) {
            // an address no page has is refused while routing, on the event loop; the error page in the portal's frame
            // asks who is logged in (the database), which may only block a worker thread
            return Uni.createFrom().item(() -> webError(e, request))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().item(webError(e, request));
    }

    private Response webError(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        if (e.getCause() != null && (status == 404 || status == 400)) {
            // JAX-RS answers a query or path parameter it cannot convert (page=abc, a number out of range) with 404:
            // the request is at fault, not the resource
            return render(new StatusException(400, "error.request.parameter"), request);
        }
        String key = switch (status) {
            case 404 -> "error.not-found";
            case 405 -> "error.method";
            case 406, 415 -> "error.media-type";
            default -> "error.bad-request";
        };
        PortalException mapped = switch (status) {
            case 404 -> new NotFound(key);
            case 401 -> new Unauthenticated("error.unauthenticated");
            case 403 -> new Forbidden("error.forbidden");
            default -> new StatusException(status, key);
        };
        return render(mapped, request);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseOutage.causedBy(e)) {
            // counted and logged once per interval, not a stack trace per request
            outage.refused(e);
            return Response.fromResponse(render(new StatusException(503, "error.unavailable"), request))
                    .header("Retry-After", DatabaseOutage.RETRY_AFTER).build();
        }
        if (brokenFormEncoding(e)) {
            // a form body with a broken percent-escape (%zz, a trailing %): RESTEasy fails while decoding it
            return render(new StatusException(400, "error.request.text"), request);
        }
        PortalException conflict = ConcurrentChanges.of(e);
        if (conflict != null) {
            return render(conflict, request);
        }
        String id = correlationId.get();
        LOG.errorf(e, "Unexpected failure, correlation id %s", id);
        return render(new StatusException(500, "error.unexpected"), request);
    }

    private static boolean brokenFormEncoding(Throwable e) {
        if (!(e instanceof IllegalArgumentException)) {
            return false;
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("org.jboss.resteasy.reactive.server.core.multipart.FormEncodedData")) {
                return true;
            }
        }
        return false;
    }

    private Response render(PortalException e, HttpServerRequest request) {
        if (answersHtml(request.path())) {
            return pages.render(e, "true".equals(request.getHeader("HX-Request")));
        }
        return api.render(e, apiLocale(request), correlationId.get());
    }

    /** The pages, and the token error pages (token-protocol.md 8: a person follows error_uri in a browser). */
    private static boolean answersHtml(String path) {
        return Paths.isPage(path) || path.equals("/errors") || path.startsWith("/errors/");
    }

    /** API messages are English unless the caller asks for Norwegian. */
    private static Locale apiLocale(HttpServerRequest request) {
        String accept = request.getHeader("Accept-Language");
        return accept != null && (accept.startsWith("nb") || accept.startsWith("no")) ? Messages.NB : Locale.ENGLISH;
    }

    /** A failure that has only a status and a message. */
    static final class StatusException extends PortalException {

        private final int status;

        StatusException(int status, String messageKey) {
            super(messageKey);
            this.status = status;
        }

        @Override
        public int status() {
            return status;
        }
    }

}
