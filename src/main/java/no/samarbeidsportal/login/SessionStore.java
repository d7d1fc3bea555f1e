package no.samarbeidsportal.login;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.sql.DataSource;

/**
 * People's login sessions, kept in PostgreSQL (table {@code login_session}) instead of in the browser: the session
 * cookie holds only a random id, so logging out, the idle timeout and the maximum lifetime end a session on every
 * instance, and a copy of the cookie saved earlier opens nothing. quarkus-oidc encrypts the tokens before they reach
 * this store; the table keeps only the id's SHA-256. The calls come on the event loop: the JDBC work runs on a worker
 * thread through the context quarkus-oidc hands in.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class SessionStore implements TokenStateManager {

    /** When the session being refreshed started: a token refresh keeps the login's maximum lifetime. */
    private static final String STARTED = SessionStore.class.getName() + ".started";
    private static final Duration MAX_TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final Duration touchInterval;
    private final SecureRandom random = new SecureRandom();

    SessionStore(DataSource dataSource, Clock clock, SessionConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.idleTimeout = config.idleTimeout();
        this.maxAge = config.maxAge();
        // last_seen is written at most this often: a page view is a read, not a write, in the common case
        Duration tenth = idleTimeout.dividedBy(10);
        this.touchInterval = tenth.compareTo(MAX_TOUCH_INTERVAL) < 0 ? tenth : MAX_TOUCH_INTERVAL;
    }

    @Override
    public Uni<String> createTokenState(RoutingContext routingContext, OidcTenantConfig oidcConfig,
            AuthorizationCodeTokens tokens, OidcRequestContext<String> requestContext) {
        Instant refreshedSessionStarted = routingContext.get(STARTED);
        return requestContext.runBlocking(() -> create(tokens, refreshedSessionStarted));
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext routingContext, OidcTenantConfig oidcConfig,
            String tokenState, OidcRequestContext<AuthorizationCodeTokens> requestContext) {
        return requestContext.runBlocking(() -> {
            Found found = find(tokenState);
            routingContext.put(STARTED, found.started());
            return found.tokens();
        });
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext routingContext, OidcTenantConfig oidcConfig, String tokenState,
            OidcRequestContext<Void> requestContext) {
        return requestContext.runBlocking(() -> {
            delete(tokenState);
            return null;
        });
    }

    private record Found(AuthorizationCodeTokens tokens, Instant started) {
    }

    private String create(AuthorizationCodeTokens tokens, Instant refreshedSessionStarted) {
        Instant now = clock.instant();
        Instant started = refreshedSessionStarted != null ? refreshedSessionStarted : now;
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("insert into login_session (id_hash, id_token,"
                    + " access_token, access_token_expires_in, access_token_scope, refresh_token, started, last_seen)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setBytes(1, hash(id));
                insert.setString(2, tokens.getIdToken());
                insert.setString(3, tokens.getAccessToken());
                if (tokens.getAccessTokenExpiresIn() == null) {
                    insert.setNull(4, Types.BIGINT);
                } else {
                    insert.setLong(4, tokens.getAccessTokenExpiresIn());
                }
                insert.setString(5, tokens.getAccessTokenScope());
                insert.setString(6, tokens.getRefreshToken());
                insert.setTimestamp(7, Timestamp.from(started));
                insert.setTimestamp(8, Timestamp.from(now));
                insert.executeUpdate();
            }
            // ended sessions are cleared at each login: no scheduler, and the table stays as small as the live ones
            try (PreparedStatement clean = c.prepareStatement(
                    "delete from login_session where last_seen < ? or started < ?")) {
                clean.setTimestamp(1, Timestamp.from(now.minus(idleTimeout)));
                clean.setTimestamp(2, Timestamp.from(now.minus(maxAge)));
                clean.executeUpdate();
            }
        } catch (SQLException e) {
            throw new AuthenticationFailedException("The login session could not be stored", e);
        }
        return id;
    }

    private Found find(String id) {
        Instant now = clock.instant();
        byte[] hash = hash(id);
        try (Connection c = dataSource.getConnection()) {
            AuthorizationCodeTokens tokens;
            Instant started;
            Instant lastSeen;
            try (PreparedStatement select = c.prepareStatement("select id_token, access_token,"
                    + " access_token_expires_in, access_token_scope, refresh_token, started, last_seen"
                    + " from login_session where id_hash = ?")) {
                select.setBytes(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new AuthenticationFailedException("The login session has ended");
                    }
                    Long expiresIn = row.getObject(3, Long.class);
                    tokens = new AuthorizationCodeTokens(row.getString(1), row.getString(2), row.getString(5),
                            expiresIn, row.getString(4));
                    started = row.getTimestamp(6).toInstant();
                    lastSeen = row.getTimestamp(7).toInstant();
                }
            }
            if (lastSeen.plus(idleTimeout).isBefore(now) || started.plus(maxAge).isBefore(now)) {
                deleteRow(c, hash);
                throw new AuthenticationFailedException("The login session has ended");
            }
            if (lastSeen.plus(touchInterval).isBefore(now)) {
                try (PreparedStatement touch = c.prepareStatement(
                        "update login_session set last_seen = ? where id_hash = ? and last_seen < ?")) {
                    touch.setTimestamp(1, Timestamp.from(now));
                    touch.setBytes(2, hash);
                    touch.setTimestamp(3, Timestamp.from(now));
                    touch.executeUpdate();
                }
            }
            return new Found(tokens, started);
        } catch (SQLException e) {
            throw new AuthenticationFailedException("The login session could not be read", e);
        }
    }

    private void delete(String id) {
        if (id == null || id.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            deleteRow(c, hash(id));
        } catch (SQLException e) {
            throw new AuthenticationFailedException("The login session could not be ended", e);
        }
    }

    private static void deleteRow(Connection c, byte[] hash) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from login_session where id_hash = ?")) {
            delete.setBytes(1, hash);
            delete.executeUpdate();
        }
    }

    private static byte[] hash(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
