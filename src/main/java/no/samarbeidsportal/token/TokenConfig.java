package no.samarbeidsportal.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The token service (token-protocol.md): its issuers and what it trusts. Its signing key's settings share the prefix
 * and are read by {@link no.samarbeidsportal.token.signing.SigningConfig}.
 */
@ConfigMapping(prefix = "portal.token")
public interface TokenConfig {

    /** The Maskinporten profile's issuer, byte for byte, with a trailing slash as Maskinporten's. */
    @WithDefault("http://localhost:8080/")
    String issuer();

    /** The Skyporten profile (token-protocol.md 13). */
    Sky sky();

    /** PEM files of the CA certificates that enterprise certificates in x5c grants must chain to (token-protocol.md 11). */
    Optional<List<String>> trustAnchors();

    /** Refuse grant claims outside token-protocol.md 4's list (Digdir's current behaviour). */
    @WithDefault("true")
    boolean strictClaims();

    /** Cache the token service's decisions; every instance drops its cache on each change (PostgreSQL NOTIFY). */
    @WithDefault("true")
    boolean cache();

    /**
     * How long the change listener's connection may take to answer a heartbeat ({@code select 1}, sent every half of
     * it) before the listener stops caching and listens on a new connection ({@code PORTAL_TOKEN_LISTENER_TIMEOUT}). A
     * connection that stops answering without breaking (a network partition, a stalled database server) would
     * otherwise keep this instance's cache on while other instances' changes go unannounced here.
     */
    @WithDefault("5s")
    java.time.Duration listenerTimeout();

    /**
     * Grants checked and tokens signed with a throwaway key at start, before the instance reports ready, so the JIT
     * has compiled the token path before traffic arrives (0: none).
     */
    @WithDefault("6000")
    int warmUp();

    /**
     * Threads that check grants and sign tokens ({@link TokenThreads}; 0: two per core). The work is almost all CPU:
     * more threads than cores only share the cores and lengthen every answer.
     */
    @WithDefault("0")
    int threads();

    /**
     * Replay-store writers side by side ({@link GrantUses}): each commits what waits, in one statement. One makes the
     * biggest batches (least database CPU per token) but a request may wait two WAL flushes; more shorten the wait.
     */
    @WithDefault("2")
    int replayWriters();

    /**
     * Under load, how long a replay-store writer gathers grants after the first before it commits them
     * ({@code PORTAL_TOKEN_REPLAY_GATHER}): each commit costs the database a WAL flush and a round trip whatever it
     * holds, so a short wait writes many grants for the price of one. A grant that arrives alone is written at once.
     * 0: no wait.
     */
    @WithDefault("2ms")
    java.time.Duration replayGather();

    /**
     * Of every 100 ms, how long one event loop may spend checking and signing token requests itself
     * ({@code PORTAL_TOKEN_EVENT_LOOP_BUDGET}, {@link EventLoopBudget}); past it, until the 100 ms end, requests go to the
     * token threads, whose queue is bounded (503 when full), and the loop stays free for pages, the admin API and health
     * checks. 0: never on the event loop.
     */
    @WithDefault("50ms")
    java.time.Duration eventLoopBudget();

    /** The operator's organisation, which owns the admin API's scopes under prefix idporten ({@link AdminScopes}). */
    Optional<String> adminScopesOwner();

    interface Sky {

        /** Serve the Skyporten profile. */
        @WithDefault("true")
        boolean enabled();

        /** Its issuer, without a trailing slash; its endpoints are under the issuer's path. */
        @WithDefault("http://localhost:8080/sky")
        String issuer();
    }
}
