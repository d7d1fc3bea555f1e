package no.samarbeidsportal.register;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The organisation register's source and schedule (README "The organisation register"). */
@ConfigMapping(prefix = "portal.register")
public interface RegisterConfig {

    /** Whether the scheduled job keeps the copy current (a full load first, then the change feed). */
    @WithDefault("false")
    boolean enabled();

    /** Brønnøysund's open-data API, without a trailing slash. */
    @WithDefault("https://data.brreg.no/enhetsregisteret/api")
    String baseUrl();

    /** Time between two runs of the job on an instance. */
    @WithDefault("10m")
    Duration interval();

    /** Changes asked for per change-feed page. */
    @WithDefault("1000")
    int pageSize();

    /** The most changes one run applies per kind; the rest waits for the next run. */
    @WithDefault("100000")
    int maxChangesPerRun();

    /** How long to wait for the source to connect and to answer (a download only for its first bytes). */
    @WithDefault("30s")
    Duration timeout();

    /** How long one full load may take before it is given up, the old copy staying in place. */
    @WithDefault("30m")
    Duration fullLoadTimeout();

    /** Unit lookups in flight at once while the change feed is applied. */
    @WithDefault("16")
    int parallelLookups();
}
