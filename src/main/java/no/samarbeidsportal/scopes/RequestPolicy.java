package no.samarbeidsportal.scopes;

import java.util.List;
import java.util.Locale;
import no.samarbeidsportal.system.Violations;

/**
 * Whether a scope takes access requests from the catalogue, and the organisational forms (Enhetsregisteret's codes,
 * e.g. KOMM, FYLK, STAT, ORGL) whose requests are approved at once (issue 16). Our extension: Digdir's scope has
 * neither, so it travels apart from the scope's JSON.
 */
public record RequestPolicy(boolean takesRequests, List<String> autoApproveOrgForms) {

    /** At most this many forms per scope. */
    public static final int MAX_FORMS = 20;
    private static final String FORM = "^[A-Z]{2,4}$";

    public RequestPolicy {
        autoApproveOrgForms = autoApproveOrgForms == null ? List.of() : autoApproveOrgForms.stream()
                .map(f -> f == null ? "" : f.strip().toUpperCase(Locale.ROOT)).filter(f -> !f.isEmpty()).distinct()
                .toList();
    }

    /** The forms as typed in the scope form: separated by commas or spaces. */
    public static List<String> parse(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("[,;\\s]+"));
    }

    /** The scope's policy as it is now. */
    public static RequestPolicy of(Scope scope) {
        return new RequestPolicy(scope.takesRequests, scope.autoApproveOrgForms);
    }

    /** The forms as the scope form shows them. */
    public String formsText() {
        return String.join(", ", autoApproveOrgForms);
    }

    void check(Violations violations) {
        if (autoApproveOrgForms.size() > MAX_FORMS) {
            violations.field("auto_approve_org_forms", "scope.auto-approve.too-many", MAX_FORMS);
            return;
        }
        autoApproveOrgForms.stream().filter(f -> !f.matches(FORM)).findFirst().ifPresent(f -> violations
                .field("auto_approve_org_forms", "scope.auto-approve.format", f.length() > 20 ? f.substring(0, 20)
                        + "…" : f));
    }
}
