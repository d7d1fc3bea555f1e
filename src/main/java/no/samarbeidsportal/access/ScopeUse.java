package no.samarbeidsportal.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.IntegrationType;
import no.samarbeidsportal.scopes.Scope;

/**
 * Which scopes an organisation may put on a client of a given integration type (admin-api.md 3.2, 6.4): the scope is
 * active, allows the type, and the organisation owns it, is on its access list, it is accessible for all, or it has a
 * delegation source (checked at token time). The page's picker and the service's check both ask here.
 *
 * <p>For a client a supplier registers for a customer ({@link Supplied}, admin-api.md 2.5) the rule is narrower: only
 * scopes the customer may use through its access list or {@code accessible_for_all}; never the admin API's own scopes
 * ({@code idporten:*}); the customer's own scopes only where the appointment allows it. A delegation from the customer
 * does not count there: delegation is the supplier's own client asking with {@code consumer_org}, and the token service
 * never issues a delegated scope to a supplier's client for the customer, so the picker must not offer one.
 */
@ApplicationScoped
public class ScopeUse {

    /** Why an organisation may use a scope, strongest first. */
    public enum Reason { OWN, GRANTED, ALL, DELEGATION }

    /** Why a scope may not be put on a client. */
    public enum Refusal { UNKNOWN, INACTIVE, TYPE_NOT_ALLOWED, NO_ACCESS, ADMIN_SCOPE, OWN_NOT_ALLOWED }

    public record Usable(Scope scope, Reason reason) {
    }

    /** The admin API's own scopes: never on a supplier's client (admin-api.md 2.5). */
    public static final String ADMIN_PREFIX = "idporten:";

    /**
     * A supplier's client for a customer: who supplies it and whether the customer's appointment lets its own scopes
     * on. A client whose supplier has no active appointment is checked with {@code ownScopes} false.
     */
    public record Supplied(String supplierOrgno, boolean ownScopes) {
    }

    /** For each requested scope name: empty if usable, else why not. */
    public Map<String, Optional<Refusal>> check(String orgno, String integrationType, Collection<String> names) {
        return check(orgno, null, integrationType, names);
    }

    /** As {@link #check(String, String, Collection)}, for a client {@code supplied} by a supplier (or null). */
    public Map<String, Optional<Refusal>> check(String orgno, Supplied supplied, String integrationType,
            Collection<String> names) {
        Map<String, Optional<Refusal>> result = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return result;
        }
        Map<String, Scope> scopes = new LinkedHashMap<>();
        Scope.<Scope>list("name in ?1", names).forEach(s -> scopes.put(s.name, s));
        Set<String> granted = new HashSet<>(Scope.getEntityManager().createQuery(
                "select a.scope.name from ScopeAccess a where a.consumerOrgno = ?1 and a.state = ?2 "
                        + "and a.scope.name in ?3", String.class)
                .setParameter(1, orgno).setParameter(2, AccessState.APPROVED).setParameter(3, names).getResultList());
        for (String name : names) {
            Scope s = scopes.get(name);
            if (s == null) {
                result.put(name, Optional.of(Refusal.UNKNOWN));
            } else if (supplied != null && name.startsWith(ADMIN_PREFIX)) {
                result.put(name, Optional.of(Refusal.ADMIN_SCOPE));
            } else if (!s.active) {
                result.put(name, Optional.of(Refusal.INACTIVE));
            } else if (!IntegrationType.allowedBy(s.allowedIntegrationTypes, integrationType)) {
                result.put(name, Optional.of(Refusal.TYPE_NOT_ALLOWED));
            } else if (reason(s, orgno, supplied, granted.contains(name), integrationType).isEmpty()) {
                result.put(name, Optional.of(supplied != null && s.ownerOrgno.equals(orgno) ? Refusal.OWN_NOT_ALLOWED
                        : Refusal.NO_ACCESS));
            } else {
                result.put(name, Optional.empty());
            }
        }
        return result;
    }

    /** Every scope the organisation may put on a client of this type, by name, for the picker. */
    public List<Usable> usable(String orgno, String integrationType) {
        return usable(orgno, null, integrationType);
    }

    /** As {@link #usable(String, String)}, for a client {@code supplied} by a supplier (or null). */
    public List<Usable> usable(String orgno, Supplied supplied, String integrationType) {
        List<Scope> candidates = Scope.list("select distinct s from Scope s where s.active and (s.ownerOrgno = ?1 "
                + "or s.accessibleForAll or s.delegationSource is not null or exists (select 1 from ScopeAccess a "
                + "where a.scope = s and a.consumerOrgno = ?1 and a.state = ?2))", orgno, AccessState.APPROVED);
        Set<String> granted = new HashSet<>(Scope.getEntityManager().createQuery(
                "select a.scope.name from ScopeAccess a where a.consumerOrgno = ?1 and a.state = ?2", String.class)
                .setParameter(1, orgno).setParameter(2, AccessState.APPROVED).getResultList());
        return candidates.stream()
                .filter(s -> IntegrationType.allowedBy(s.allowedIntegrationTypes, integrationType))
                .filter(s -> supplied == null || !s.name.startsWith(ADMIN_PREFIX))
                .flatMap(s -> reason(s, orgno, supplied, granted.contains(s.name), integrationType).stream()
                        .map(r -> new Usable(s, r)))
                .sorted(Comparator.comparing((Usable u) -> u.reason()).thenComparing(u -> u.scope().name))
                .toList();
    }

    private static Optional<Reason> reason(Scope s, String orgno, Supplied supplied, boolean granted,
            String integrationType) {
        if (s.ownerOrgno.equals(orgno) && (supplied == null || supplied.ownScopes())) {
            return Optional.of(Reason.OWN);
        }
        if (granted) {
            return Optional.of(Reason.GRANTED);
        }
        if (s.accessibleForAll) {
            return Optional.of(Reason.ALL);
        }
        if (s.delegationSource != null && IntegrationType.MASKINPORTEN.wireName().equals(integrationType)
                && IntegrationType.allowedBy(s.allowedIntegrationTypes, IntegrationType.MASKINPORTEN.wireName())
                && supplied == null) {
            return Optional.of(Reason.DELEGATION);
        }
        return Optional.empty();
    }
}
