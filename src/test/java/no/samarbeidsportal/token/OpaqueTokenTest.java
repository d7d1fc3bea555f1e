package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.token.Grants.grant;
import static no.samarbeidsportal.token.Grants.request;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opaque tokens (issue 18): a scope with token_type OPAQUE gets a reference token; its owner introspects it (RFC 7662)
 * and the client or the owner revokes it (RFC 7009), each authenticated with a client assertion; nobody else sees or
 * changes it.
 */
@QuarkusTest
class OpaqueTokenTest {

    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private String scope;
    private Grants.Registered consumer;
    private Grants.Registered owner;

    @BeforeEach
    void data() {
        TestData.ensure();
        scope = TestScopes.createInA(TestScopes.unique("opak"), Map.of("token_type", "OPAQUE"));
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + TestData.ORG_B)
                .then().statusCode(200);
        consumer = Grants.client(TestData.ORG_B, scope);
        owner = Grants.client(TestData.ORG_A, scope);
    }

    private String opaqueToken() {
        return request(grant(consumer, scope)).statusCode(200).extract().path("access_token");
    }

    /** A client assertion (RFC 7523) of the client, as for a token request but without scope. */
    static String assertion(String clientId, RSAKey key) {
        Instant now = Instant.now();
        return Grants.sign(new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(Grants.issuer())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build(), key);
    }

    private static ValidatableResponse call(String path, Grants.Registered caller, String token) {
        return given().contentType(ContentType.URLENC).formParam("token", token)
                .formParam("client_assertion_type", ASSERTION_TYPE)
                .formParam("client_assertion", assertion(caller.clientId(), caller.key())).post(path).then();
    }

    static ValidatableResponse introspect(Grants.Registered caller, String token) {
        return call("/introspect", caller, token);
    }

    private static void inactive(ValidatableResponse response) {
        response.statusCode(200).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .body("active", equalTo(false)).body("size()", equalTo(1));
    }

    @Test
    void anOpaqueScopeGetsAReferenceTokenAndOnlyItsHashIsStored() throws Exception {
        var response = request(grant(consumer, scope)).statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(120)).body("scope", equalTo(scope))
                .body("access_token", matchesPattern("[A-Za-z0-9_-]{43}")).extract();
        String token = response.path("access_token");
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em().createNativeQuery("""
                select token_hash, scope_owner, client_id, consumer, scope, claims::text, revoked
                from opaque_token where token_hash = ?1""").setParameter(1, hash).getSingleResult());
        assertArrayEquals(hash, (byte[]) row[0]);
        assertEquals(List.of(TestData.ORG_A, consumer.clientId(), TestData.ORG_B, scope),
                List.of(row[1], row[2], row[3], row[4]));
        assertFalse(((String) row[5]).contains(token));
        assertEquals(null, row[6]);
    }

    @Test
    void theScopesOwnerIntrospectsItAndSeesTheClaimsAJwtWouldHaveHad() {
        String token = opaqueToken();
        long now = Instant.now().getEpochSecond();
        var answer = introspect(owner, token).statusCode(200).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .body("active", equalTo(true)).body("scope", equalTo(scope))
                .body("client_id", equalTo(consumer.clientId())).body("token_type", equalTo("Bearer"))
                .body("iss", equalTo(Grants.issuer())).body("client_amr", equalTo("private_key_jwt"))
                .body("consumer.authority", equalTo("iso6523-actorid-upis"))
                .body("consumer.ID", equalTo("0192:" + TestData.ORG_B))
                .body("jti", matchesPattern("[A-Za-z0-9_-]{43}"))
                .extract();
        long iat = ((Number) answer.path("iat")).longValue();
        assertEquals(120, ((Number) answer.path("exp")).longValue() - iat);
        assertEquals(now, iat, 5);
    }

    @Test
    void anotherOrganisationsClientLearnsNothingAboutTheToken() {
        String token = opaqueToken();
        inactive(introspect(consumer, token));
        introspect(owner, token).body("active", equalTo(true));
    }

    @Test
    void withoutOrWithWrongAuthenticationTheAnswerIs401InvalidClient() {
        String token = opaqueToken();
        given().contentType(ContentType.URLENC).formParam("token", token).post("/introspect").then().statusCode(401)
                .contentType(ContentType.JSON).body("error", equalTo("invalid_client"));
        // signed with a key the owner's client does not have
        given().contentType(ContentType.URLENC).formParam("token", token)
                .formParam("client_assertion_type", ASSERTION_TYPE)
                .formParam("client_assertion", assertion(owner.clientId(), Grants.rsa())).post("/introspect").then()
                .statusCode(401).body("error", equalTo("invalid_client")).body("active", nullValue());
        // a replayed assertion
        String used = assertion(owner.clientId(), owner.key());
        for (int status : new int[] {200, 401}) {
            given().contentType(ContentType.URLENC).formParam("token", token)
                    .formParam("client_assertion_type", ASSERTION_TYPE).formParam("client_assertion", used)
                    .post("/introspect").then().statusCode(status);
        }
        // the wrong assertion type, and a revocation without authentication
        given().contentType(ContentType.URLENC).formParam("token", token)
                .formParam("client_assertion_type", "urn:example:other")
                .formParam("client_assertion", assertion(owner.clientId(), owner.key())).post("/introspect").then()
                .statusCode(401).body("error", equalTo("invalid_client"));
        given().contentType(ContentType.URLENC).formParam("token", token).post("/revoke").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        introspect(owner, token).body("active", equalTo(true));
    }

    @Test
    void aCallerWhoseIssIsLongerThanAnyClientIdIsRefusedWithoutALookupOrACacheEntry() {
        // final read-through: introspection had its own copy of the client rule and missed the token endpoint's cap,
        // so every distinct unknown iss (up to the form's size) was looked up and cached until the cache was cleared
        TokenData data = Arc.container().instance(TokenData.class).get();
        org.junit.jupiter.api.Assertions.assertTrue(data.cache().enabled(), "the cache is on (listening)");
        data.cache().clear();
        String token = "x".repeat(43);
        given().contentType(ContentType.URLENC).formParam("token", token)
                .formParam("client_assertion_type", ASSERTION_TYPE)
                .formParam("client_assertion", assertion("x".repeat(1000), Grants.rsa())).post("/introspect").then()
                .statusCode(401).body("error", equalTo("invalid_client"))
                .body("error_description", endsWith("Unknown or inactive client"));
        assertEquals(0, data.cache().size(), "nothing cached for a client_id no client can have");
    }

    @Test
    void garbageUnknownAndJwtTokensAreInactiveAndAHugeRequestIsInvalid() {
        inactive(introspect(owner, "garbage"));
        inactive(introspect(owner, "x".repeat(43)));
        inactive(introspect(owner, "é\u0000' or 1=1 --"));
        String jwtScope = TestScopes.ofA();
        String jwt = request(grant(Grants.client(TestData.ORG_A, jwtScope), jwtScope)).statusCode(200).extract()
                .path("access_token");
        inactive(introspect(owner, jwt));
        given().contentType(ContentType.URLENC).formParam("client_assertion_type", ASSERTION_TYPE)
                .formParam("client_assertion", assertion(owner.clientId(), owner.key())).post("/introspect").then()
                .statusCode(400).body("error", equalTo("invalid_request"));
        given().contentType(ContentType.URLENC).formParam("token", "a".repeat(100 * 1024))
                .formParam("client_assertion_type", ASSERTION_TYPE)
                .formParam("client_assertion", assertion(owner.clientId(), owner.key())).post("/introspect").then()
                .statusCode(400).body("error", equalTo("invalid_request"));
        given().get("/introspect").then().statusCode(405).header("Allow", "POST");
    }

    @Test
    void theClientThatGotItRevokesIt() {
        String token = opaqueToken();
        call("/revoke", consumer, token).statusCode(200);
        inactive(introspect(owner, token));
    }

    @Test
    void theScopesOwnerRevokesIt() {
        String token = opaqueToken();
        call("/revoke", owner, token).statusCode(200);
        inactive(introspect(owner, token));
    }

    @Test
    void anotherOrganisationCannotRevokeItButIsToldNothing() {
        String token = opaqueToken();
        Grants.Registered stranger = Grants.client(TestData.ORG_B, scope);
        call("/revoke", stranger, token).statusCode(200);
        introspect(owner, token).body("active", equalTo(true));
        call("/revoke", owner, "unknown-token").statusCode(200);
    }

    @Test
    void anExpiredTokenIsInactive() {
        String token = opaqueToken();
        QuarkusTransaction.requiringNew().run(() -> em().createNativeQuery("""
                update opaque_token set expires = now() - interval '1 second' where client_id = ?1""")
                .setParameter(1, consumer.clientId()).executeUpdate());
        inactive(introspect(owner, token));
    }

    @Test
    void aTokenOfADeletedClientIntrospectsInactive() {
        String token = opaqueToken();
        introspect(owner, token).body("active", equalTo(true));
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).delete("/api/v1/clients/" + consumer.clientId()).then()
                .statusCode(200);
        inactive(introspect(owner, token));
    }

    @Test
    void aTokenWhoseConsumerLeftTheAccessListIntrospectsInactive() {
        String token = opaqueToken();
        introspect(owner, token).body("active", equalTo(true));
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).delete("/api/v1/scopes/access/"
                + TestData.ORG_B).then().statusCode(200);
        inactive(introspect(owner, token));
    }

    @Test
    void aTokenForADeactivatedScopeIntrospectsInactive() {
        String token = opaqueToken();
        introspect(owner, token).body("active", equalTo(true));
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).delete("/api/v1/scopes").then()
                .statusCode(200).body("active", equalTo(false));
        inactive(introspect(owner, token));
    }

    @Test
    void aRequestMixingOpaqueAndSelfContainedScopesIsRefusedAndJwtScopesStayJwts() throws Exception {
        String jwtScope = TestScopes.ofA();
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", jwtScope)
                .put("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);
        Grants.Registered both = Grants.client(TestData.ORG_B, scope, jwtScope);
        request(grant(both, scope + " " + jwtScope)).statusCode(400).body("error", equalTo("invalid_scope"))
                .body("error_description", containsString("OPAQUE and SELF_CONTAINED"))
                .body("error_uri", endsWith("/errors/MP-200"));
        String jwt = request(grant(both, jwtScope)).statusCode(200).extract().path("access_token");
        assertEquals(jwtScope, SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("scope"));
        request(grant(both, scope)).statusCode(200).body("access_token", not(containsString(".")));
    }

    @Test
    void skyportenStillIssuesJwtsForAnOpaqueScopeBecauseCloudsOnlyTakeJwts() throws Exception {
        String sky = Grants.issuer() + "sky";
        String token = Grants.requestAt("/sky/token", Grants.sign(Grants.claims(consumer.clientId(), scope)
                .audience(sky).claim("resource", "https://skyporten.example.org").build(), consumer.key()))
                .statusCode(200).extract().path("access_token");
        assertEquals(sky, SignedJWT.parse(token).getJWTClaimsSet().getIssuer());
    }

    @Test
    void opaqueScopesOfTwoOwnersAreNotMixedInOneToken() {
        String other = TestScopes.unique("opak");
        as(TestData.ORG_B, TestScopes.WRITE).body(Map.of("prefix", "beta", "subscope", other,
                "description", "Opak B", "token_type", "OPAQUE")).post("/api/v1/scopes").then().statusCode(201);
        Grants.Registered both = Grants.client(TestData.ORG_B, scope, "beta:" + other);
        request(grant(both, scope + " beta:" + other)).statusCode(400).body("error", equalTo("invalid_scope"))
                .body("error_description", containsString("more than one organisation"));
    }

    @Test
    void theMaskinportenMetadataAdvertisesTheEndpointsAndSkyportenDoesNot() {
        String base = Grants.issuer().replaceAll("/$", "");
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            given().get(path).then().statusCode(200)
                    .body("introspection_endpoint", equalTo(base + "/introspect"))
                    .body("revocation_endpoint", equalTo(base + "/revoke"))
                    .body("introspection_endpoint_auth_methods_supported", hasItem("private_key_jwt"))
                    .body("revocation_endpoint_auth_methods_supported", hasItem("private_key_jwt"));
        }
        given().get("/sky/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("introspection_endpoint", nullValue()).body("revocation_endpoint", nullValue());
    }

    private static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }
}
