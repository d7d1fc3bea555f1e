package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.token.Grants.claims;
import static no.samarbeidsportal.token.Grants.grant;
import static no.samarbeidsportal.token.Grants.request;
import static no.samarbeidsportal.token.Grants.sign;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /token: token-protocol.md's request, grant rules in their order, every error code, the token's claims. */
@QuarkusTest
class TokenEndpointTest {

    private static final String TRACE = ".* \\(trace_id: [0-9a-f]{32}\\)";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static Grants.Registered consumer() {
        return Grants.client(TestData.ORG_B, ClientApiTest.grantedTo(TestData.ORG_B));
    }

    private static String scopeOf(Grants.Registered client) {
        return as(client.orgno(), ClientApiTest.DCR_READ).get("/api/v1/clients/" + client.clientId()).then()
                .extract().path("scopes[0]");
    }

    private static void refused(ValidatableResponse response, int status, String error, String code, String text) {
        response.statusCode(status).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .body("error", equalTo(error))
                .body("error_description", matchesPattern(java.util.regex.Pattern.quote(text) + TRACE))
                .body("error_uri", equalTo(Grants.issuer().replaceAll("/$", "") + "/errors/" + code));
    }

    @Test
    void issuesAMaskinportenTokenWithTheSpecsClaimsInOrderSignedByAKeyInJwk() throws Exception {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        var response = request(grant(client, scope)).statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(120)).body("scope", equalTo(scope))
                .extract();
        SignedJWT token = SignedJWT.parse(response.path("access_token"));
        assertEquals(Map.of("kid", token.getHeader().getKeyID(), "alg", "RS256"), token.getHeader().toJSONObject());
        String payload = token.getPayload().toString();
        List<String> order = List.of("\"scope\"", "\"iss\"", "\"client_amr\"", "\"token_type\"", "\"exp\"", "\"iat\"",
                "\"client_id\"", "\"jti\"", "\"consumer\"");
        for (int i = 1; i < order.size(); i++) {
            assertTrue(payload.indexOf(order.get(i - 1)) < payload.indexOf(order.get(i)), payload);
        }
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertEquals(Grants.issuer(), claims.getIssuer());
        assertEquals("private_key_jwt", claims.getClaim("client_amr"));
        assertEquals(client.clientId(), claims.getClaim("client_id"));
        assertEquals(Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + TestData.ORG_B),
                claims.getClaim("consumer"));
        assertEquals(43, claims.getJWTID().length());
        assertEquals(120, claims.getExpirationTime().getTime() / 1000 - claims.getIssueTime().getTime() / 1000);
        for (String absent : List.of("aud", "sub", "client_orgno", "supplier", "delegation_source", "pid")) {
            assertFalse(claims.getClaims().containsKey(absent), absent);
        }
        JWKSet jwks = JWKSet.parse(given().get("/jwk").then().statusCode(200).extract().asString());
        RSAKey signing = (RSAKey) jwks.getKeyByKeyId(token.getHeader().getKeyID());
        assertEquals(signing.computeThumbprint().toString(), signing.getKeyID());
        assertEquals("sig", signing.getKeyUse().identifier());
        assertEquals("RS256", signing.getAlgorithm().getName());
        assertFalse(signing.isPrivate());
        assertTrue(token.verify(new RSASSAVerifier(signing)));
    }

    @Test
    void concurrentRequestsFromSeveralClientsAllGetValidTokens() throws Exception {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        List<Grants.Registered> clients = List.of(Grants.client(TestData.ORG_B, scope),
                Grants.client(TestData.ORG_B, scope), Grants.client(TestData.ORG_B, scope));
        JWKSet jwks = JWKSet.parse(given().get("/jwk").then().statusCode(200).extract().asString());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> tokens = new java.util.ArrayList<>();
            for (int i = 0; i < 240; i++) {
                Grants.Registered client = clients.get(i % clients.size());
                tokens.add(pool.submit(() -> request(grant(client, scope)).statusCode(200).extract()
                        .<String>path("access_token")));
            }
            for (var token : tokens) {
                SignedJWT jwt = SignedJWT.parse(token.get());
                assertTrue(jwt.verify(new RSASSAVerifier((RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID()))));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void acceptsTheFormsRealClientsSend() {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        String raw = "assertion=" + grant(client, scope) + "&grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer";
        given().contentType("application/x-www-form-urlencoded; charset=ISO-8859-1").body(raw).post("/token").then()
                .statusCode(200);
        given().contentType("application/x-www-form-urlencoded").header("Charset", "UTF-8").header("Authorization",
                "Basic Zm9vOmJhcg==").body("client_id=ignored&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3A"
                        + "jwt-bearer&assertion=" + grant(client, scope)).post("/token").then().statusCode(200);
    }

    @Test
    void badRequestsGetInvalidRequestOrUnsupportedGrantType() {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("assertion", grant(client, scope)).post("/token").then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
        given().contentType(ContentType.URLENC).formParam("grant_type", TokenRequest.JWT_BEARER).post("/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().contentType(ContentType.JSON).body(Map.of("grant_type", TokenRequest.JWT_BEARER,
                "assertion", grant(client, scope))).post("/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().contentType(ContentType.URLENC).formParam("grant_type", TokenRequest.JWT_BEARER)
                .formParam("assertion", "x".repeat(70_000)).post("/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().get("/token").then().statusCode(405).header("Allow", "POST");
        for (String garbage : List.of("garbage", "a.b", "a.b.c", grant(client, scope).substring(0, 80),
                "%zz", "eyJhbGciOiJSUzI1NiJ9.e30.")) {
            refused(request(garbage), 400, "invalid_request", "MP-011", "Invalid assertion. Invalid parameter value");
        }
    }

    @Test
    void onlyRsaSignaturesAreAcceptedAndTheHeaderNeedsKidOrAnX5cArray() throws Exception {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        JWTClaimsSet claims = claims(client.clientId(), scope).build();
        String none = new PlainJWT(new PlainHeader(), claims).serialize();
        refused(request(none), 400, "invalid_request", "MP-011", "Invalid assertion. Invalid parameter value");
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(client.key().getKeyID()).build(),
                claims);
        hs.sign(new MACSigner(client.key().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        refused(request(hs.serialize()), 400, "invalid_request", "MP-011", "Invalid assertion. Invalid parameter value");
        String noKid = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims, client.key());
        refused(request(noKid), 400, "invalid_request", "MP-011", "Invalid assertion. Invalid parameter value");
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"RS256\",\"x5c\":\"MIIB\"}".getBytes(StandardCharsets.UTF_8));
        String[] parts = grant(client, scope).split("\\.");
        refused(request(header + "." + parts[1] + "." + parts[2]), 400, "invalid_grant", "MP-123",
                "Invalid JWT header x5c");
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS384, JWSAlgorithm.RS512)) {
            request(sign(new JWSHeader.Builder(alg).keyID(client.key().getKeyID()).type(com.nimbusds.jose.JOSEObjectType.JWT)
                    .build(), claims(client.clientId(), scope).build(), client.key())).statusCode(200);
        }
    }

    @Test
    void anUnknownOrDeactivatedClientIsMp100() {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        refused(request(sign(claims("no-such-client", scope).build(), client.key())), 400, "invalid_grant", "MP-100",
                "Invalid assertion. Client authentication failed.");
        request(grant(client, scope)).statusCode(200);
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).delete("/api/v1/clients/" + client.clientId()).then()
                .statusCode(200);
        refused(Grants.eventually(400, () -> request(grant(client, scope))), 400, "invalid_grant", "MP-100",
                "Invalid assertion. Client authentication failed.");
    }

    @Test
    void audMustBeTheIssuerExactly() {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        String issuer = Grants.issuer();
        for (Object aud : List.<Object>of(issuer.replaceAll("/$", ""), issuer + "token", List.of(issuer, "x"),
                "https://maskinporten.no/")) {
            var claims = claims(client.clientId(), scope).claim("aud", aud).build();
            refused(request(sign(claims, client.key())), 400, "invalid_grant", "MP-110",
                    "Invalid assertion. Client authentication failed. Invalid JWT claim aud.");
        }
        request(sign(claims(client.clientId(), scope).claim("aud", List.of(issuer)).build(), client.key()))
                .statusCode(200);
    }

    @Test
    void theKeyMustBeRegisteredUnexpiredAndHaveSigned() throws Exception {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        RSAKey stranger = Grants.rsa();
        refused(request(sign(claims(client.clientId(), scope).build(), stranger)), 400, "invalid_grant", "MP-125",
                "Invalid assertion. Client authentication failed. Unknown key identifier (kid) for client.");
        RSAKey sameKidOtherKey = new RSAKey.Builder(stranger).keyID(client.key().getKeyID()).build();
        refused(request(sign(claims(client.clientId(), scope).build(), sameKidOtherKey)), 400, "invalid_grant",
                "MP-124", "Invalid assertion. Client authentication failed. Invalid JWT signature.");
        TestCertificates.Issued cert = TestCertificates.seid2(TestData.ORG_B);
        RSAKey certKey = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) cert.keys().getPublic())
                .privateKey(cert.keys().getPrivate()).build();
        String x5cOnly = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertChain(List.of(Base64.encode(
                cert.der()))).build(), claims(client.clientId(), scope).build(), certKey);
        refused(request(x5cOnly), 400, "invalid_grant", "MP-126", "Invalid assertion. Client authentication failed. "
                + "Invalid JWT. The client requires pre-registered jwk and no key identifier (kid) provided");

        RSAKey shortLived = Grants.rsa();
        Map<String, Object> jwk = new java.util.HashMap<>(shortLived.toPublicJWK().toJSONObject());
        jwk.put("exp", Instant.now().getEpochSecond() + 2);
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("keys", List.of(jwk)))
                .post("/api/v1/clients/" + client.clientId() + "/jwks/keys").then().statusCode(201);
        request(sign(claims(client.clientId(), scope).build(), shortLived)).statusCode(200);
        Thread.sleep(3000);
        refused(request(sign(claims(client.clientId(), scope).build(), shortLived)), 400, "invalid_grant", "MP-121",
                "Invalid assertion. Client authentication failed. Expired key.");
    }

    @Test
    void grantTimesAreCheckedWithTenSecondsLeeway() {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        long now = Instant.now().getEpochSecond();
        String[][] cases = {{"60", "180", "Issue time is after now"}, {"-200", "-80", "JWT is expired"},
                {"-30", "90", "Issue time is too old"}, {"0", "121", "JWT lifetime exceeds 120 seconds"},
                {"0", "0", "JWT lifetime exceeds 120 seconds"}};
        for (String[] c : cases) {
            var claims = claims(client.clientId(), scope).issueTime(new Date((now + Long.parseLong(c[0])) * 1000))
                    .expirationTime(new Date((now + Long.parseLong(c[1])) * 1000)).build();
            refused(request(sign(claims, client.key())), 400, "invalid_grant", "MP-130", c[2]);
        }
        for (int lifetime : List.of(60, 100, 120)) {
            var claims = claims(client.clientId(), scope).issueTime(new Date(now * 1000 - 5000))
                    .expirationTime(new Date((now - 5 + lifetime) * 1000)).build();
            request(sign(claims, client.key())).statusCode(200);
        }
    }

    @Test
    void onlyTheProtocolsClaimsAreAcceptedWithTheirSyntax() {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        refused(request(sign(claims(client.clientId(), scope).claim("client_id", "x").build(), client.key())), 400,
                "invalid_request", "MP-011", "Invalid assertion. Unsupported claim: client_id");
        request(sign(claims(client.clientId(), scope).notBeforeTime(new Date()).subject(client.clientId()).build(),
                client.key())).statusCode(200);
        for (var bad : List.<Map<String, Object>>of(Map.of("sub", "someone-else"), Map.of("pid", "12345678901"),
                Map.of("pid", "1234"), Map.of("consumer_org", "123456789"), Map.of("resource", "not/absolute"),
                Map.of("resource", List.of("https://api.example/", 7)), Map.of("iss_onbehalfof", "x"),
                Map.of("scope", " "))) {
            var claims = claims(client.clientId(), scope);
            bad.forEach(claims::claim);
            refused(request(sign(claims.build(), client.key())), 400, "invalid_request", "MP-011",
                    "Invalid assertion. Invalid parameter value");
        }
        refused(request(sign(claims(client.clientId(), scope).claim("authorization_details",
                List.of(Map.of("type", "urn:altinn:systemuser"))).build(), client.key())), 400, "invalid_request",
                "MP-301", "Invalid assertion. Unsupported authorization_details type");
    }

    @Test
    void pidAndResourceAreCarriedIntoTheToken() throws Exception {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        String one = request(sign(claims(client.clientId(), scope).claim("pid", "13097248022")
                .claim("resource", "https://api.example/").build(), client.key())).statusCode(200).extract()
                .path("access_token");
        JWTClaimsSet claims = SignedJWT.parse(one).getJWTClaimsSet();
        assertEquals("13097248022", claims.getClaim("pid"));
        assertEquals("https://api.example/", SignedJWT.parse(one).getPayload().toJSONObject().get("aud"));
        String two = request(sign(claims(client.clientId(), scope).claim("resource",
                List.of("https://a.example/", "https://b.example/")).build(), client.key())).statusCode(200)
                .extract().path("access_token");
        assertEquals(List.of("https://a.example/", "https://b.example/"),
                SignedJWT.parse(two).getJWTClaimsSet().getAudience());
    }

    @Test
    void aGrantIsUsedOnceWithOrWithoutJti() {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        String grant = grant(client, scope);
        request(grant).statusCode(200);
        refused(request(grant), 400, "invalid_grant", "MP-012", "Grant is used before");
        String sameJti = sign(claims(client.clientId(), scope).jwtID("fast-jti").build(), client.key());
        request(sameJti).statusCode(200);
        refused(request(sign(claims(client.clientId(), scope).jwtID("fast-jti").build(), client.key())), 400,
                "invalid_grant", "MP-012", "Grant is used before");
        String noJti = sign(claims(client.clientId(), scope).jwtID(null).build(), client.key());
        request(noJti).statusCode(200);
        refused(request(noJti), 400, "invalid_grant", "MP-012", "Grant is used before");
        request(sign(claims(client.clientId(), scope).jwtID(null).claim("resource", "https://x.example/").build(),
                client.key())).statusCode(200);
    }

    @Test
    void aGrantRefusedAfterTheReplayCheckIsUsedUpAndItsReplayIsAReplay() {
        // the replay store's write runs while the scopes are checked (issue 18): a grant refused by a later step is
        // still spent, and sending it again is MP-012 whatever the scope check would say
        Grants.Registered client = consumer();
        String grant = grant(client, scopeOf(client) + " alfa:finnes.ikke");
        refused(request(grant), 400, "invalid_scope", "MP-200",
                "Token request contains invalid scopes for client, alfa:finnes.ikke");
        refused(request(grant), 400, "invalid_grant", "MP-012", "Grant is used before");
    }

    @Test
    void theSameGrantSentManyTimesAtOnceGetsExactlyOneToken() throws Exception {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            for (String grant : List.of(grant(client, scope), sign(claims(client.clientId(), scope).jwtID(null).build(),
                    client.key()))) {
                List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    answers.add(pool.submit(() -> request(grant).extract().statusCode()));
                }
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var answer : answers) {
                    statuses.add(answer.get());
                }
                assertEquals(1, statuses.stream().filter(st -> st == 200).count(), statuses.toString());
                assertEquals(11, statuses.stream().filter(st -> st == 400).count(), statuses.toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyScopeMustBeOnTheClientAllowMaskinportenAndBeOpenToTheConsumerAllOrNothing() {
        String granted = ClientApiTest.grantedTo(TestData.ORG_B);
        String open = TestScopes.createInA(TestScopes.unique("alle"), Map.of("accessible_for_all", true));
        String revoked = ClientApiTest.grantedTo(TestData.ORG_B);
        Grants.Registered client = Grants.client(TestData.ORG_B, granted, open, revoked);
        String notOnClient = ClientApiTest.grantedTo(TestData.ORG_B);
        refused(request(grant(client, granted + " alfa:finnes.ikke")), 400, "invalid_scope", "MP-200",
                "Token request contains invalid scopes for client, alfa:finnes.ikke");
        refused(request(grant(client, notOnClient)), 400, "invalid_scope", "MP-200",
                "Token request contains invalid scopes for client, " + notOnClient);
        request(grant(client, granted + " " + open + " " + revoked)).statusCode(200)
                .body("scope", equalTo(granted + " " + open + " " + revoked));

        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", revoked).delete("/api/v1/scopes/access/"
                + TestData.ORG_B).then().statusCode(200);
        refused(Grants.eventually(403, () -> request(grant(client, granted + " " + revoked))), 403, "forbidden",
                "MP-250", "Consumer has not been granted access to the scope " + revoked + ".");
        request(grant(client, granted + " " + open)).statusCode(200);

        Map<String, Object> change = as(TestData.ORG_A, TestScopes.READ).queryParam("scope", open).get("/api/v1/scopes")
                .then().statusCode(200).extract().as(Map.class);
        change.put("allowed_integration_types", List.of("idporten"));
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", open).body(change).put("/api/v1/scopes").then()
                .statusCode(200);
        refused(Grants.eventually(400, () -> request(grant(client, open))), 400, "invalid_scope", "MP-201",
                "Token request contains scopes not allowed for maskinporten");

        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", granted).delete("/api/v1/scopes").then()
                .statusCode(200);
        refused(Grants.eventually(400, () -> request(grant(client, granted))), 400, "invalid_scope", "MP-200",
                "Token request contains invalid scopes for client, " + granted);
    }

    @Test
    void theOwnersOwnScopeNeedsNoAccessEntry() {
        String own = TestScopes.ofA();
        Grants.Registered client = Grants.client(TestData.ORG_A, own);
        request(grant(client, own)).statusCode(200);
    }

    @Test
    void lifetimeIsTheSmallestOfTheClientsAndEachScopesMaxAge() throws Exception {
        String short30 = TestScopes.createInA(TestScopes.unique("kort"), Map.of("accessible_for_all", true,
                "at_max_age", 30));
        String plain = ClientApiTest.grantedTo(TestData.ORG_B);
        Map<String, Object> body = ClientApiTest.maskinporten(short30, plain);
        body.put("access_token_lifetime", 60);
        String id = ClientApiTest.create(TestData.ORG_B, body);
        Grants.Registered client = new Grants.Registered(id, TestData.ORG_B, Grants.addKey(TestData.ORG_B, id));
        request(grant(client, plain)).statusCode(200).body("expires_in", equalTo(60));
        String token = request(grant(client, plain + " " + short30)).statusCode(200).body("expires_in", equalTo(30))
                .extract().path("access_token");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(30, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
    }

    @Test
    void aSupplierMadeClientsTokenNamesTheCustomerAsConsumerAndTheSupplier() throws Exception {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        Map<String, Object> body = ClientApiTest.maskinporten(scope);
        body.put("client_orgno", TestData.ORG_B);
        String id = as(TestData.SUPPLIER, ClientApiTest.DCR_SUPPLIER).body(body).post("/api/v1/clients").then()
                .statusCode(201).extract().path("client_id");
        RSAKey key = Grants.rsa();
        as(TestData.SUPPLIER, ClientApiTest.DCR_SUPPLIER).body(Map.of("keys", List.of(key.toPublicJWK()
                .toJSONObject()))).post("/api/v1/clients/" + id + "/jwks").then().statusCode(201);
        String token = request(sign(claims(id, scope).build(), key)).statusCode(200).extract().path("access_token");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("0192:" + TestData.ORG_B, ((Map<?, ?>) claims.getClaim("consumer")).get("ID"));
        assertEquals("0192:" + TestData.SUPPLIER, ((Map<?, ?>) claims.getClaim("supplier")).get("ID"));
    }

    @Test
    void anEnterpriseCertificateInX5cAuthenticatesAClientWithoutKeys() throws Exception {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        String id = ClientApiTest.create(TestData.ORG_B, ClientApiTest.maskinporten(scope));
        TestCertificates.Issued mine = TestCertificates.seid2(TestData.ORG_B);
        String token = request(x5c(id, scope, mine)).statusCode(200).extract().path("access_token");
        assertEquals("virksomhetssertifikat", SignedJWT.parse(token).getJWTClaimsSet().getClaim("client_amr"));
        request(x5c(id, scope, TestCertificates.seid1(TestData.ORG_B))).statusCode(200);

        refused(request(x5c(id, scope, TestCertificates.seid2(TestData.ORG_A))), 400, "invalid_grant", "MP-122",
                "Invalid JWT. Invalid organization number for client. Does not match certificate orgno");
        String certificate = "Invalid assertion. Client authentication failed. The JWT is signed with an invalid "
                + "certificate.";
        refused(request(x5c(id, scope, TestCertificates.seid2FromUntrustedCa(TestData.ORG_B))), 400, "invalid_grant",
                "MP-120", certificate);
        refused(request(x5c(id, scope, TestCertificates.seid2(TestData.ORG_B, Instant.now().minusSeconds(86400 * 400),
                Instant.now().minusSeconds(86400)))), 400, "invalid_grant", "MP-120", certificate);
        RSAKey other = Grants.rsa();
        String wrongSigner = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertChain(List.of(Base64.encode(
                mine.der()))).build(), claims(id, scope).build(), other);
        refused(request(wrongSigner), 400, "invalid_grant", "MP-124",
                "Invalid assertion. Client authentication failed. Invalid JWT signature.");
        refused(request(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertChain(List.of(Base64.encode(
                "not a certificate"))).build(), claims(id, scope).build(), other)), 400, "invalid_grant", "MP-123",
                "Invalid JWT header x5c");
    }

    private static String x5c(String clientId, String scope, TestCertificates.Issued cert) {
        RSAKey key = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) cert.keys().getPublic())
                .privateKey(cert.keys().getPrivate()).build();
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertChain(List.of(Base64.encode(cert.der())))
                .build(), claims(clientId, scope).build(), key);
    }

    @Test
    void metadataAndJwksAreServedWhereClientsLook() {
        String issuer = Grants.issuer();
        assertTrue(issuer.endsWith("/"), issuer);
        String base = issuer.substring(0, issuer.length() - 1);
        for (String path : List.of("/.well-known/oauth-authorization-server",
                "/.well-known/oauth-authorization-server/")) {
            given().get(path).then().statusCode(200).body("issuer", equalTo(issuer))
                    .body("token_endpoint", equalTo(base + "/token")).body("jwks_uri", equalTo(base + "/jwk"))
                    .body("grant_types_supported", equalTo(List.of(TokenRequest.JWT_BEARER)))
                    .body("token_endpoint_auth_methods_supported", equalTo(List.of("private_key_jwt")))
                    .body("token_endpoint_auth_signing_alg_values_supported", equalTo(List.of("RS256", "RS384",
                            "RS512")))
                    .body("authorization_endpoint", org.hamcrest.Matchers.nullValue())
                    .body("authorization_details_types_supported", org.hamcrest.Matchers.nullValue());
        }
        given().get("/.well-known/openid-configuration").then().statusCode(200).body("issuer", equalTo(issuer))
                .body("response_types_supported", equalTo(List.of("token")));
        given().get("/jwk").then().statusCode(200).body("keys.kty", hasItems("RSA")).body("keys[0].n", notNullValue())
                .body("keys[0].d", org.hamcrest.Matchers.nullValue());
        given().get("/jwk.json").then().statusCode(200).body("keys[0].use", equalTo("sig"));
    }

    @Test
    void skyportenServesRfc8414MetadataWhereClientsLookTheSameAsItsOpenidConfiguration() {
        String sky = Grants.issuer() + "sky";
        Map<String, Object> openid = given().get("/sky/.well-known/openid-configuration").then().statusCode(200)
                .extract().jsonPath().getMap("");
        String first = null;
        // issue 13: under the issuer's path, and RFC 8414 3's form with the well-known path before the issuer's path
        for (String path : List.of("/sky/.well-known/oauth-authorization-server",
                "/sky/.well-known/oauth-authorization-server/", "/.well-known/oauth-authorization-server/sky",
                "/.well-known/oauth-authorization-server/sky/")) {
            String body = given().get(path).then().statusCode(200).contentType(ContentType.JSON)
                    .body("issuer", equalTo(sky)).body("token_endpoint", equalTo(sky + "/token"))
                    .body("jwks_uri", equalTo(sky + "/jwk")).extract().asString();
            if (first == null) {
                first = body;
            } else {
                assertEquals(first, body, path);
            }
        }
        Map<String, Object> metadata = io.restassured.path.json.JsonPath.from(first).getMap("");
        assertEquals(java.util.Set.of("issuer", "token_endpoint", "jwks_uri", "grant_types_supported",
                "token_endpoint_auth_methods_supported", "token_endpoint_auth_signing_alg_values_supported",
                "dpop_signing_alg_values_supported"), metadata.keySet());
        metadata.forEach((member, value) -> assertEquals(openid.get(member), value, member));
        given().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("issuer", equalTo(Grants.issuer()));
    }

    @Test
    void eachErrorCodeHasAPageInBothLanguages() {
        for (ErrorCode code : ErrorCode.values()) {
            given().get("/errors/" + code.code()).then().statusCode(200).contentType(ContentType.HTML)
                    .body(containsString(code.code())).body(containsString("<main"));
        }
        given().header("Accept-Language", "en").get("/errors/MP-250").then().statusCode(200)
                .body(containsString("access list"));
        given().get("/errors/MP-250").then().body(containsString("tilgangslisten"));
        given().get("/errors/MP-999").then().statusCode(404);
        given().get("/sky/errors/MP-110").then().statusCode(200).body(containsString("MP-110"));
    }

    @Test
    void skyportenTokensCarrySubAndAudForCloudFederation() throws Exception {
        Grants.Registered client = consumer();
        String scope = scopeOf(client);
        String sky = Grants.issuer() + "sky";
        given().get("/sky/.well-known/openid-configuration").then().statusCode(200).body("issuer", equalTo(sky))
                .body("token_endpoint", equalTo(sky + "/token")).body("jwks_uri", equalTo(sky + "/jwk"));
        given().get("/sky/jwk").then().statusCode(200).body("keys[0].kty", equalTo("RSA"));
        String token = Grants.requestAt("/sky/token", sign(claims(client.clientId(), scope).audience(sky)
                .claim("resource", "https://skyporten.example.org").build(), client.key())).statusCode(200)
                .extract().path("access_token");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(sky, claims.getIssuer());
        assertEquals("0192:" + TestData.ORG_B + ";" + scope, claims.getSubject());
        assertEquals("https://skyporten.example.org", SignedJWT.parse(token).getPayload().toJSONObject().get("aud"));

        Grants.requestAt("/sky/token", sign(claims(client.clientId(), scope).audience(sky + "/")
                .claim("resource", "https://skyporten.example.org").build(), client.key())).statusCode(400)
                .body("error_uri", endsWith("/sky/errors/MP-110"));
        Grants.requestAt("/sky/token", sign(claims(client.clientId(), scope).audience(sky).build(), client.key()))
                .statusCode(400).body("error_description",
                        containsString("Skyporten requires exactly one scope and one resource"));
        request(sign(claims(client.clientId(), scope).audience(sky).build(), client.key())).statusCode(400)
                .body("error_uri", endsWith("/errors/MP-110"));
    }
}
