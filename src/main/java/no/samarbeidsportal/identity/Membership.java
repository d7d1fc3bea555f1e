package no.samarbeidsportal.identity;

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
import java.time.Instant;
import java.util.List;

/** A person's role in an organisation. */
@Entity
public class Membership extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "person_id")
    public Person person;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "orgno")
    public Organisation organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public Role role;

    @Column(nullable = false)
    public Instant granted;

    @Column(name = "granted_by", nullable = false)
    public String grantedBy;

    public static List<Membership> ofPerson(Person person) {
        return list("select m from Membership m join fetch m.organisation where m.person = ?1", person);
    }

    /** Everyone with a role in the organisation, scoped to it. */
    public static List<Membership> inOrganisation(String orgno) {
        return list("select m from Membership m join fetch m.person p where m.organisation.orgno = ?1 "
                + "order by p.subject, m.role", orgno);
    }

    public static long count(Person person, String orgno, Role role) {
        return count("person = ?1 and organisation.orgno = ?2 and role = ?3", person, orgno, role);
    }
}
