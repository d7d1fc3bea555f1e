package no.samarbeidsportal.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhooks (issue 17): delivery from the outbox and what addresses may be called. */
@ConfigMapping(prefix = "portal.webhooks")
public interface WebhookConfig {

    /**
     * Hosts or literal addresses the operator allows although they are loopback, private, link-local or metadata
     * addresses (for example {@code 127.0.0.1} in tests, or an internal receiver); empty refuses them all.
     */
    Optional<List<String>> allowedPrivateHosts();

    /** How often the sender looks for due deliveries; 0 turns the sender loop off (tests deliver by hand). */
    @WithDefault("5s")
    Duration sendEvery();

    /** At most this many deliveries per round of the sender. */
    @WithDefault("50")
    int batchSize();

    /** A round's deliveries are posted on at most this many threads at once. */
    @WithDefault("8")
    int parallelism();

    /** At most this many deliveries of one endpoint per round, so one organisation cannot fill a round. */
    @WithDefault("2")
    int perEndpoint();

    /**
     * How long a claimed delivery is the claiming instance's: after it (a crash while sending), it is due again. The
     * sender uses at least twice a round's worst case (see {@code WebhookSender#lease}), whatever is set here.
     */
    @WithDefault("2m")
    Duration lease();

    /** Looking up the host's name, connecting and waiting for the answer each take at most this long. */
    @WithDefault("5s")
    Duration timeout();

    /** At most this many bytes of an answer's body are read (and the first characters kept in the log). */
    @WithDefault("4096")
    int maxResponseBytes();

    /** The wait after the first failed attempt; it doubles with each further failure. */
    @WithDefault("30s")
    Duration retryFirst();

    /** The longest wait between two attempts. */
    @WithDefault("6h")
    Duration retryMax();

    /** A delivery still failing this long after its message was written is given up (FAILED). */
    @WithDefault("3d")
    Duration giveUpAfter();

    /** An endpoint whose deliveries failed this many times in a row is disabled and its organisation told. */
    @WithDefault("50")
    int disableAfterFailures();

    /** After a secret rotation the old secret signs too for this long. */
    @WithDefault("24h")
    Duration rotationOverlap();

    /** An organisation has at most this many endpoints. */
    @WithDefault("10")
    int maxEndpoints();
}
