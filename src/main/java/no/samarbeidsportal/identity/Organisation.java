package no.samarbeidsportal.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;

/** An organisation known to the portal, identified by its 9-digit organisation number. */
@Entity
public class Organisation extends PanacheEntityBase {

    @Id
    @Column(length = 9)
    public String orgno;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public Instant created;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    @Version
    public long version;

    /** The organisation number grouped as Brønnøysundregistrene prints it: 991 825 827. */
    public String formattedOrgno() {
        return OrgNumbers.format(orgno);
    }
}
