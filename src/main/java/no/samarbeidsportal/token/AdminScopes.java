package no.samarbeidsportal.token;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import org.jboss.logging.Logger;

/**
 * The admin API's own scopes ({@code idporten:dcr.*}, {@code idporten:dcr/onbehalfof:write},
 * {@code idporten:scopes.*}, admin-api.md 2.3) as ordinary scopes under prefix {@code idporten}, owned by the
 * operator's organisation ({@code portal.token.admin-scopes-owner}). The platform administrator, acting for that
 * organisation, grants them on the scope's access list like any other scope; the organisation's client then gets its
 * admin tokens from this token service, the Maskinporten way.
 */
@ApplicationScoped
public class AdminScopes {

    private static final Logger LOG = Logger.getLogger(AdminScopes.class);
    static final Map<String, String> SCOPES = Map.of(
            "dcr.read", "Les integrasjoner (admin-API)",
            "dcr.modify", "Endre integrasjoner (admin-API)",
            "dcr.write", "Opprett, endre og slett integrasjoner (admin-API)",
            "dcr.supplier", "Leverandør: integrasjoner for kunder (admin-API)",
            "dcr/onbehalfof:write", "Onbehalfof-oppføringer på egne ID-porten-integrasjoner (admin-API)",
            "scopes.read", "Les egne scope og tilgangslister (admin-API)",
            "scopes.write", "Administrer egne scope og tilgangslister (admin-API)");

    private final EntityManager em;
    private final Optional<String> owner;

    AdminScopes(EntityManager em, TokenConfig config) {
        this.em = em;
        this.owner = config.adminScopesOwner().filter(o -> !o.isBlank());
    }

    void start(@Observes StartupEvent event) {
        owner.ifPresent(this::ensure);
    }

    /** Creates the prefix and any missing admin scope for the organisation; false when it is not in the portal. */
    public boolean ensure(String orgno) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (em.createNativeQuery("select 1 from organisation where orgno = ?1").setParameter(1, orgno)
                    .getResultList().isEmpty()) {
                LOG.warnf("portal.token.admin-scopes-owner %s is not an organisation in the portal: no admin scopes",
                        orgno);
                return false;
            }
            em.createNativeQuery("insert into scope_prefix (prefix, orgno) values ('idporten', ?1) on conflict do nothing")
                    .setParameter(1, orgno).executeUpdate();
            for (var scope : SCOPES.entrySet()) {
                int made = em.createNativeQuery("""
                        insert into scope (name, prefix, subscope, owner_orgno, description, visibility,
                                           allowed_integration_types)
                        select 'idporten:' || ?1, 'idporten', ?1, ?2, ?3, 'PRIVATE', '["maskinporten"]'::jsonb
                        where exists (select 1 from scope_prefix where prefix = 'idporten' and orgno = ?2)
                        on conflict (name) do nothing""")
                        .setParameter(1, scope.getKey()).setParameter(2, orgno).setParameter(3, scope.getValue())
                        .executeUpdate();
                if (made > 0) {
                    String name = "idporten:" + scope.getKey();
                    AuditEvent.bySystem(orgno, AuditAction.SCOPE_CREATED, AuditSubject.scope(name),
                            Map.of("name", name, "visibility", "PRIVATE",
                                    "allowed_integration_types", List.of("maskinporten")));
                }
            }
            return true;
        });
    }
}
