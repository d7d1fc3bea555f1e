package no.samarbeidsportal.scopes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The scope form. Field names are the API's, so a field error finds its input by the same name. Numbers stay the text
 * that was typed, so a form with "abc" in one comes back showing "abc", with every field's error from the service.
 */
public class ScopeForm {

    @RestForm
    public String prefix;
    /** The create form's key: a repeated submit answers with the first one's scope (system/Submissions). */
    @RestForm
    public String submission;
    @RestForm
    public String subscope;
    @RestForm
    public String description;
    @RestForm("long_description")
    public String longDescription;
    @RestForm("description_en")
    public String descriptionEn;
    @RestForm("description_nn")
    public String descriptionNn;
    @RestForm("long_description_en")
    public String longDescriptionEn;
    @RestForm("long_description_nn")
    public String longDescriptionNn;
    @RestForm
    public String visibility;
    @RestForm("token_type")
    public String tokenType;
    @RestForm("accessible_for_all")
    public boolean accessibleForAll;
    @RestForm("allowed_integration_types")
    public List<String> allowedIntegrationTypes = new ArrayList<>();
    @RestForm("at_max_age")
    public String atMaxAge;
    @RestForm("authorization_max_lifetime")
    public String authorizationMaxLifetime;
    @RestForm("requires_user_consent")
    public boolean requiresUserConsent;
    @RestForm("requires_user_authentication")
    public boolean requiresUserAuthentication;
    @RestForm("requires_pseudonymous_tokens")
    public boolean requiresPseudonymousTokens;
    @RestForm("supports_european_businesses")
    public boolean supportsEuropeanBusinesses;
    @RestForm("delegation_source")
    public String delegationSource;
    @RestForm("enforced_aud_for_access_token")
    public String enforcedAudForAccessToken;
    @RestForm("enforced_aud_for_introspection")
    public String enforcedAudForIntrospection;
    /** Our extension (issue 18): a token for the scope needs a DPoP proof. */
    @RestForm("requires_dpop")
    public boolean requiresDpop;
    @RestForm
    public Integer version;
    /** Our extension (issue 16): the edit form's access request policy. */
    @RestForm("takes_requests")
    public boolean takesRequests;
    @RestForm("auto_approve_org_forms")
    public String autoApproveOrgForms;

    /** A new scope's form: Maskinporten, public, self-contained tokens. */
    static ScopeForm blank() {
        ScopeForm form = new ScopeForm();
        form.visibility = Visibility.PUBLIC.name();
        form.tokenType = TokenType.SELF_CONTAINED.name();
        form.allowedIntegrationTypes = new ArrayList<>(List.of("maskinporten"));
        form.atMaxAge = "0";
        form.authorizationMaxLifetime = "0";
        return form;
    }

    /** The form filled in with the scope as it is now, and the version it is at. */
    static ScopeForm of(Scope s) {
        ScopeForm form = new ScopeForm();
        form.prefix = s.prefix;
        form.subscope = s.subscope;
        form.description = s.description;
        form.longDescription = s.longDescription;
        form.descriptionEn = s.descriptionEn;
        form.descriptionNn = s.descriptionNn;
        form.longDescriptionEn = s.longDescriptionEn;
        form.longDescriptionNn = s.longDescriptionNn;
        form.visibility = s.visibility.name();
        form.tokenType = s.tokenType.name();
        form.accessibleForAll = s.accessibleForAll;
        form.allowedIntegrationTypes = new ArrayList<>(s.allowedIntegrationTypes);
        form.atMaxAge = String.valueOf(s.atMaxAge);
        form.authorizationMaxLifetime = String.valueOf(s.authorizationMaxLifetime);
        form.requiresUserConsent = s.requiresUserConsent;
        form.requiresUserAuthentication = s.requiresUserAuthentication;
        form.requiresPseudonymousTokens = s.requiresPseudonymousTokens;
        form.supportsEuropeanBusinesses = s.supportsEuropeanBusinesses;
        form.delegationSource = s.delegationSource;
        form.enforcedAudForAccessToken = s.enforcedAudForAccessToken;
        form.enforcedAudForIntrospection = s.enforcedAudForIntrospection;
        form.requiresDpop = s.requiresDpop;
        form.version = s.version;
        form.takesRequests = s.takesRequests;
        form.autoApproveOrgForms = RequestPolicy.of(s).formsText();
        return form;
    }

    public boolean allows(String integrationType) {
        return allowedIntegrationTypes != null && allowedIntegrationTypes.contains(integrationType);
    }

    NewScope toNewScope() {
        return new NewScope(prefix, subscope, attributes());
    }

    ScopeChange toChange() {
        return new ScopeChange(attributes(), version,
                new RequestPolicy(takesRequests, RequestPolicy.parse(autoApproveOrgForms)));
    }

    private ScopeAttributes attributes() {
        return new ScopeAttributes(description, longDescription, descriptionEn, descriptionNn, longDescriptionEn,
                longDescriptionNn, null, visibility, accessibleForAll, allowedIntegrationTypes, tokenType,
                seconds(atMaxAge), seconds(authorizationMaxLifetime), requiresUserConsent, requiresUserAuthentication,
                requiresPseudonymousTokens, delegationSource, enforcedAudForAccessToken, enforcedAudForIntrospection,
                supportsEuropeanBusinesses, notWholeNumbers(), requiresDpop);
    }

    /** The number fields whose text is no whole number: the service reports each with the form's other errors. */
    private Set<String> notWholeNumbers() {
        Set<String> fields = new LinkedHashSet<>();
        if (seconds(atMaxAge) == null && !blank(atMaxAge)) {
            fields.add("at_max_age");
        }
        if (seconds(authorizationMaxLifetime) == null && !blank(authorizationMaxLifetime)) {
            fields.add("authorization_max_lifetime");
        }
        return fields;
    }

    /** A whole number of seconds, as the API's JSON number would be; null when blank or not one. */
    private static Integer seconds(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
