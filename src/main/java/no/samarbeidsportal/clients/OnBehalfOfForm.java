package no.samarbeidsportal.clients;

import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.system.InvalidInput;
import org.jboss.resteasy.reactive.RestForm;

/** The "add an onbehalfof entry" form on the client page. Field names are the API's, so errors find their inputs. */
public class OnBehalfOfForm {

    @RestForm
    public String onbehalfof;
    @RestForm
    public String name;
    @RestForm
    public String orgno;
    @RestForm("client_uri")
    public String clientUri;
    @RestForm
    public String description;

    /** The errors of the last submission, for the page; not a form field. */
    public InvalidInput errors;

    OnBehalfOfForm withErrors(InvalidInput e) {
        errors = e;
        return this;
    }

    NewOnBehalfOf toCommand() {
        return new NewOnBehalfOf(onbehalfof, name, OrgNumbers.normalise(orgno), clientUri, description);
    }
}
