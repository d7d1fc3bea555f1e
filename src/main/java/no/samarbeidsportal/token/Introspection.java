package no.samarbeidsportal.token;

import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import no.samarbeidsportal.system.Profile;
import no.samarbeidsportal.token.TokenData.TokenClient;

/**
 * Introspection (RFC 7662) and revocation (RFC 7009) of opaque tokens. The caller authenticates the Maskinporten way:
 * a client assertion (RFC 7523: {@code client_assertion_type} jwt-bearer, {@code client_assertion} signed with one of
 * the client's registered keys or its enterprise certificate, {@code aud} = the issuer, {@code iat}/{@code exp} as a
 * grant's, {@code jti} single use in the same replay store as grants). The caller acts for its client's organisation:
 * it sees a token only when that organisation owns the token's scopes, and it revokes a token it was issued or one for
 * its organisation's scopes; anything else changes nothing and says nothing.
 */
@ApplicationScoped
class Introspection {

    private final ScopeRules rules;
    private final TokenService tokens;
    private final GrantUses grantUses;
    private final OpaqueTokens opaqueTokens;
    private final Clock clock;

    Introspection(ScopeRules rules, TokenService tokens, GrantUses grantUses, OpaqueTokens opaqueTokens,
            Clock clock) {
        this.rules = rules;
        this.tokens = tokens;
        this.grantUses = grantUses;
        this.opaqueTokens = opaqueTokens;
        this.clock = clock;
    }

    /** RFC 7662 2.2: {@code active: true} and the token's claims, or only {@code active: false}. */
    Map<String, Object> introspect(Profile profile, IntrospectionRequest request) {
        Instant now = clock.instant();
        Caller caller = authenticate(profile, request, now);
        // the token is looked up while the replay store writes the assertion's use; nothing is answered before it
        Optional<JsonObject> claims;
        try {
            claims = opaqueTokens.active(token(request), caller.client().orgno(), now).filter(this::stillAllowed);
        } catch (RuntimeException e) {
            caller.confirmed();
            throw e;
        }
        caller.confirmed();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", claims.isPresent());
        claims.ifPresent(c -> answer.putAll(c.getMap()));
        return answer;
    }

    /**
     * The rights behind the token still hold: its client is active, each scope is active, on the client and open to
     * the consumer (access list, accessible for all, ownership, delegation as at issue time), checked as the token
     * endpoint does, on its cached data. A token whose right was taken away introspects as inactive at once.
     */
    private boolean stillAllowed(JsonObject claims) {
        String scope = claims.getString("scope");
        JsonObject consumer = claims.getJsonObject("consumer");
        String consumerId = consumer == null ? null : consumer.getString("ID");
        if (scope == null || consumerId == null || !consumerId.startsWith("0192:")) {
            return false;
        }
        // a grant that named a consumer (a delegation) is the only kind that carries delegation_source
        String consumerOrg = claims.containsKey("delegation_source") ? consumerId.substring(5) : null;
        return tokens.stillAllowed(claims.getString("client_id"), List.of(scope.split(" ")), consumerOrg);
    }

    /** RFC 7009 2.1: revokes the token when the caller may; the answer is the same either way. */
    void revoke(Profile profile, IntrospectionRequest request) {
        Instant now = clock.instant();
        TokenClient caller = authenticate(profile, request, now).confirmed();
        opaqueTokens.revoke(token(request), caller.clientId(), caller.orgno(), now);
    }

    private static String token(IntrospectionRequest request) {
        if (request.token() == null || request.token().isEmpty()) {
            throw IntrospectionRefused.invalidRequest("The token parameter is missing");
        }
        return request.token();
    }

    /** An authenticated caller whose assertion's single use the replay store is still writing. */
    private record Caller(TokenClient client, CompletableFuture<Boolean> firstUse) {

        /** The client, once the replay store says this was the assertion's first use (invalid_client otherwise). */
        TokenClient confirmed() {
            if (!GrantUses.firstUse(firstUse)) {
                throw IntrospectionRefused.invalidClient(new TokenRefused(ErrorCode.MP_012).getMessage());
            }
            return client;
        }
    }

    /** The client whose assertion this is, after the grant checks that apply to a client assertion. */
    private Caller authenticate(Profile profile, IntrospectionRequest request, Instant now) {
        if (request.assertion() == null || request.assertion().isEmpty()) {
            throw IntrospectionRefused.invalidClient("Send client_assertion_type "
                    + IntrospectionRequest.JWT_BEARER_ASSERTION + " and a client_assertion");
        }
        if (!IntrospectionRequest.JWT_BEARER_ASSERTION.equals(request.assertionType())) {
            throw IntrospectionRefused.invalidClient("client_assertion_type must be "
                    + IntrospectionRequest.JWT_BEARER_ASSERTION);
        }
        try {
            Grant grant = Grant.parse(request.assertion());
            String clientId = grant.clientId();
            Object sub = grant.claims.getClaim("sub");
            if (clientId == null || sub != null && !sub.equals(clientId)
                    || request.clientId() != null && !request.clientId().equals(clientId)) {
                throw IntrospectionRefused.invalidClient("iss (and sub, client_id when sent) must be the client_id");
            }
            TokenClient client;
            try {
                // the token endpoint's rule: known, active, maskinporten or krr, a supplier's appointment holds
                client = rules.usableClient(clientId);
                rules.appointment(client);
            } catch (TokenRefused refused) {
                throw IntrospectionRefused.invalidClient("Unknown or inactive client");
            }
            grant.checkAudience(profile.issuer());
            tokens.authenticate(grant, client, now);
            grant.checkTime(now);
            if (grant.claims.getClaim("jti") != null && !(grant.claims.getClaim("jti") instanceof String)) {
                throw new TokenRefused(ErrorCode.MP_011);
            }
            return new Caller(client, grantUses.mark(TokenService.grantHash(grant, clientId),
                    grant.usedUntil()));
        } catch (TokenRefused refused) {
            throw IntrospectionRefused.invalidClient(refused.getMessage());
        }
    }
}
