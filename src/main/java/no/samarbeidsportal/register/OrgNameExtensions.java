package no.samarbeidsportal.register;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.system.PageContext;

/**
 * Organisations for people, in templates: {@code {org:label(number)}}, {@code {org:name(number)}},
 * {@code {org:status(number)}}, {@code {org:spaced(number)}}. The names and statuses are those the page's service
 * loaded (OrgNames); nothing is looked up here.
 */
@TemplateExtension(namespace = "org")
public class OrgNameExtensions {

    private OrgNameExtensions() {
    }

    static String name(String orgno) {
        return names().name(orgno);
    }

    static String label(String orgno) {
        return names().label(orgno);
    }

    /** The register's marker when the organisation is not active ("konkurs"), in the page's language; else null. */
    static String status(String orgno) {
        return names().status(orgno, Arc.container().instance(PageContext.class).get().locale());
    }

    /** The number grouped for reading: 974 761 076. */
    static String spaced(String orgno) {
        return OrgNumbers.format(orgno);
    }

    private static OrgNames names() {
        return Arc.container().instance(OrgNames.class).get();
    }
}
