package no.samarbeidsportal.system;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** The HTTP request being served, or null when a service runs outside one (a job, a test calling it directly). */
public final class CurrentRequest {

    private CurrentRequest() {
    }

    public static HttpServerRequest get() {
        CurrentVertxRequest current = Arc.container().instance(CurrentVertxRequest.class).get();
        RoutingContext ctx = current == null ? null : current.getCurrent();
        return ctx == null ? null : ctx.request();
    }
}
