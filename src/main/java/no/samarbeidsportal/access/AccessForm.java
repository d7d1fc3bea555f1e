package no.samarbeidsportal.access;

import org.jboss.resteasy.reactive.RestForm;

/** "Legg til tilgang": one organisation number. */
public class AccessForm {

    @RestForm("consumer_orgno")
    public String consumerOrgno;
}
