package no.samarbeidsportal.orgs;

import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.register.OrgName;
import org.jboss.resteasy.reactive.RestForm;

/** The "new organisation" form. */
public class OrganisationForm {

    @RestForm
    public String orgno;

    @RestForm
    public String name;

    /** After "Hent fra Enhetsregisteret": what the register knows of the number (null: nothing), for the page. */
    public OrgName found;

    /** Whether the number was looked up, so the page can say that the register does not know it. */
    public boolean lookedUp;

    NewOrganisation toCommand() {
        return new NewOrganisation(OrgNumbers.normalise(orgno), name);
    }
}
