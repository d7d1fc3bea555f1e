package no.samarbeidsportal.scopes.cloudtrust;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.IntegrationType;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAccess;
import no.samarbeidsportal.scopes.TokenType;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Issuers;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;
import org.eclipse.microprofile.config.Config;

/**
 * Skyporten cloud trust, generated (issue 18): for one of the provider's scopes and a consumer, the set-up that makes
 * GCP, AWS and Azure trust the sky issuer's tokens for exactly that consumer and scope, and the consumer's side.
 */
@ApplicationScoped
public class CloudTrustService {

    /** The generated set-up; {@code consumerHasAccess} is false when the consumer would get no token for the scope. */
    public record CloudTrust(Scope scope, String consumerOrgno, boolean consumerHasAccess, String issuer,
            String audience, String subject, List<CloudDocument> documents) {

        /** The documents by cloud, the consumer's token request first, for the page's sections. */
        public List<Group> byCloud() {
            java.util.Map<String, List<CloudDocument>> groups = new java.util.LinkedHashMap<>();
            documents.forEach(d -> groups.computeIfAbsent(d.cloud(), c -> new java.util.ArrayList<>()).add(d));
            return groups.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
        }
    }

    /** One cloud's documents (or the consumer's token request), under one heading. */
    public record Group(String cloud, List<CloudDocument> documents) {

        public String headingKey() {
            return "cloudtrust.cloud." + cloud;
        }
    }

    /** What the page shows before any document: the scope, why it cannot be used (or null), the suggestions. */
    public record View(Scope scope, String incapability, String issuer, String suggestedAudience) {

        public String scopePage() {
            return no.samarbeidsportal.system.Paths.portal("scopes/view", "scope", scope.name);
        }
    }

    static final String OBJECT = "CloudTrust";
    /** AWS's ClientIDList takes entries of at most 255 characters; Azure takes one audience of at most 600. */
    static final int AUDIENCE_MAX = 255;
    /** Azure: a subject of at most 600 characters. (GCP's google.subject, at most 127 bytes, is 0192:<orgno>.) */
    static final int AZURE_SUBJECT_MAX = 600;
    /** GCP: an attribute condition of at most 4096 characters. */
    static final int GCP_CONDITION_MAX = 4096;

    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern DIGITS_12 = Pattern.compile("\\d{12}");
    private static final Pattern PROJECT_NUMBER = Pattern.compile("\\d{1,19}");
    private static final Pattern POOL_ID = Pattern.compile("[a-z0-9-]{4,32}");
    private static final Pattern SERVICE_ACCOUNT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    /**
     * The audience goes into shell commands and list flags (gcloud's {@code --allowed-audiences} splits on commas):
     * only the characters an https address with host, port and path needs; no comma, space, quote or percent.
     */
    private static final Pattern AUDIENCE_CHARACTERS = Pattern.compile("[A-Za-z0-9._~:/-]+");

    private final Actor actor;
    private final Issuers issuers;
    private final Config settings;

    CloudTrustService(Actor actor, Issuers issuers, Config settings) {
        this.actor = actor;
        this.issuers = issuers;
        this.settings = settings;
    }

    /** The sky issuer the documents name, byte for byte as the token service signs it (no trailing slash). */
    public String issuer() {
        return issuers.sky().issuer();
    }

    /** The acting organisation's scope by name; another organisation's or an unknown one is 404. */
    public Scope scope(String name) {
        actor.require(Permission.SCOPES_READ);
        if (name == null || name.isBlank()) {
            throw InvalidInput.of(OBJECT, "scope", "scope.query.required");
        }
        return Scope.<Scope>find("name = ?1 and ownerOrgno = ?2", name.trim(), actor.orgno()).firstResultOptional()
                .orElseThrow(() -> new NotFound("scope.not-found", name));
    }

    /** The page's frame for one of the acting organisation's scopes. */
    public View view(String name) {
        Scope scope = scope(name);
        return new View(scope, incapability(scope), issuer(), suggestedAudience(scope));
    }

    /** Why the scope cannot be used with Skyporten, as a message key; null when it can. */
    public String incapability(Scope scope) {
        if (!settings.getOptionalValue("portal.token.sky.enabled", Boolean.class).orElse(true)) {
            return "cloudtrust.sky-disabled";
        }
        if (!scope.active) {
            return "cloudtrust.scope.inactive";
        }
        if (!IntegrationType.allowedBy(scope.allowedIntegrationTypes, IntegrationType.MASKINPORTEN.wireName())) {
            return "cloudtrust.scope.not-maskinporten";
        }
        if (scope.requiresUserAuthentication || scope.requiresUserConsent || scope.requiresPseudonymousTokens) {
            return "cloudtrust.scope.person";
        }
        if (scope.tokenType != TokenType.SELF_CONTAINED) {
            return "cloudtrust.scope.opaque";
        }
        // a valid scope name keeps sub under both limits; checked all the same, as the clouds refuse longer ones
        String subject = "0192:000000000;" + scope.name;
        if (subject.length() > AZURE_SUBJECT_MAX
                || ("assertion.sub == \"" + subject + "\"").length() > GCP_CONDITION_MAX) {
            return "cloudtrust.scope.too-long";
        }
        return null;
    }

    /**
     * The trust set-up for one of the acting organisation's Skyporten-capable scopes, a consumer with a valid
     * organisation number and an absolute https audience; every input error at once.
     */
    public CloudTrust generate(CloudTrustQuery query) {
        Scope scope = scope(query.scope());
        Violations v = Violations.of(OBJECT);
        String why = incapability(scope);
        if (why != null) {
            v.field("scope", why, scope.name);
        }
        String orgno = OrgNumbers.normalise(query.consumerOrgno());
        if (orgno == null || orgno.isEmpty()) {
            v.field("consumer_orgno", "orgno.required");
        } else if (OrgNumbers.problem(orgno) != null) {
            v.field("consumer_orgno", OrgNumbers.problem(orgno));
        }
        String audience = query.audience() == null ? "" : query.audience().trim();
        String audienceProblem = audienceProblem(audience);
        if (audienceProblem != null) {
            v.field("audience", audienceProblem, AUDIENCE_MAX);
        }
        String cloud = query.cloud() == null || query.cloud().isBlank() ? null : query.cloud().trim();
        if (cloud != null && !CloudDocuments.CLOUDS.contains(cloud)) {
            v.field("cloud", "cloudtrust.cloud.unknown");
        }
        CloudDocuments.Names names = new CloudDocuments.Names(
                name(v, "project_id", query.projectId(), PROJECT_ID, "PROJECT_ID"),
                name(v, "project_number", query.projectNumber(), PROJECT_NUMBER, "PROJECT_NUMBER"),
                name(v, "pool", query.pool(), POOL_ID, "skyporten"),
                name(v, "provider", query.provider(), POOL_ID, "samarbeidsportal"),
                name(v, "service_account", query.serviceAccount(), SERVICE_ACCOUNT, "SERVICE_ACCOUNT_EMAIL"),
                name(v, "account_id", query.accountId(), DIGITS_12, "ACCOUNT_ID"),
                name(v, "role_name", query.roleName(), ROLE_NAME, "ROLE_NAME"));
        v.throwIfAny();
        boolean access = scope.accessibleForAll || ScopeAccess.of(scope, orgno)
                .map(a -> a.state == AccessState.APPROVED).orElse(false);
        CloudDocuments.Trust trust = new CloudDocuments.Trust(issuer(), audience, orgno, scope.name, names);
        return new CloudTrust(scope, orgno, access, trust.issuer(), audience, trust.subject(),
                CloudDocuments.of(trust, cloud));
    }

    /**
     * The form's first suggestion for the audience: {@code https://skyporten.<prefix>.example}, under the reserved
     * {@code .example} domain, for the provider to change to its own (Digdir's examples: https://skyporten.entur.org).
     */
    public static String suggestedAudience(Scope scope) {
        return "https://skyporten." + scope.prefix.toLowerCase(java.util.Locale.ROOT) + ".example";
    }

    private static String audienceProblem(String audience) {
        if (audience.isEmpty()) {
            return "cloudtrust.audience.required";
        }
        if (audience.length() > AUDIENCE_MAX) {
            return "cloudtrust.audience.too-long";
        }
        if (!AUDIENCE_CHARACTERS.matcher(audience).matches()) {
            return "cloudtrust.audience.characters";
        }
        try {
            URI uri = new URI(audience);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null || uri.getRawQuery() != null) {
                return "cloudtrust.audience.https";
            }
        } catch (URISyntaxException e) {
            return "cloudtrust.audience.https";
        }
        return null;
    }

    private static String name(Violations v, String field, String given, Pattern pattern, String placeholder) {
        if (given == null || given.isBlank()) {
            return placeholder;
        }
        if (!pattern.matcher(given.trim()).matches()) {
            v.field(field, "cloudtrust.name.invalid");
            return placeholder;
        }
        return given.trim();
    }
}
