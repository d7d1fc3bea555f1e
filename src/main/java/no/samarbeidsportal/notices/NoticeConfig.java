package no.samarbeidsportal.notices;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Notices by e-mail (issue 16): delivery from the outbox, and the embedded SMTP server of demo runs and tests. */
@ConfigMapping(prefix = "portal.mail")
public interface NoticeConfig {

    /** Start a real SMTP server (GreenMail) inside the portal and show what it received to the operator: demo only. */
    @WithDefault("false")
    boolean embedded();

    /** The embedded SMTP server's port on 127.0.0.1 (quarkus.mailer.port points there in demo runs). */
    @WithDefault("2525")
    int embeddedPort();

    /** The portal's public address, which e-mails link to; with a trailing slash. */
    String portalUrl();

    /** How often the sender looks for due e-mails; 0 turns the sender loop off (tests deliver by hand). */
    @WithDefault("10s")
    Duration sendEvery();

    /** At most this many e-mails per round of the sender. */
    @WithDefault("50")
    int batchSize();

    /** How long a claimed delivery is the claiming instance's: after it (a crash while sending), it is due again. */
    @WithDefault("5m")
    Duration lease();

    /** The wait after the first failed attempt; it doubles with each further failure. */
    @WithDefault("1m")
    Duration retryFirst();

    /** The longest wait between two attempts. */
    @WithDefault("6h")
    Duration retryMax();

    /** A delivery still failing this long after its notice was written is given up (FAILED). */
    @WithDefault("3d")
    Duration giveUpAfter();

    /** How often the key expiry check runs; 0 turns it off (tests run it by hand). */
    @WithDefault("1h")
    Duration expiryCheckEvery();
}
