package no.samarbeidsportal.orgs;

import no.samarbeidsportal.identity.OrgNumbers;
import org.jboss.resteasy.reactive.RestForm;

/** The "new organisation" form. */
public class OrganisationForm {

    @RestForm
    public String orgno;

    @RestForm
    public String name;

    NewOrganisation toCommand() {
        return new NewOrganisation(OrgNumbers.normalise(orgno), name);
    }
}
