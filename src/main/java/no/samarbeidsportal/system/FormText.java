package no.samarbeidsportal.system;

import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Form fields (url-encoded, and the text parts of multipart forms) with text PostgreSQL cannot store (NUL, a lone
 * surrogate) are refused with the field's name before any resource sees them; uploaded files are left to their parser.
 */
public class FormText {

    @ServerRequestFilter
    @WithFormRead
    public void check(ResteasyReactiveContainerRequestContext request) {
        FormData form = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormData();
        if (form == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : form) {
            boolean bad = !RequestHygiene.storable(name);
            for (FormValue value : form.get(name)) {
                bad |= !value.isFileItem() && !RequestHygiene.storable(value.getValue());
            }
            if (bad) {
                errors.add(new FieldError(RequestHygiene.storable(name) ? name : "", "error.request.text"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("Request", errors);
        }
    }
}
