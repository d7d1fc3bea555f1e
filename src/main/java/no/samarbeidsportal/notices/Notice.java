package no.samarbeidsportal.notices;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One notice to an organisation, as the outbox keeps it (issue 16); written by {@link Notices#send}. */
@Entity
public class Notice extends PanacheEntityBase {

    @Id
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40, updatable = false)
    public NoticeKind kind;

    @Column(nullable = false, length = 9, updatable = false)
    public String orgno;

    /** What its text needs: scope, consumer, client, kid, days, ... */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Map<String, String> facts;

    @Column(nullable = false, updatable = false)
    public Instant created;

    @OneToMany(mappedBy = "notice")
    @OrderBy("id")
    public List<NoticeDelivery> deliveries = new ArrayList<>();

    /** The organisation's notices, newest first, at most {@code max}. */
    public static List<Notice> of(String orgno, int max) {
        return find("orgno = ?1 order by created desc, id desc", orgno).page(0, max).list();
    }

    /** One of the organisation's notices; another organisation's is absent. */
    public static java.util.Optional<Notice> of(String orgno, long id) {
        return find("orgno = ?1 and id = ?2", orgno, id).firstResultOptional();
    }

    /** A fact, or the empty string. */
    public String fact(String name) {
        return facts == null ? "" : facts.getOrDefault(name, "");
    }
}
