package no.samarbeidsportal.notices;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An address of an organisation's that gets its notices of one topic (issue 16). */
@Entity
@Table(name = "notice_contact")
public class NoticeContact extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 9, updatable = false)
    public String orgno;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20, updatable = false)
    public NoticeTopic topic;

    @Column(nullable = false, length = 254, updatable = false)
    public String email;

    @Column(nullable = false, updatable = false)
    public Instant created;

    /** The organisation's contacts, by topic and address. */
    public static List<NoticeContact> of(String orgno) {
        return list("orgno = ?1 order by topic, lower(email), id", orgno);
    }

    /** One of the organisation's contacts; another organisation's is absent. */
    public static Optional<NoticeContact> of(String orgno, long id) {
        return find("orgno = ?1 and id = ?2", orgno, id).firstResultOptional();
    }

    static long count(String orgno, NoticeTopic topic) {
        return count("orgno = ?1 and topic = ?2", orgno, topic);
    }

    static boolean exists(String orgno, NoticeTopic topic, String email) {
        return count("orgno = ?1 and topic = ?2 and lower(email) = lower(?3)", orgno, topic, email) > 0;
    }
}
