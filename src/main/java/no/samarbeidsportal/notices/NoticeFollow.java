package no.samarbeidsportal.notices;

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
import no.samarbeidsportal.identity.Person;

/** A person who wants an organisation's notices of one topic too ("send to me too", issue 16). */
@Entity
@Table(name = "notice_follow")
public class NoticeFollow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "person_id", updatable = false)
    public Person person;

    @Column(nullable = false, length = 9, updatable = false)
    public String orgno;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20, updatable = false)
    public NoticeTopic topic;

    @Column(nullable = false, length = 254)
    public String email;

    @Column(nullable = false, updatable = false)
    public Instant created;

    /** What the person follows in the organisation. */
    public static List<NoticeFollow> of(Person person, String orgno) {
        return list("person = ?1 and orgno = ?2 order by topic", person, orgno);
    }

    static Optional<NoticeFollow> of(Person person, String orgno, NoticeTopic topic) {
        return find("person = ?1 and orgno = ?2 and topic = ?3", person, orgno, topic).firstResultOptional();
    }
}
