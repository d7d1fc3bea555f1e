package no.samarbeidsportal.token;

import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import no.samarbeidsportal.token.TokenData.TokenScope;

/**
 * Opaque (reference) access tokens (issue 18) for scopes with {@code token_type} OPAQUE: the token is 32 random bytes,
 * base64url (43 characters, like a {@code jti}); PostgreSQL keeps only its SHA-256 with the claims its JWT would have
 * had. Every lookup reads the row (one primary-key lookup, no cache), so a revocation or an expiry holds on every
 * instance the moment it commits.
 */
@ApplicationScoped
class OpaqueTokens {

    /** The length of every token this class issues; anything else is not one of ours, without a database read. */
    static final int LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    OpaqueTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A request is all SELF_CONTAINED or all OPAQUE, and an opaque token's scopes have one owner (the one organisation
     * that may introspect it); anything else is refused with invalid_scope. Reads only the cached scope data.
     */
    static void checkKind(List<TokenScope> scopes) {
        TokenScope first = scopes.get(0);
        for (TokenScope scope : scopes) {
            if (scope.opaque() != first.opaque()) {
                throw TokenRefused.withText(ErrorCode.MP_200, "Token request mixes scopes with token_type OPAQUE "
                        + "and SELF_CONTAINED. Ask for them in separate token requests");
            }
            if (first.opaque() && !scope.ownerOrgno().equals(first.ownerOrgno())) {
                throw TokenRefused.withText(ErrorCode.MP_200, "Token request contains OPAQUE scopes of more than one "
                        + "organisation. Ask for each organisation's scopes in a separate token request");
            }
        }
    }

    /** Stores the claims under a new random token and returns the token. */
    String issue(Map<String, Object> claims, String scopeOwner, String consumer) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into opaque_token (token_hash, scope_owner, client_id, consumer, scope, claims, issued, expires)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")) {
            s.setBytes(1, hash(token));
            s.setString(2, scopeOwner);
            s.setString(3, (String) claims.get("client_id"));
            s.setString(4, consumer);
            s.setString(5, (String) claims.get("scope"));
            s.setString(6, new JsonObject(claims).encode());
            s.setTimestamp(7, Timestamp.from(Instant.ofEpochSecond((Long) claims.get("iat"))));
            s.setTimestamp(8, Timestamp.from(Instant.ofEpochSecond((Long) claims.get("exp"))));
            s.executeUpdate();
            return token;
        } catch (SQLException e) {
            throw new TokenUnavailable(e);
        }
    }

    /** The token's claims when it is active (not revoked, not expired) and its scopes are {@code owner}'s. */
    Optional<JsonObject> active(String token, String owner, Instant now) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select claims::text from opaque_token
                where token_hash = ? and scope_owner = ? and revoked is null and expires > ?""")) {
            s.setBytes(1, hash(token));
            s.setString(2, owner);
            s.setTimestamp(3, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new JsonObject(r.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new TokenUnavailable(e);
        }
    }

    /**
     * Revokes the token when it was issued to {@code clientId} or its scopes are {@code owner}'s; anyone else's
     * request changes nothing. Returns whether a row changed.
     */
    boolean revoke(String token, String clientId, String owner, Instant now) {
        if (!wellFormed(token)) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                update opaque_token set revoked = ?
                where token_hash = ? and revoked is null and (client_id = ? or scope_owner = ?)""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setBytes(2, hash(token));
            s.setString(3, clientId);
            s.setString(4, owner);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new TokenUnavailable(e);
        }
    }

    /** Deletes tokens past their expiry, revoked or not (they introspect as inactive either way); returns how many. */
    int forget(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("delete from opaque_token where expires < ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new TokenUnavailable(e);
        }
    }

    private static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char ch = token.charAt(i);
            if (!(ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-'
                    || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
