package no.samarbeidsportal.orgs;

import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.system.InvalidInput;
import org.jboss.resteasy.reactive.RestForm;

/** The "appoint a supplier" form on the organisation page. */
public class AppointmentForm {

    @RestForm("supplier_orgno")
    public String supplierOrgno;

    @RestForm("own_scopes")
    public String ownScopes;

    /** The errors of the last submission, for the page; not a form field. */
    public InvalidInput errors;

    AppointmentForm withErrors(InvalidInput e) {
        errors = e;
        return this;
    }

    NewAppointment toCommand() {
        return new NewAppointment(OrgNumbers.normalise(supplierOrgno),
                "true".equals(ownScopes) || "on".equals(ownScopes));
    }
}
