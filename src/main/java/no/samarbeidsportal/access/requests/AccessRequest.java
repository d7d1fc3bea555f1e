package no.samarbeidsportal.access.requests;

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
import no.samarbeidsportal.scopes.Scope;

/** An organisation's request for access to a scope, until the owner decides or the asker withdraws it (issue 16). */
@Entity
@Table(name = "access_request")
public class AccessRequest extends PanacheEntityBase {

    public enum State { PENDING, APPROVED, REJECTED, WITHDRAWN }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "scope_id")
    public Scope scope;

    @Column(name = "consumer_orgno", nullable = false, length = 9)
    public String consumerOrgno;

    @Column(nullable = false, length = 1000)
    public String purpose;

    @Column(name = "contact_email", nullable = false, length = 254)
    public String contactEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public State state;

    @Column(length = 1000)
    public String reason;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(nullable = false)
    public Instant requested;

    @Column(name = "decided_by")
    public String decidedBy;

    public Instant decided;

    public boolean pending() {
        return state == State.PENDING;
    }

    public String stateKey() {
        return "access-request.state." + state.name();
    }

    /** A request about one of {@code ownerOrgno}'s scopes; another provider's is absent. */
    static Optional<AccessRequest> ofOwner(long id, String ownerOrgno) {
        return find("select r from AccessRequest r join fetch r.scope s where r.id = ?1 and s.ownerOrgno = ?2", id,
                ownerOrgno).firstResultOptional();
    }

    /** A request {@code consumerOrgno} made; another organisation's is absent. */
    static Optional<AccessRequest> ofConsumer(long id, String consumerOrgno) {
        return find("select r from AccessRequest r join fetch r.scope where r.id = ?1 and r.consumerOrgno = ?2", id,
                consumerOrgno).firstResultOptional();
    }

    /** The requests about {@code ownerOrgno}'s scopes, pending only or all, oldest pending first then newest. */
    static List<AccessRequest> toOwner(String ownerOrgno, String scopeName, boolean all) {
        io.quarkus.panache.common.Parameters p = io.quarkus.panache.common.Parameters.with("owner", ownerOrgno);
        if (scopeName != null) {
            p.and("scope", scopeName);
        }
        return list("select r from AccessRequest r join fetch r.scope s where s.ownerOrgno = :owner"
                + (scopeName == null ? "" : " and s.name = :scope")
                + (all ? "" : " and r.state = 'PENDING'")
                + " order by case when r.state = 'PENDING' then 0 else 1 end, r.requested desc", p);
    }

    /** The requests {@code consumerOrgno} made, newest first. */
    static List<AccessRequest> ofConsumer(String consumerOrgno) {
        return list("select r from AccessRequest r join fetch r.scope where r.consumerOrgno = ?1 "
                + "order by r.requested desc", consumerOrgno);
    }

    /** The consumer's latest request for the scope, if any. */
    static Optional<AccessRequest> latest(Scope scope, String consumerOrgno) {
        return find("scope = ?1 and consumerOrgno = ?2 order by requested desc, id desc", scope, consumerOrgno)
                .firstResultOptional();
    }

    /** How many requests about {@code ownerOrgno}'s scopes wait for a decision. */
    static long countPending(String ownerOrgno) {
        return count("scope.ownerOrgno = ?1 and state = ?2", ownerOrgno, State.PENDING);
    }

    /** How many requests the consumer made for the scope since {@code since}, whatever became of them. */
    static long madeSince(Scope scope, String consumerOrgno, java.time.Instant since) {
        return count("scope = ?1 and consumerOrgno = ?2 and requested >= ?3", scope, consumerOrgno, since);
    }

    static boolean hasPending(Scope scope, String consumerOrgno) {
        return count("scope = ?1 and consumerOrgno = ?2 and state = ?3", scope, consumerOrgno, State.PENDING) > 0;
    }
}
