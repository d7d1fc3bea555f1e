package no.samarbeidsportal.clients;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.samarbeidsportal.scopes.IntegrationType;
import no.samarbeidsportal.system.Violations;

/**
 * The combination rules of admin-api.md 6.1: integration type, application type, authentication method and grant types
 * fit together, and each type's default and reserved scopes. Yields the attributes with the type's defaults filled in.
 */
final class ClientRules {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String AUTHORIZATION_CODE = "authorization_code";
    static final String REFRESH_TOKEN = "refresh_token";
    private static final Set<String> USER_GRANTS = Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN);
    private static final Set<String> SECRET_METHODS = Set.of("client_secret_basic", "client_secret_post");
    private static final List<String> KRR_SCOPES = List.of("krr:global/kontaktinformasjon.read",
            "krr:global/digitalpost.read");
    /** Scopes of the login services themselves, not in any provider's catalogue (admin-api.md 6.4). */
    private static final Set<String> LOGIN_SCOPES = Set.of("openid", "profile", "eidas", "no_pid");

    /** The attributes as stored: defaults applied, the short jwt-bearer name expanded. */
    record Settings(String applicationType, String authMethod, List<String> grantTypes, List<String> scopes,
            List<String> catalogueScopes) {
    }

    private ClientRules() {
    }

    static boolean usesSecret(String authMethod) {
        return SECRET_METHODS.contains(authMethod);
    }

    static Settings check(IntegrationType type, ClientAttributes a, Violations v) {
        List<String> grants = a.grantTypes().stream().map(g -> "jwt_bearer_token".equals(g) ? JWT_BEARER : g)
                .distinct().toList();
        for (int i = 0; i < grants.size(); i++) {
            if (!USER_GRANTS.contains(grants.get(i)) && !JWT_BEARER.equals(grants.get(i))) {
                v.field("grant_types[" + i + "]", "client.grant-type.unknown", grants.get(i));
            }
        }
        return switch (type) {
            case MASKINPORTEN, KRR -> machine(type, a, grants, v);
            case IDPORTEN, ANSATTPORTEN, API_KLIENT -> user(type, a, grants, v);
        };
    }

    private static Settings machine(IntegrationType type, ClientAttributes a, List<String> grants, Violations v) {
        String app = a.applicationType() == null ? "web" : a.applicationType();
        if (!app.equals("web")) {
            v.field("application_type", "client.application-type.machine", type.wireName());
        }
        String method = a.tokenEndpointAuthMethod() == null ? "private_key_jwt" : a.tokenEndpointAuthMethod();
        if (!method.equals("private_key_jwt")) {
            v.field("token_endpoint_auth_method", "client.auth-method.machine", type.wireName());
        }
        if (!grants.isEmpty() && !grants.equals(List.of(JWT_BEARER))) {
            v.field("grant_types", "client.grant-types.machine", type.wireName());
        }
        List<String> scopes = a.scopes();
        if (type == IntegrationType.KRR) {
            scopes = scopes.isEmpty() ? KRR_SCOPES : scopes;
            for (int i = 0; i < scopes.size(); i++) {
                if (!KRR_SCOPES.contains(scopes.get(i))) {
                    v.field("scopes[" + i + "]", "client.scope.krr-fixed", scopes.get(i));
                }
            }
            return new Settings(app, method, List.of(JWT_BEARER), scopes, List.of());
        }
        if (scopes.isEmpty()) {
            v.field("scopes", "client.scopes.required");
        }
        return new Settings(app, method, List.of(JWT_BEARER), scopes, scopes);
    }

    private static Settings user(IntegrationType type, ClientAttributes a, List<String> grants, Violations v) {
        String app = a.applicationType() == null ? "web" : a.applicationType();
        String method = a.tokenEndpointAuthMethod() == null ? (app.equals("web") ? "client_secret_basic" : "none")
                : a.tokenEndpointAuthMethod();
        if (app.equals("web") && method.equals("none")) {
            v.field("token_endpoint_auth_method", "client.auth-method.web");
        } else if (!app.equals("web") && !method.equals("none")) {
            v.field("token_endpoint_auth_method", "client.auth-method.public", app);
        }
        List<String> userGrants = grants.isEmpty() ? List.of(AUTHORIZATION_CODE, REFRESH_TOKEN) : grants;
        if (!USER_GRANTS.containsAll(userGrants) || !userGrants.contains(AUTHORIZATION_CODE)) {
            v.field("grant_types", "client.grant-types.user", type.wireName());
        }
        if (a.redirectUris().isEmpty()) {
            v.field("redirect_uris", "client.redirect-uris.required");
        }
        uris(a.redirectUris(), "redirect_uris", v);
        uris(a.postLogoutRedirectUris(), "post_logout_redirect_uris", v);
        if (a.frontchannelLogoutUri() != null) {
            URI logout = uri(a.frontchannelLogoutUri());
            if (logout == null) {
                v.field("frontchannel_logout_uri", "client.uri.invalid", a.frontchannelLogoutUri());
            } else if (a.redirectUris().stream().map(ClientRules::uri)
                    .noneMatch(r -> r != null && logout.getHost() != null
                            && logout.getHost().equalsIgnoreCase(r.getHost()))) {
                v.field("frontchannel_logout_uri", "client.frontchannel-logout-uri.domain");
            }
        }
        List<String> scopes = new ArrayList<>(a.scopes().isEmpty() ? List.of("openid", "profile") : a.scopes());
        List<String> catalogue = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            String s = scopes.get(i);
            if (LOGIN_SCOPES.contains(s)) {
                continue;
            }
            if (type == IntegrationType.API_KLIENT) {
                catalogue.add(s);
            } else {
                v.field("scopes[" + i + "]", "client.scope.login-only", s);
            }
        }
        return new Settings(app, method, userGrants, scopes, catalogue);
    }

    private static void uris(List<String> uris, String field, Violations v) {
        for (int i = 0; i < uris.size(); i++) {
            if (uri(uris.get(i)) == null) {
                v.field(field + "[" + i + "]", "client.uri.invalid", uris.get(i));
            }
        }
    }

    /** An absolute http(s) URI, allowing a native client's wildcard port ({@code https://127.0.0.1:*}); else null. */
    private static URI uri(String value) {
        try {
            URI uri = new URI(value.replace(":*/", ":0/").replace(":*", ":0"));
            String scheme = uri.getScheme();
            boolean web = ("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null;
            // native apps may use a private-use scheme in reverse domain form (RFC 8252 7.1): no.turboskatt:/callback
            boolean app = scheme != null && scheme.matches("[a-z][a-z0-9+-]*(\\.[a-z0-9+-]+)+");
            return web || app ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
