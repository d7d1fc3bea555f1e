package no.samarbeidsportal.token;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.samarbeidsportal.token.TokenData.TokenClient;
import no.samarbeidsportal.token.TokenData.TokenScope;

/**
 * Who may have which scope (token-protocol.md 5, steps 3 and 10), on the token service's cached data: the client is
 * known and active, a supplier's appointment holds, every scope exists, is on the client, allows its integration type
 * and is open to the consumer through ownership, the access list, accessible_for_all or a delegation. The token
 * endpoint asks before the replay store answers; introspection asks again for a token already issued.
 */
@ApplicationScoped
class ScopeRules {

    /** The admin API's own scopes (admin-api.md 2.3), never for a supplier's client. */
    private static final String ADMIN_PREFIX = "idporten:";

    private final TokenData data;

    /**
     * Step 10, looked up before the replay store is asked: the scopes allowed, or why not ({@code scopesRefused}); the
     * delegation source, or why the scopes are not open to the consumer ({@code openRefused}). The refusals are raised
     * after the replay check, in the spec's order ({@link #allowed()}, then {@link #delegationSource()}).
     */
    record Decision(List<TokenScope> scopes, RuntimeException scopesRefused, String source,
            RuntimeException openRefused) {

        /** The allowed scopes, or the step's refusal (MP-200, MP-201). */
        List<TokenScope> allowed() {
            if (scopesRefused != null) {
                throw scopesRefused;
            }
            return scopes;
        }

        /** The delegation source or null, or the step's refusal (MP-250, MP-251, MP-252). */
        String delegationSource() {
            if (openRefused != null) {
                throw openRefused;
            }
            return source;
        }
    }

    ScopeRules(TokenData data) {
        this.data = data;
    }

    /** Step 10 for the client's request of {@code names} for {@code consumerOrg} (null: the client's own org). */
    Decision decide(TokenClient client, Optional<Boolean> appointment, List<String> names, String consumerOrg) {
        // any failure (a refusal, the database) waits for the replay check; only "not cached" routes the request now
        List<TokenScope> allowed;
        try {
            allowed = allowedScopes(client, names);
        } catch (DecisionCache.NotCached e) {
            throw e;
        } catch (RuntimeException refused) {
            return new Decision(null, refused, null, null);
        }
        try {
            return new Decision(allowed, null, openScopes(client, appointment, allowed, consumerOrg), null);
        } catch (DecisionCache.NotCached e) {
            throw e;
        } catch (RuntimeException refused) {
            return new Decision(allowed, null, null, refused);
        }
    }

    /**
     * At introspection (issue 18): whether an opaque token issued to the client for the scopes, to the consumer
     * ({@code consumerOrg} when it came through a delegation, else null) would still be issued: the same client, scope
     * and consumer checks as the token endpoint, on the same cached data. The grant's own checks (key, time, DPoP proof)
     * were made at issue time and are not repeated.
     */
    boolean stillAllowed(String clientId, List<String> scopes, String consumerOrg) {
        try {
            TokenClient client = usableClient(clientId);
            openScopes(client, appointment(client), allowedScopes(client, scopes), consumerOrg);
            return true;
        } catch (TokenRefused e) {
            return false;
        }
    }

    /**
     * Whether the token for {@code names} is a plain JWT as far as the cache knows: no scope requires DPoP or is opaque
     * (Skyporten's are always JWTs). Cached lookups only, before the grant's signature is checked: the token endpoint
     * routes such requests to a thread that may wait before it spends a verification. Throws
     * {@link DecisionCache.NotCached} when a scope is not cached.
     */
    boolean plainTokens(List<String> names, boolean sky) {
        for (String name : names) {
            TokenScope scope = data.scope(name).orElse(null);
            if (scope != null && (scope.requiresDpop() || scope.opaque() && !sky)) {
                return false;
            }
        }
        return true;
    }

    /** A known, active Maskinporten (or KRR) client, or MP-100. */
    TokenClient usableClient(String clientId) {
        TokenClient client = clientId == null ? null : data.client(clientId).orElse(null);
        if (client == null || !client.active() || !("maskinporten".equals(client.integrationType())
                || "krr".equals(client.integrationType()))) {
            throw new TokenRefused(ErrorCode.MP_100);
        }
        return client;
    }

    /**
     * admin-api.md 2.5: a supplier's client works only while its customer's appointment of the supplier is active
     * (MP-100 otherwise); the appointment says whether the customer's own scopes may be used.
     */
    Optional<Boolean> appointment(TokenClient client) {
        Optional<Boolean> appointment = client.supplierOrgno() == null ? Optional.empty()
                : data.appointment(client.orgno(), client.supplierOrgno());
        if (client.supplierOrgno() != null && appointment.isEmpty()) {
            throw new TokenRefused(ErrorCode.MP_100);
        }
        return appointment;
    }

    /** Step 10's first part: each scope exists, is active and on the client (MP-200), and allows its type (MP-201). */
    private List<TokenScope> allowedScopes(TokenClient client, List<String> names) {
        List<TokenScope> scopes = new ArrayList<>();
        for (String name : names) {
            TokenScope scope = data.scope(name).orElse(null);
            if (scope == null || !scope.active() || !client.scopes().contains(name)) {
                throw new TokenRefused(ErrorCode.MP_200, name);
            }
            scopes.add(scope);
        }
        for (TokenScope scope : scopes) {
            if (!scope.allows(client.integrationType())) {
                throw new TokenRefused(ErrorCode.MP_201, client.integrationType());
            }
        }
        return scopes;
    }

    /**
     * Step 10's second part: every scope is open to the consumer (MP-250), and when the grant names a consumer
     * ({@code consumerOrg}) it is a delegation of a delegable scope to this client's organisation (MP-251, MP-252).
     * Returns the delegation source, or null.
     */
    private String openScopes(TokenClient client, Optional<Boolean> appointment, List<TokenScope> allowed,
            String consumerOrg) {
        String consumer = consumerOrg != null ? consumerOrg : client.orgno();
        String delegationSource = null;
        for (TokenScope scope : allowed) {
            if (consumerOrg != null) {
                // a supplier's client for a customer is not a delegation client (admin-api.md 2.5)
                if (scope.delegationSource() == null || consumerOrg.equals(client.orgno())
                        || client.supplierOrgno() != null) {
                    throw new TokenRefused(ErrorCode.MP_252);
                }
                delegationSource = scope.delegationSource();
            }
            boolean opened = client.supplierOrgno() == null ? open(scope, consumer)
                    : openToSupplied(scope, consumer, appointment.orElse(false));
            if (!opened) {
                throw new TokenRefused(ErrorCode.MP_250, scope.name());
            }
            if (consumerOrg != null && !data.delegated(scope.name(), consumer, client.orgno())) {
                throw new TokenRefused(ErrorCode.MP_251, consumer, scope.name(), client.orgno());
            }
        }
        return delegationSource;
    }

    private boolean open(TokenScope scope, String consumer) {
        return scope.ownerOrgno().equals(consumer) || scope.accessibleForAll() || data.granted(scope.name(), consumer);
    }

    /**
     * The supplier's client rule again at token time (defence in depth, admin-api.md 2.5): never the admin API's own
     * scopes, and the customer's own scopes only where the appointment allows them.
     */
    private boolean openToSupplied(TokenScope scope, String customer, boolean ownScopes) {
        if (scope.name().startsWith(ADMIN_PREFIX)) {
            return false;
        }
        return scope.ownerOrgno().equals(customer) && ownScopes || scope.accessibleForAll()
                || data.granted(scope.name(), customer);
    }
}
