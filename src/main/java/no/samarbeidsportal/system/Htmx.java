package no.samarbeidsportal.system;

import io.quarkus.qute.TemplateInstance;
import org.jboss.resteasy.reactive.RestResponse;

/** Page responses shared by every form (house style R9). */
public final class Htmx {

    private Htmx() {
    }

    /** The form again with its field errors: 422, which the layout's htmx-config swaps. */
    public static RestResponse<TemplateInstance> invalid(TemplateInstance form) {
        return RestResponse.ResponseBuilder.<TemplateInstance>create(422).entity(form).build();
    }
}
