package no.samarbeidsportal.scopes.prefixes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import no.samarbeidsportal.identity.Organisation;

/** A scope prefix and the organisation it is assigned to; only that organisation creates scopes under it. */
@Entity
@Table(name = "scope_prefix")
public class ScopePrefix extends PanacheEntityBase {

    @Id
    @Column(length = 63)
    public String prefix;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "orgno")
    public Organisation organisation;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public Instant created;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    /** The organisation's prefixes, scoped to it. */
    public static List<ScopePrefix> ofOrganisation(String orgno) {
        return list("select p from ScopePrefix p join fetch p.organisation o where o.orgno = ?1 and p.active "
                + "order by p.prefix", orgno);
    }
}
