package no.samarbeidsportal.notices;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** The e-mail of one notice to one recipient, and how its delivery goes (issue 16). */
@Entity
@Table(name = "notice_delivery")
public class NoticeDelivery extends PanacheEntityBase {

    public enum State {
        PENDING, SENT, FAILED;

        public String messageKey() {
            return "notices.state." + name();
        }
    }

    @Id
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "notice_id", updatable = false)
    public Notice notice;

    @Column(nullable = false, length = 254, updatable = false)
    public String recipient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public State state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error", length = 1000)
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;
}
