package no.samarbeidsportal.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.Optional;

/** Someone who logs in; {@code subject} is the login provider's principal. */
@Entity
public class Person extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String subject;

    public String name;

    @Column(name = "platform_admin", nullable = false)
    public boolean platformAdmin;

    @Column(nullable = false)
    public Instant created;

    /** The organisation last chosen in the switcher: where a new login lands while the person still has a role there. */
    @Column(name = "last_orgno", length = 9)
    public String lastOrgno;

    public static Optional<Person> bySubject(String subject) {
        return find("subject", subject).firstResultOptional();
    }

    public String displayName() {
        return name == null || name.isBlank() ? subject : name;
    }
}
