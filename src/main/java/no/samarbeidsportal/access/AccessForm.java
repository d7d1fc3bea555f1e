package no.samarbeidsportal.access;

import no.samarbeidsportal.identity.OrgNumbers;
import org.jboss.resteasy.reactive.RestForm;

/** "Legg til tilgang": one organisation number. */
public class AccessForm {

    @RestForm("consumer_orgno")
    public String consumerOrgno;

    /** The number just added when no register knows it, grouped for reading, for the page's warning; not a field. */
    public String unknownOrgno;

    /** The number as typed, without the spaces people copy along ("974 761 076"). */
    String orgno() {
        return OrgNumbers.normalise(consumerOrgno);
    }
}
