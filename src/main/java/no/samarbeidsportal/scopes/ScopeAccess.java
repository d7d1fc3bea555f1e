package no.samarbeidsportal.scopes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One consumer organisation on a scope's access list. Revoking sets DENIED; the row stays, for the record. */
@Entity
@Table(name = "scope_access")
public class ScopeAccess extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "scope_id", updatable = false)
    public Scope scope;

    @Column(name = "consumer_orgno", nullable = false, updatable = false, length = 9)
    public String consumerOrgno;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public AccessState state;

    @Column(nullable = false)
    public Instant created;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    public static Optional<ScopeAccess> of(Scope scope, String consumerOrgno) {
        return find("scope = ?1 and consumerOrgno = ?2", scope, consumerOrgno).firstResultOptional();
    }

    /** The number of consumers that have access now to each of the organisation's scopes, by scope id. */
    public static java.util.Map<Long, Long> approvedByScope(String ownerOrgno) {
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        getEntityManager().createQuery("select a.scope.id, count(a) from ScopeAccess a where a.scope.ownerOrgno = :owner "
                + "and a.state = :approved group by a.scope.id", Object[].class)
                .setParameter("owner", ownerOrgno).setParameter("approved", AccessState.APPROVED).getResultList()
                .forEach(r -> counts.put((Long) r[0], (Long) r[1]));
        return counts;
    }

    /** The number of consumers that have access now. */
    public static long countApproved(Scope scope) {
        return count("scope = ?1 and state = ?2", scope, AccessState.APPROVED);
    }

    /** The organisations on the scope's access list now (APPROVED). */
    public static List<String> approvedConsumers(Scope scope) {
        return getEntityManager().createQuery("select a.consumerOrgno from ScopeAccess a where a.scope = ?1 "
                + "and a.state = ?2 order by a.consumerOrgno", String.class)
                .setParameter(1, scope).setParameter(2, AccessState.APPROVED).getResultList();
    }
}
