package no.samarbeidsportal.identity;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;

/**
 * Organisations for people, in templates: {@code {org:label(number)}}, {@code {org:name(number)}},
 * {@code {org:spaced(number)}}. The names are those the page's service loaded (OrgNames); nothing is looked up here.
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

    /** The number grouped for reading: 974 761 076. */
    static String spaced(String orgno) {
        return OrgNumbers.format(orgno);
    }

    private static OrgNames names() {
        return Arc.container().instance(OrgNames.class).get();
    }
}
