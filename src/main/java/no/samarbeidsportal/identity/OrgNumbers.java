package no.samarbeidsportal.identity;

import io.quarkus.qute.TemplateExtension;

/**
 * Organisation numbers as people type and read them: "974 761 076" from a letter or from the portal's own pages is
 * the same number as 974761076, and a refusal says which part is wrong.
 */
public final class OrgNumbers {

    private OrgNumbers() {
    }

    /** The number without spaces (also no-break and thin spaces, tabs, line breaks); null stays null. */
    public static String normalise(String typed) {
        return typed == null ? null : typed.replaceAll("[\\s\\u00a0\\u2007\\u202f]", "");
    }

    /** Grouped as Brønnøysundregistrene prints it, 974 761 076; anything else is shown as it is. */
    public static String format(String orgno) {
        if (orgno == null || !orgno.matches("\\d{9}")) {
            return orgno == null ? "" : orgno;
        }
        return orgno.substring(0, 3) + " " + orgno.substring(3, 6) + " " + orgno.substring(6);
    }

    /** An organisation as people know it, in a question or a message: "974 761 076 Testkommune", or the number alone. */
    public static String withName(String orgno, String name) {
        return name == null || name.isBlank() ? format(orgno) : format(orgno) + " " + name;
    }

    /** {@code {orgno.orgWithName(name)}}: the same in a template (a destructive form's data-confirm question). */
    @TemplateExtension
    static String orgWithName(String orgno, String name) {
        return withName(orgno, name);
    }

    /**
     * What is wrong with a (normalised) number, as a message key: {@code orgno.digits} when it is not nine digits,
     * {@code orgno.invalid} when the check digit does not match; null when it is a valid number.
     */
    public static String problem(String orgno) {
        if (orgno == null || !orgno.matches("\\d{9}")) {
            return "orgno.digits";
        }
        return OrgNumberValidator.isValid(orgno) ? null : "orgno.invalid";
    }
}
