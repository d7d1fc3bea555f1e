package no.samarbeidsportal.keys;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.clients.ClientKey;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.identity.SupplierAppointment;
import no.samarbeidsportal.notices.NoticeConfig;
import no.samarbeidsportal.notices.NoticeKind;
import no.samarbeidsportal.notices.Notices;
import no.samarbeidsportal.webhooks.WebhookEventType;
import no.samarbeidsportal.webhooks.Webhooks;
import org.jboss.logging.Logger;

/**
 * No key expires in silence (issue 16): 30, 14, 7 and 1 days before a key of an active client expires (its JWK's
 * {@code exp}, for a certificate its notAfter), and once it has expired, the client's organisation and its supplier
 * get a notice naming the client and the kid. Each threshold is noticed once per key: the row (key, threshold) in
 * {@code key_expiry_notice}, inserted with {@code on conflict do nothing} in the notice's transaction, is the
 * guarantee, so several instances may check at the same time. A key first seen late gets the threshold it is in, not
 * the ones it passed; an expired key is noticed only within {@link #EXPIRED_WINDOW} of its expiry, so a first run does
 * not flood the outbox with keys that expired long ago.
 */
@ApplicationScoped
public class KeyExpiryCheck {

    private static final Logger LOG = Logger.getLogger(KeyExpiryCheck.class);
    /** Days before expiry a notice goes out, largest first; 0 is "has expired". */
    static final int[] THRESHOLDS = {30, 14, 7, 1};
    static final Duration EXPIRED_WINDOW = Duration.ofDays(30);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
            .withZone(ZoneId.of("Europe/Oslo"));

    private final EntityManager em;
    private final Clock clock;
    private final Notices notices;
    private final NoticeConfig config;
    private final Webhooks webhooks;
    private ScheduledExecutorService timer;

    KeyExpiryCheck(EntityManager em, Clock clock, Notices notices, NoticeConfig config, Webhooks webhooks) {
        this.em = em;
        this.clock = clock;
        this.notices = notices;
        this.config = config;
        this.webhooks = webhooks;
    }

    void start(@Observes StartupEvent event) {
        long every = config.expiryCheckEvery().toMillis();
        if (every <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "key-expiry-check");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, 1, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Writes the expiry notices due at {@code now} that no check has written before; returns how many keys. */
    @Transactional
    public int check(Instant now) {
        List<ClientKey> keys = em.createQuery("select k from ClientKey k join fetch k.client c where c.active "
                + "and k.expires < :horizon and k.expires > :oldest order by k.id", ClientKey.class)
                .setParameter("horizon", now.plus(Duration.ofDays(THRESHOLDS[0])))
                .setParameter("oldest", now.minus(EXPIRED_WINDOW)).getResultList();
        int noticed = 0;
        for (ClientKey key : keys) {
            int threshold = threshold(key.expires, now);
            int inserted = em.createNativeQuery("insert into key_expiry_notice (client_key_id, threshold, created) "
                    + "values (?1, ?2, ?3) on conflict do nothing").setParameter(1, key.id)
                    .setParameter(2, threshold).setParameter(3, Timestamp.from(now)).executeUpdate();
            if (inserted == 0) {
                continue;
            }
            Map<String, String> facts = facts(key, now);
            NoticeKind kind = threshold == 0 ? NoticeKind.KEY_EXPIRED : NoticeKind.KEY_EXPIRING;
            notices.send(kind, key.client.clientOrgno, facts);
            if (key.client.supplierOrgno != null && !key.client.supplierOrgno.equals(key.client.clientOrgno)
                    && hears(key, key.client.supplierOrgno)) {
                notices.send(kind, key.client.supplierOrgno, facts);
            }
            publish(key, threshold, now);
            noticed++;
        }
        return noticed;
    }

    /** The same to the webhooks of the client's organisation and of its supplier: key.expiring or key.expired (issue 17). */
    private void publish(ClientKey key, int threshold, Instant now) {
        WebhookEventType type = threshold == 0 ? WebhookEventType.KEY_EXPIRED : WebhookEventType.KEY_EXPIRING;
        for (String orgno : new java.util.LinkedHashSet<>(java.util.Arrays.asList(key.client.clientOrgno,
                key.client.supplierOrgno))) {
            if (orgno == null || !hears(key, orgno)) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("organisation", orgno);
            data.put("object", Map.of("type", AuditSubject.CLIENT, "id", key.client.clientId));
            data.put("actor", Map.of("kind", "SYSTEM", "id", "system"));
            data.put("client", key.client.clientId);
            data.put("kid", key.kid);
            data.put("expires", key.expires.toString());
            data.put("days", daysLeft(key.expires, now));
            webhooks.publish(orgno, type, AuditSubject.CLIENT + ":" + key.client.clientId, data);
        }
    }

    /** The client's organisation hears of its keys; a supplier of the customer's only while its appointment lasts. */
    private static boolean hears(ClientKey key, String orgno) {
        return orgno.equals(key.client.clientOrgno)
                || SupplierAppointment.active(key.client.clientOrgno, orgno).isPresent();
    }

    /** The threshold a key is in: the smallest of 30, 14, 7, 1 days not before the days left; 0 once expired. */
    static int threshold(Instant expires, Instant now) {
        if (!expires.isAfter(now)) {
            return 0;
        }
        long days = daysLeft(expires, now);
        int threshold = THRESHOLDS[0];
        for (int t : THRESHOLDS) {
            if (days <= t) {
                threshold = t;
            }
        }
        return threshold;
    }

    /** Whole days left, rounded up: a key expiring in 6 days and an hour has 7 days left. */
    static long daysLeft(Instant expires, Instant now) {
        long seconds = Duration.between(now, expires).getSeconds();
        return Math.max(0, (seconds + 86_399) / 86_400);
    }

    private static Map<String, String> facts(ClientKey key, Instant now) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("client", key.client.clientId);
        facts.put("client_name", key.client.clientName == null ? key.client.clientId : key.client.clientName);
        facts.put("kid", key.kid);
        facts.put("expires", WHEN.format(key.expires));
        facts.put("days", String.valueOf(daysLeft(key.expires, now)));
        Organisation owner = Organisation.findById(key.client.clientOrgno);
        facts.put("consumer", owner == null ? key.client.clientOrgno : owner.name + " (" + owner.orgno + ")");
        return facts;
    }

    private void checkQuietly() {
        try {
            int noticed = check(clock.instant());
            if (noticed > 0) {
                LOG.infof("Noticed %d keys expiring or expired", noticed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check for expiring keys; trying again later", e);
        }
    }
}
