package no.samarbeidsportal.keys;

import com.nimbusds.jose.JOSEException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.clients.Client;
import no.samarbeidsportal.clients.ClientKey;
import no.samarbeidsportal.clients.ClientService;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.register.OrgNames;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;

/**
 * A client's public keys (admin-api.md 3.7, 6.2): the whole set replaced as Digdir's API does, or one key added or
 * removed at a time. Each key expires a year after it was last posted, never after its certificate. Who may read or
 * change them is the client's rule ({@link ClientService#visible}, {@link ClientService#operated}).
 */
@ApplicationScoped
public class KeyService {

    /** A client's key set, with when the set was first and last changed (absent when empty). */
    public record KeySet(Client client, List<ClientKey> keys, Instant warnBefore) {

        /** Whether a key expires within 30 days, for a warning on pages. */
        public boolean expiresSoon(ClientKey key) {
            return key.expires.isBefore(warnBefore);
        }

        public Instant created() {
            return keys.stream().map(k -> k.created).min(Instant::compareTo).orElse(null);
        }

        public Instant lastUpdated() {
            return keys.stream().map(k -> k.lastUpdated).max(Instant::compareTo).orElse(null);
        }

        /** The kids of this set that other clients use too, for a warning on the page. */
        public Set<String> kidsUsedElsewhere() {
            return ClientKey.kidsUsedElsewhere(client, keys.stream().map(k -> k.kid).toList());
        }
    }

    static final Duration LIFETIME = Duration.ofDays(365);
    static final int MAX_KEYS = 5;
    /** Ten years: any key expires before that, and the database's timestamps end long after it. */
    static final int MAX_EXPIRING_DAYS = 3650;

    private final ClientService clients;
    private final Actor actor;
    private final Audit audit;
    private final Clock clock;
    private final OrgNames orgNames;

    KeyService(ClientService clients, Actor actor, Audit audit, Clock clock, OrgNames orgNames) {
        this.clients = clients;
        this.actor = actor;
        this.audit = audit;
        this.clock = clock;
        this.orgNames = orgNames;
    }

    public KeySet keys(String clientId) {
        Client client = clients.visible(clientId, false);
        return named(new KeySet(client, ClientKey.of(client), warnBefore()));
    }

    /** Replaces the set with the keys in {@code body}; keys left out are removed, posted ones renewed (3.7). */
    @Transactional
    public KeySet replace(String clientId, byte[] body) {
        Client client = lockedForChange(clientId);
        List<ClientKey> existing = ClientKey.of(client);
        List<SubmittedKey> submitted = read(client, existing, body);
        Map<String, Object> before = auditValues(existing);
        Set<String> kept = new HashSet<>(submitted.stream().map(SubmittedKey::kid).toList());
        existing.stream().filter(k -> !kept.contains(k.kid)).forEach(ClientKey::delete);
        store(client, existing, submitted);
        return recorded(client, AuditAction.KEYS_REPLACED, before);
    }

    /**
     * Adds the keys in {@code body} to the set. The same kid with the same key renews it; the same kid with another key
     * is refused, as is a sixth key.
     */
    @Transactional
    public KeySet add(String clientId, byte[] body) {
        Client client = lockedForChange(clientId);
        List<ClientKey> existing = ClientKey.of(client);
        Map<String, ClientKey> byKid = new HashMap<>();
        existing.forEach(k -> byKid.put(k.kid, k));
        Violations violations = Violations.of("JWKS");
        List<SubmittedKey> submitted = KeyInput.read(body, client.clientOrgno, clock.instant(), violations);
        checkSet(submitted, existing, violations);
        long added = 0;
        for (SubmittedKey key : submitted) {
            ClientKey same = byKid.get(key.kid());
            if (same == null) {
                added++;
            } else if (!same.thumbprint.equals(thumbprint(key))) {
                violations.field(key.field() + ".kid", "key.kid.taken", key.kid());
            }
        }
        if (existing.size() + added > MAX_KEYS) {
            violations.field("keys", "key.count.max", MAX_KEYS, existing.size());
        }
        violations.throwIfAny();
        Map<String, Object> before = auditValues(existing);
        store(client, existing, submitted);
        return recorded(client, AuditAction.KEYS_ADDED, before);
    }

    @Transactional
    public KeySet remove(String clientId, String kid) {
        Client client = lockedForChange(clientId);
        List<ClientKey> existing = ClientKey.of(client);
        ClientKey key = existing.stream().filter(k -> k.kid.equals(kid)).findFirst()
                .orElseThrow(() -> new NotFound("key.not-found", kid));
        Map<String, Object> before = auditValues(existing);
        key.delete();
        return recorded(client, AuditAction.KEY_REMOVED, before);
    }

    /** Empties the set (admin-api.md 3.7 DELETE). */
    @Transactional
    public KeySet clear(String clientId) {
        Client client = lockedForChange(clientId);
        List<ClientKey> existing = ClientKey.of(client);
        Map<String, Object> before = auditValues(existing);
        existing.forEach(ClientKey::delete);
        return recorded(client, AuditAction.KEYS_CLEARED, before);
    }

    /**
     * The keys of the acting organisation's active clients, and of those it supplies, that expire within
     * {@code days} (0 to ten years), soonest first: what stops working next.
     */
    public List<ClientKey> expiring(int days) {
        actor.require(Permission.CLIENTS_READ);
        if (days < 0 || days > MAX_EXPIRING_DAYS) {
            throw InvalidInput.of("Request", "days", "key.expiring.days", MAX_EXPIRING_DAYS);
        }
        return ClientKey.expiringFor(actor.orgno(), actor.may(Permission.SUPPLIER),
                clock.instant().plus(Duration.ofDays(days)));
    }

    /**
     * Reads a key set as another feature holds it (the declarative set-up, issue 17) without storing it: each valid
     * key's kid with its RFC 7638 thumbprint, in order. Rule breaks join {@code violations} with fields {@code keys[i]}.
     */
    public Map<String, String> thumbprints(String clientOrgno, byte[] jwks, Violations violations) {
        List<SubmittedKey> submitted = KeyInput.read(jwks, clientOrgno, clock.instant(), violations);
        Map<String, String> thumbprints = new LinkedHashMap<>();
        for (SubmittedKey key : submitted) {
            if (thumbprints.put(key.kid(), thumbprint(key)) != null) {
                violations.field(key.field() + ".kid", "key.kid.duplicate", key.kid());
            }
        }
        if (submitted.size() > MAX_KEYS) {
            violations.field("keys", "key.count.max", MAX_KEYS, 0);
        }
        return thumbprints;
    }

    private List<SubmittedKey> read(Client client, List<ClientKey> existing, byte[] body) {
        Violations violations = Violations.of("JWKS");
        List<SubmittedKey> submitted = KeyInput.read(body, client.clientOrgno, clock.instant(), violations);
        checkSet(submitted, existing, violations);
        if (submitted.size() > MAX_KEYS) {
            violations.field("keys", "key.count.max", MAX_KEYS, 0);
        }
        violations.throwIfAny();
        return submitted;
    }

    private Instant warnBefore() {
        return clock.instant().plus(Duration.ofDays(30));
    }

    /**
     * The client, its row locked until the change commits: two concurrent changes to one key set take turns, so the
     * five-key limit and the kids' uniqueness hold.
     */
    private Client lockedForChange(String clientId) {
        Client client = clients.operated(clientId);
        Client.getEntityManager().lock(client, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return client;
    }

    private void checkSet(List<SubmittedKey> submitted, List<ClientKey> existing, Violations violations) {
        Instant now = clock.instant();
        Map<String, String> thumbprints = new HashMap<>();
        existing.forEach(k -> thumbprints.put(k.kid, k.thumbprint));
        Set<String> kids = new HashSet<>();
        for (SubmittedKey key : submitted) {
            if (!kids.add(key.kid())) {
                violations.field(key.field() + ".kid", "key.kid.duplicate", key.kid());
            }
            // admin-api.md 3.7: GET output posted back is accepted, so a registered key that has expired may be
            // echoed with its past exp (it stays expired); only a new key cannot start out expired
            boolean registered = thumbprint(key).equals(thumbprints.get(key.kid()));
            if (key.exp() != null && !key.exp().isAfter(now) && !registered) {
                violations.field(key.field() + ".exp", "key.exp.past");
            }
        }
    }

    /** Writes the submitted keys over the existing ones by kid; each gets its expiry (3.7). */
    private void store(Client client, List<ClientKey> existing, List<SubmittedKey> submitted) {
        Instant now = clock.instant();
        Map<String, ClientKey> byKid = new HashMap<>();
        existing.forEach(k -> byKid.put(k.kid, k));
        for (SubmittedKey s : submitted) {
            ClientKey key = byKid.get(s.kid());
            if (key == null) {
                key = new ClientKey();
                key.client = client;
                key.kid = s.kid();
                key.created = now;
            }
            key.jwk = new LinkedHashMap<>(s.jwk().toPublicJWK().toJSONObject());
            key.thumbprint = thumbprint(s);
            key.expires = Stream.of(now.plus(LIFETIME), s.exp(),
                    s.certificate() == null ? null : s.certificate().notAfter())
                    .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElseThrow();
            EnterpriseCertificate c = s.certificate();
            key.certificateSubject = c == null ? null : c.subject();
            key.certificateIssuer = c == null ? null : c.issuer();
            key.certificateSerial = c == null ? null : c.serial();
            key.certificateFingerprint = c == null ? null : c.fingerprint();
            key.certificateOrgno = c == null ? null : c.orgno();
            key.certificateNotBefore = c == null ? null : c.notBefore();
            key.certificateNotAfter = c == null ? null : c.notAfter();
            key.lastUpdated = now;
            key.persist();
        }
    }

    private KeySet recorded(Client client, AuditAction action, Map<String, Object> before) {
        ClientKey.flush();
        List<ClientKey> now = ClientKey.of(client);
        audit.record(client.clientOrgno, action, AuditSubject.client(client.clientId), before, auditValues(now));
        return named(new KeySet(client, now, warnBefore()));
    }

    /** Loads the names the key page shows (the client's organisations, the certificates' numbers) in one look-up. */
    private KeySet named(KeySet set) {
        List<String> orgnos = new java.util.ArrayList<>(java.util.Arrays.asList(set.client().clientOrgno,
                set.client().supplierOrgno));
        set.keys().forEach(k -> orgnos.add(k.certificateOrgno));
        orgNames.load(orgnos);
        return set;
    }

    /** Keys by kid, thumbprint, expiry and certificate serial: never key material. */
    private static Map<String, Object> auditValues(List<ClientKey> keys) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ClientKey k : keys) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("kid", k.kid);
            v.put("thumbprint", k.thumbprint);
            v.put("exp", k.expires.getEpochSecond());
            if (k.certificateSerial != null) {
                v.put("certificate_serial", k.certificateSerial);
            }
            list.add(v);
        }
        return Map.of("keys", list);
    }

    private static String thumbprint(SubmittedKey key) {
        try {
            return key.jwk().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 thumbprint of a parsed RSA key", e);
        }
    }
}
