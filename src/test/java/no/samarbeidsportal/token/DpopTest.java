package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.WRITE;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.token.Grants.claims;
import static no.samarbeidsportal.token.Grants.grant;
import static no.samarbeidsportal.token.Grants.sign;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.AccessTokenValidationException;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DefaultDPoPSingleUseChecker;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import net.minidev.json.JSONObject;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DPoP at the token endpoint (RFC 9449, issue 18), with the Nimbus OAuth 2.0 SDK's proof factory as the client and its
 * resource server verifier checking the tokens' binding.
 */
@QuarkusTest
class DpopTest {

    private static final String TRACE = " \\(trace_id: [0-9a-f]{32}\\)";

    @Inject
    DataSource dataSource;

    @Inject
    DpopConfig dpop;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** A scope of A that requires DPoP, open to B, and a client of B with it. */
    private static Grants.Registered dpopClient() {
        String scope = TestScopes.createInA(TestScopes.unique("dpop"), Map.of("requires_dpop", true));
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + TestData.ORG_B)
                .then().statusCode(200);
        return Grants.client(TestData.ORG_B, scope);
    }

    private static String scopeOf(Grants.Registered client) {
        return as(client.orgno(), "idporten:dcr.read").get("/api/v1/clients/" + client.clientId()).then()
                .extract().path("scopes[0]");
    }

    private static URI tokenEndpoint() {
        return URI.create(given().get("/.well-known/oauth-authorization-server").then().extract()
                .<String>path("token_endpoint"));
    }

    private static ECKey ec() throws JOSEException {
        return new ECKeyGenerator(Curve.P_256).keyID("dpop-" + UUID.randomUUID()).generate();
    }

    private static String proof(JWK key, JWSAlgorithm alg) throws JOSEException {
        return new DefaultDPoPProofFactory(key, alg).createDPoPJWT("POST", tokenEndpoint()).serialize();
    }

    private static RequestSpecification form(String assertion) {
        return given().contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .formParam("assertion", assertion);
    }

    private static ValidatableResponse withProof(Grants.Registered client, String proof) {
        return form(grant(client, scopeOf(client))).header("DPoP", proof).post("/token").then();
    }

    private static void refused(ValidatableResponse response, String description) {
        response.statusCode(400).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_dpop_proof"))
                .body("error_description", matchesPattern(java.util.regex.Pattern.quote(description) + TRACE));
    }

    /** A proof built by hand: any header, signed by any signer (Nimbus' builders refuse most of these faults). */
    private static String handMade(Map<String, Object> header, JWTClaimsSet claims, JWSSigner signer)
            throws JOSEException {
        String input = Base64URL.encode(new JSONObject(header).toJSONString()).toString() + "."
                + Base64URL.encode(claims.toString()).toString();
        com.nimbusds.jose.JWSHeader parsed = new com.nimbusds.jose.JWSHeader(
                JWSAlgorithm.parse((String) header.get("alg")));
        return input + "." + signer.sign(parsed, input.getBytes(StandardCharsets.US_ASCII));
    }

    private static Map<String, Object> header(String alg, JWK jwk) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("typ", "dpop+jwt");
        h.put("alg", alg);
        h.put("jwk", jwk.toJSONObject());
        return h;
    }

    private static JWTClaimsSet proofClaims(String htm, URI htu, Instant iat) {
        return new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", htm)
                .claim("htu", htu.toString()).issueTime(Date.from(iat)).build();
    }

    @Test
    void aScopeThatRequiresDpopGetsATokenBoundToTheProofsKeyThatAResourceServerCanCheck() throws Exception {
        Grants.Registered client = dpopClient();
        String scope = scopeOf(client);
        ECKey key = ec();
        String token = withProof(client, proof(key, JWSAlgorithm.ES256)).statusCode(200)
                .body("token_type", equalTo("DPoP")).body("scope", equalTo(scope)).extract().path("access_token");

        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks = JWKSet.parse(given().get("/jwk").then().statusCode(200).extract().asString());
        assertTrue(jwt.verify(new RSASSAVerifier((RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID()))));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("DPoP", claims.getStringClaim("token_type"));
        assertEquals(key.computeThumbprint().toString(), claims.getJSONObjectClaim("cnf").get("jkt"));
        assertEquals(JWKThumbprintConfirmation.of(key), JWKThumbprintConfirmation.parse(claims));

        // the provider's API, as the scope page shows it: the proof of a call with the token, checked by Nimbus
        DPoPProtectedResourceRequestVerifier verifier = new DPoPProtectedResourceRequestVerifier(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256), 60,
                new DefaultDPoPSingleUseChecker(60, 10));
        URI api = URI.create("https://api.example.no/resource");
        DPoPAccessToken access = DPoPAccessToken.parse("DPoP " + token);
        SignedJWT call = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT("GET", api, access);
        verifier.verify("GET", api, new DPoPIssuer(claims.getStringClaim("client_id")), call, access,
                JWKThumbprintConfirmation.parse(claims), null);
        // a thief with the token but another key is refused by the API
        ECKey thief = ec();
        SignedJWT stolen = new DefaultDPoPProofFactory(thief, JWSAlgorithm.ES256).createDPoPJWT("GET", api, access);
        assertThrows(AccessTokenValidationException.class, () -> verifier.verify("GET", api,
                new DPoPIssuer(claims.getStringClaim("client_id")), stolen, access,
                JWKThumbprintConfirmation.parse(claims), null));
    }

    @Test
    void rsaAndPssProofsWorkToo() throws Exception {
        Grants.Registered client = dpopClient();
        RSAKey key = Grants.rsa();
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.RS512)) {
            String token = withProof(client, proof(key, alg)).statusCode(200).body("token_type", equalTo("DPoP"))
                    .extract().path("access_token");
            assertEquals(key.computeThumbprint().toString(),
                    SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf").get("jkt"));
        }
    }

    @Test
    void withoutAProofAScopeThatRequiresDpopIsRefusedClearly() {
        Grants.Registered client = dpopClient();
        String scope = scopeOf(client);
        refused(form(grant(client, scope)).post("/token").then(),
                "The scope " + scope + " requires a DPoP proof (RFC 9449) in the DPoP header");
    }

    @Test
    void badProofsAreRefusedWithInvalidDpopProofNeverA5xx() throws Exception {
        Grants.Registered client = dpopClient();
        URI endpoint = tokenEndpoint();
        ECKey key = ec();
        DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        Instant now = Instant.now();

        refused(withProof(client, "not.a-proof"), "The DPoP proof is not a signed JWT");
        refused(withProof(client, "abc"), "The DPoP proof is not a signed JWT");
        refused(withProof(client, factory.createDPoPJWT("POST", URI.create("https://evil.example/token"))
                .serialize()), "The DPoP proof's htu must be the token endpoint " + endpoint);
        refused(withProof(client, factory.createDPoPJWT("POST", URI.create(endpoint + "/other")).serialize()),
                "The DPoP proof's htu must be the token endpoint " + endpoint);
        refused(withProof(client, factory.createDPoPJWT("GET", endpoint).serialize()),
                "The DPoP proof's htm must be POST");
        refused(withProof(client, factory.createDPoPJWT(new JWTID(), "POST", endpoint,
                Date.from(now.minusSeconds(120)), null).serialize()),
                "The DPoP proof's iat is more than 60 seconds from the server's time");
        refused(withProof(client, factory.createDPoPJWT(new JWTID(), "POST", endpoint,
                Date.from(now.plusSeconds(120)), null).serialize()),
                "The DPoP proof's iat is more than 60 seconds from the server's time");

        // a private key in the jwk, RSA or EC
        RSAKey rsa = Grants.rsa();
        refused(withProof(client, handMade(header("RS256", rsa), proofClaims("POST", endpoint, now),
                new RSASSASigner(rsa))),
                "The DPoP proof's jwk holds a private or symmetric key; send only the public key");
        refused(withProof(client, handMade(header("ES256", key), proofClaims("POST", endpoint, now),
                new ECDSASigner(key))),
                "The DPoP proof's jwk holds a private or symmetric key; send only the public key");
        // HS256 and alg none
        String allowed = "RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512";
        refused(withProof(client, handMade(header("HS256", key.toPublicJWK()), proofClaims("POST", endpoint, now),
                new MACSigner(new byte[32]))), "The DPoP proof's alg must be one of " + allowed
                        + " (never none or a symmetric algorithm)");
        Map<String, Object> none = header("none", key.toPublicJWK());
        refused(withProof(client, Base64URL.encode(new JSONObject(none).toJSONString()) + "."
                + Base64URL.encode(proofClaims("POST", endpoint, now).toString()) + "."),
                "The DPoP proof's alg must be one of " + allowed + " (never none or a symmetric algorithm)");
        // signed by another key than the one in its jwk
        ECKey other = ec();
        refused(withProof(client, handMade(header("ES256", key.toPublicJWK()), proofClaims("POST", endpoint, now),
                new ECDSASigner(other))), "The DPoP proof's signature does not match its jwk");
        // the wrong typ, and a key that does not fit its alg
        Map<String, Object> jwt = header("ES256", key.toPublicJWK());
        jwt.put("typ", "JWT");
        refused(withProof(client, handMade(jwt, proofClaims("POST", endpoint, now), new ECDSASigner(key))),
                "The DPoP proof's typ must be dpop+jwt");
        refused(withProof(client, handMade(header("RS256", key.toPublicJWK()), proofClaims("POST", endpoint, now),
                new RSASSASigner(rsa))), "The DPoP proof's jwk does not fit its alg RS256");
        // two DPoP headers, even two good ones
        refused(form(grant(client, scopeOf(client))).header("DPoP", proof(key, JWSAlgorithm.ES256))
                .header("DPoP", proof(key, JWSAlgorithm.ES256)).post("/token").then(),
                "Send exactly one DPoP header");
    }

    @Test
    void aProofIsUsedOnceOnly() throws Exception {
        Grants.Registered client = dpopClient();
        String proof = proof(ec(), JWSAlgorithm.ES256);
        withProof(client, proof).statusCode(200);
        refused(withProof(client, proof), "The DPoP proof's jti was used before; make a new proof for each request");
    }

    @Test
    void aProofsUseIsKeptPastTheLastMomentAnyInstanceWouldAcceptIt() throws Exception {
        // final read-through of session 26: a proof's jti was kept only until iat + window + 1 s, forgotten every few
        // seconds by one instance's clock while another instance, its clock behind, could still accept the proof
        Grants.Registered client = dpopClient();
        ECKey key = ec();
        String proof = proof(key, JWSAlgorithm.ES256);
        withProof(client, proof).statusCode(200);
        JWTClaimsSet claims = SignedJWT.parse(proof).getJWTClaimsSet();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "select expires from grant_use where grant_hash = ?")) {
            s.setBytes(1, DpopProofs.useKey(key.computeThumbprint("SHA-256").toString(), claims.getJWTID()));
            try (java.sql.ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "the proof's use is stored");
                Instant kept = r.getTimestamp(1).toInstant();
                Instant lastAccepted = claims.getIssueTime().toInstant().plus(dpop.iatWindow()).plusSeconds(1);
                assertTrue(kept.isAfter(lastAccepted.plusSeconds(30)), "kept until " + kept + ", accepted until "
                        + lastAccepted);
            }
        }
    }

    @Test
    void aScopeWithoutDpopWorksWithoutAProofAsBearerAndWithOneAsDpop() throws Exception {
        Grants.Registered client = Grants.client(TestData.ORG_B,
                no.samarbeidsportal.clients.ClientApiTest.grantedTo(TestData.ORG_B));
        String bearer = form(grant(client, scopeOf(client))).post("/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).extract().path("access_token");
        JWTClaimsSet plain = SignedJWT.parse(bearer).getJWTClaimsSet();
        assertEquals("Bearer", plain.getStringClaim("token_type"));
        assertNull(plain.getClaim("cnf"));

        ECKey key = ec();
        String bound = withProof(client, proof(key, JWSAlgorithm.ES256)).statusCode(200)
                .body("token_type", equalTo("DPoP")).extract().path("access_token");
        assertEquals(key.computeThumbprint().toString(),
                SignedJWT.parse(bound).getJWTClaimsSet().getJSONObjectClaim("cnf").get("jkt"));
        // a proof sent without need is still checked
        refused(withProof(client, new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256)
                .createDPoPJWT("GET", tokenEndpoint()).serialize()), "The DPoP proof's htm must be POST");
    }

    @Test
    void skyportenChecksHtuAgainstItsOwnTokenEndpoint() throws Exception {
        Grants.Registered client = dpopClient();
        String scope = scopeOf(client);
        String sky = Grants.issuer() + "sky";
        ECKey key = ec();
        DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        String assertion = sign(claims(client.clientId(), scope).audience(sky)
                .claim("resource", "https://skyporten.example.org").build(), client.key());
        refused(given().contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").formParam("assertion", assertion)
                .header("DPoP", factory.createDPoPJWT("POST", tokenEndpoint()).serialize()).post("/sky/token").then(),
                "The DPoP proof's htu must be the token endpoint " + sky + "/token");
        // htu compared after RFC 3986 normalisation, without query and fragment (Nimbus' factory makes no such htu)
        String other = sign(claims(client.clientId(), scope).audience(sky)
                .claim("resource", "https://skyporten.example.org").build(), client.key());
        URI odd = URI.create(sky.replace("http://localhost", "HTTP://LOCALHOST") + "/./token?x=1#f");
        given().contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").formParam("assertion", other)
                .header("DPoP", handMade(header("ES256", key.toPublicJWK()), proofClaims("POST", odd, Instant.now()),
                        new ECDSASigner(key))).post("/sky/token").then()
                .statusCode(200).body("token_type", equalTo("DPoP"));
    }

    @Test
    void theMetadataAdvertisesDpopSigningAlgorithmsInBothProfiles() {
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration",
                "/sky/.well-known/oauth-authorization-server", "/sky/.well-known/openid-configuration")) {
            given().get(path).then().statusCode(200)
                    .body("dpop_signing_alg_values_supported", hasItems("RS256", "PS256", "ES256"))
                    .body("dpop_signing_alg_values_supported", not(hasItems("HS256")))
                    .body("dpop_signing_alg_values_supported", not(hasItems("none")));
        }
    }
}
