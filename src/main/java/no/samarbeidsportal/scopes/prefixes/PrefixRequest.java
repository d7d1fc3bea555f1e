package no.samarbeidsportal.scopes.prefixes;

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
import no.samarbeidsportal.identity.Organisation;

/** An organisation's request for a new prefix, until the platform administrator approves or rejects it. */
@Entity
@Table(name = "prefix_request")
public class PrefixRequest extends PanacheEntityBase {

    public enum State { REQUESTED, APPROVED, REJECTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 63)
    public String prefix;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "orgno")
    public Organisation organisation;

    @Column(length = 1000)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public State state;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(nullable = false)
    public Instant requested;

    @Column(name = "decided_by")
    public String decidedBy;

    public Instant decided;

    public String stateKey() {
        return "prefix-request.state." + state.name();
    }

    /** The organisation's requests, newest first. */
    public static List<PrefixRequest> ofOrganisation(String orgno) {
        return list("select r from PrefixRequest r join fetch r.organisation o where o.orgno = ?1 "
                + "order by r.requested desc", orgno);
    }

    /** Every request waiting for the platform administrator, oldest first. */
    public static List<PrefixRequest> open() {
        return list("select r from PrefixRequest r join fetch r.organisation where r.state = ?1 order by r.requested",
                State.REQUESTED);
    }

    /** How many requests wait for the platform administrator; one count on the index of open requests. */
    public static long countOpen() {
        return count("state", State.REQUESTED);
    }

    public static boolean isOpen(String prefix) {
        return count("prefix = ?1 and state = ?2", prefix, State.REQUESTED) > 0;
    }
}
