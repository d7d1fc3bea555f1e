package no.samarbeidsportal.orgs;

import org.jboss.resteasy.reactive.RestForm;

/** The "new organisation" form. */
public class OrganisationForm {

    @RestForm
    public String orgno;

    @RestForm
    public String name;

    NewOrganisation toCommand() {
        return new NewOrganisation(orgno, name);
    }
}
