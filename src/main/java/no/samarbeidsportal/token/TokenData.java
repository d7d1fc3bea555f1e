package no.samarbeidsportal.token;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import no.samarbeidsportal.scopes.IntegrationType;
import org.jboss.logging.Logger;

/**
 * What the token service decides on, read straight from the portal's tables (the same rows the pages and the admin
 * API change) and cached in {@link DecisionCache} while changes are being listened for.
 */
@ApplicationScoped
public class TokenData {

    private static final Logger LOG = Logger.getLogger(TokenData.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * client.client_id and scope.name are varchar(255): a longer name (from an unauthenticated request) names nothing,
     * and is neither looked up nor cached.
     */
    private static final int MAX_NAME = 255;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** A client as the token endpoint needs it. */
    record TokenClient(String clientId, boolean active, String integrationType, String orgno, String supplierOrgno,
            Set<String> scopes, int accessTokenLifetime, Map<String, TokenKey> keys) {
    }

    /** A registered key; {@code certificateNotAfter} when it came from a certificate. */
    record TokenKey(String kid, PublicKey publicKey, Instant expires, Instant certificateNotAfter) {
    }

    record TokenScope(String name, boolean active, List<String> allowedIntegrationTypes, int atMaxAge,
            String delegationSource, boolean accessibleForAll, String ownerOrgno, boolean opaque,
            boolean requiresDpop) {

        boolean allows(String integrationType) {
            return IntegrationType.allowedBy(allowedIntegrationTypes, integrationType);
        }
    }

    private record AccessKey(String scope, String orgno) {
    }

    private record DelegationKey(String scope, String consumer, String supplier) {
    }

    private record AppointmentKey(String customer, String supplier) {
    }

    private final DataSource dataSource;
    private final DecisionCache cache = new DecisionCache();

    TokenData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The cache, which {@link TokenChangeListener} turns on and clears. */
    DecisionCache cache() {
        return cache;
    }

    /** Empty for a client_id longer than the column, without a lookup or a cache entry. */
    Optional<TokenClient> client(String clientId) {
        if (clientId.length() > MAX_NAME) {
            return Optional.empty();
        }
        return cache.get("client:" + clientId, () -> query(c -> loadClient(c, clientId)));
    }

    /** Empty for a scope name longer than the column, without a lookup or a cache entry. */
    Optional<TokenScope> scope(String name) {
        if (name.length() > MAX_NAME) {
            return Optional.empty();
        }
        return cache.get("scope:" + name, () -> query(c -> loadScope(c, name)));
    }

    /** The organisation has an approved entry on the scope's access list. */
    boolean granted(String scope, String orgno) {
        return cache.get(new AccessKey(scope, orgno), () -> query(c -> exists(c, """
                select 1 from scope_access a join scope s on s.id = a.scope_id
                where s.name = ? and a.consumer_orgno = ? and a.state = 'APPROVED'""", scope, orgno)));
    }

    /** The consumer has delegated the scope to the supplier (token-protocol.md 12). */
    boolean delegated(String scope, String consumer, String supplier) {
        return cache.get(new DelegationKey(scope, consumer, supplier), () -> query(c -> exists(c, """
                select 1 from delegation d join scope s on s.id = d.scope_id
                where s.name = ? and d.consumer_orgno = ? and d.supplier_orgno = ?""", scope, consumer, supplier)));
    }

    /**
     * The customer's active appointment of the supplier (admin-api.md 2.5): empty when there is none, else whether the
     * customer's own scopes may be used.
     */
    Optional<Boolean> appointment(String customer, String supplier) {
        return cache.get(new AppointmentKey(customer, supplier), () -> query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select own_scopes from supplier_appointment
                    where customer_orgno = ? and supplier_orgno = ? and ended is null""")) {
                s.setString(1, customer);
                s.setString(2, supplier);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getBoolean(1)) : Optional.<Boolean>empty();
                }
            }
        }));
    }

    private Optional<TokenClient> loadClient(Connection c, String clientId) throws SQLException, IOException {
        long id;
        TokenClient client;
        try (PreparedStatement s = c.prepareStatement("""
                select id, active, integration_type, client_orgno, supplier_orgno, scopes::text, access_token_lifetime
                from client where client_id = ?""")) {
            s.setString(1, clientId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                id = r.getLong(1);
                client = new TokenClient(clientId, r.getBoolean(2), r.getString(3), r.getString(4), r.getString(5),
                        new LinkedHashSet<>(JSON.readValue(r.getString(6), STRINGS)), r.getInt(7), new HashMap<>());
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "select kid, jwk::text, expires, certificate_not_after from client_key where client_id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String kid = r.getString(1);
                    try {
                        // kept as the JDK's key: keys translated to the native provider failed to verify when
                        // shared by concurrent requests (the token benchmark); the provider converts per use
                        PublicKey key = RSAKey.parse(r.getString(2)).toRSAPublicKey();
                        Timestamp notAfter = r.getTimestamp(4);
                        client.keys().put(kid, new TokenKey(kid, key, r.getTimestamp(3).toInstant(),
                                notAfter == null ? null : notAfter.toInstant()));
                    } catch (ParseException | JOSEException e) {
                        LOG.warnf("Client %s: key %s cannot be read as an RSA JWK; it is skipped", clientId, kid);
                    }
                }
            }
        }
        return Optional.of(client);
    }

    private Optional<TokenScope> loadScope(Connection c, String name) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("""
                select active, allowed_integration_types::text, at_max_age, delegation_source, accessible_for_all,
                       owner_orgno, token_type = 'OPAQUE', requires_dpop
                from scope where name = ?""")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TokenScope(name, r.getBoolean(1), JSON.readValue(r.getString(2), STRINGS),
                        r.getInt(3), r.getString(4), r.getBoolean(5), r.getString(6), r.getBoolean(7), r.getBoolean(8)));
            }
        }
    }

    private static boolean exists(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException | IOException e) {
            throw new TokenUnavailable(e);
        }
    }
}
