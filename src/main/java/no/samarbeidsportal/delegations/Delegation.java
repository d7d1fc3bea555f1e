package no.samarbeidsportal.delegations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.scopes.Scope;

/**
 * A consumer organisation's delegation of its access to a scope to a supplier organisation (token-protocol.md 12):
 * the supplier's clients may then ask for the scope with {@code consumer_org}.
 */
@Entity
@Table(name = "delegation")
public class Delegation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "scope_id", updatable = false)
    public Scope scope;

    @Column(name = "consumer_orgno", nullable = false, updatable = false, length = 9)
    public String consumerOrgno;

    @Column(name = "supplier_orgno", nullable = false, updatable = false, length = 9)
    public String supplierOrgno;

    @Column(nullable = false, updatable = false)
    public Instant created;

    /** Delegations the organisation has given (as consumer) or received (as supplier), newest first. */
    static List<Delegation> involving(String orgno) {
        return list("consumerOrgno = ?1 or supplierOrgno = ?1 order by created desc, id desc", orgno);
    }

    Map<String, Object> auditValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("scope", scope.name);
        v.put("consumer_orgno", consumerOrgno);
        v.put("supplier_orgno", supplierOrgno);
        return v;
    }
}
