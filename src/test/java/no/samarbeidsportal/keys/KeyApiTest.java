package no.samarbeidsportal.keys;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.clients.ClientKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyApiTest {

    private static final String WRITE = "idporten:dcr.write";
    private static final String READ = "idporten:dcr.read";
    private static final long YEAR = Duration.ofDays(365).toSeconds();

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    static String clientOf(String orgno) {
        return as(orgno, WRITE).body(ClientApiTest.maskinporten(ClientApiTest.grantedTo(orgno)))
                .post("/api/v1/clients").then().statusCode(201).extract().path("client_id");
    }

    static Map<String, Object> jwk(String kid) {
        return jwk(kid, TestCertificates.rsa(2048));
    }

    static Map<String, Object> jwk(String kid, KeyPair keys) {
        return new HashMap<>(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE)
                .build().toJSONObject());
    }

    static String jwks(Object... keys) {
        return toJson(Map.of("keys", List.of(keys)));
    }

    static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwksPath(String clientId) {
        return "/api/v1/clients/" + clientId + "/jwks";
    }

    @Test
    void replacesTheSetWithAJwksAndAnswersEveryKeyWithANumericExp() {
        String id = clientOf(TestData.ORG_A);
        long before = Instant.now().getEpochSecond();
        as(TestData.ORG_A, WRITE).body(jwks(jwk("min_egen_nokkel"))).post("/clients/" + id + "/jwks").then()
                .statusCode(201)
                .body("keys.kid", contains("min_egen_nokkel"))
                .body("keys[0].use", equalTo("sig")).body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].exp", instanceOf(Number.class))
                .body("last_updated", notNullValue()).body("created", notNullValue());
        long exp = as(TestData.ORG_A, READ).get(jwksPath(id)).then().statusCode(200).extract().jsonPath()
                .getLong("keys[0].exp");
        assertTrue(exp >= before + YEAR && exp <= Instant.now().getEpochSecond() + YEAR, "a year from now: " + exp);

        as(TestData.ORG_A, WRITE).body(toJson(jwk("ett"))).put("/external/api/v1/clients/" + id + "/jwks/").then()
                .statusCode(200).body("keys.kid", contains("ett"));
        as(TestData.ORG_A, WRITE).body(toJson(List.of(jwk("to"), jwk("tre")))).post(jwksPath(id)).then()
                .statusCode(201).body("keys.kid", contains("to", "tre"));
    }

    @Test
    void takesPemKeysAndCertificatesAsPemOrDerAndMakesThemJwks() {
        String id = clientOf(TestData.ORG_A);
        KeyPair pair = TestCertificates.rsa(2048);
        String thumbprint = as(TestData.ORG_A, WRITE).contentType("application/x-pem-file")
                .body(TestCertificates.pem(pair.getPublic()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(jwksPath(id)).then().statusCode(201)
                .body("keys[0].use", equalTo("sig")).extract().path("keys[0].kid");
        assertEquals(43, thumbprint.length(), "RFC 7638 thumbprint as kid");

        TestCertificates.Issued seid2 = TestCertificates.seid2(TestData.ORG_A, Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
        as(TestData.ORG_A, WRITE).contentType(ContentType.TEXT).body(seid2.pem()).post(jwksPath(id)).then()
                .statusCode(201)
                .body("keys[0].kid", equalTo(seid2.serial()))
                .body("keys[0].x5c", hasSize(1)).body("keys[0]", hasKey("x5t#S256"))
                .body("keys[0].exp", equalTo((int) seid2.certificate().getNotAfter().toInstant().getEpochSecond()));

        TestCertificates.Issued seid1 = TestCertificates.seid1(TestData.ORG_A);
        as(TestData.ORG_A, WRITE).contentType("application/pkix-cert").body(seid1.der()).post(jwksPath(id)).then()
                .statusCode(201).body("keys[0].kid", equalTo(seid1.serial()));
        // a chain, leaf first, is fine
        as(TestData.ORG_A, WRITE).contentType(ContentType.TEXT).body(seid1.pem() + TestCertificates.ca().pem())
                .post(jwksPath(id)).then().statusCode(201).body("keys[0].x5c", hasSize(2));
    }

    @Test
    void refusesEachBrokenRuleWithItsOwnMessageAndKeepsTheOldSet() {
        String id = clientOf(TestData.ORG_A);
        as(TestData.ORG_A, WRITE).body(jwks(jwk("gammel"))).post(jwksPath(id)).then().statusCode(201);

        Map<String, Object> small = jwk("liten", TestCertificates.rsa(1024));
        refused(id, jwks(small), "keys[0].n", "1024");
        Map<String, Object> ec;
        try {
            ec = new HashMap<>(new ECKeyGenerator(Curve.P_256).keyID("ec").keyUse(KeyUse.SIGNATURE).generate()
                    .toPublicJWK().toJSONObject());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        refused(id, jwks(ec), "keys[0].kty", "RSA");
        Map<String, Object> noUse = jwk("ingen-bruk");
        noUse.remove("use");
        refused(id, jwks(noUse), "keys[0].use", "sig");
        Map<String, Object> enc = jwk("kryptering");
        enc.put("use", "enc");
        refused(id, jwks(enc), "keys[0].use", "sig");
        Map<String, Object> noKid = jwk("x");
        noKid.remove("kid");
        refused(id, jwks(noKid), "keys[0].kid", "kid");
        refused(id, jwks(jwk("ugyldig kid!")), "keys[0].kid", "letters");
        Map<String, Object> hs = jwk("hs");
        hs.put("alg", "HS256");
        refused(id, jwks(hs), "keys[0].alg", "HS256");
        refused(id, jwks(jwk("a"), jwk("a")), "keys[1].kid", "\"a\"");
        List<Object> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(jwk("k" + i));
        }
        refused(id, jwks(six.toArray()), "keys", "5");
        refused(id, "{\"keys\": []}", "keys", "DELETE");
        refused(id, "{\"keys\": [", "keys", "JSON");
        refused(id, "-----BEGIN CERTIFICATE-----\nikke base64\n-----END CERTIFICATE-----\n", "keys", "PEM");
        refused(id, "hei", "keys", "PEM");

        as(TestData.ORG_A, READ).get(jwksPath(id)).then().body("keys.kid", contains("gammel"));
    }

    @Test
    void binaryGarbageIsA400NotA500() {
        String id = clientOf(TestData.ORG_A);
        as(TestData.ORG_A, WRITE).contentType("application/pkix-cert").body(new byte[] {0x30, (byte) 0x82, 1, 2, 3})
                .post(jwksPath(id)).then().statusCode(400).body("errors[0].objectName", equalTo("JWKS"))
                .body("errors[0].fieldIdentifier", equalTo("keys"));
    }

    @Test
    void aPrivateKeyIsRefusedSayingSoAndNeverStoredOrEchoed() {
        String id = clientOf(TestData.ORG_A);
        KeyPair pair = TestCertificates.rsa(2048);
        Map<String, Object> full = new HashMap<>(new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate()).keyID("privat").keyUse(KeyUse.SIGNATURE).build()
                .toJSONObject());
        String d = (String) full.get("d");
        as(TestData.ORG_A, WRITE).body(jwks(full)).post(jwksPath(id)).then().statusCode(400)
                .body("errors[0].errorMessage", containsString("private key"))
                .body(not(containsString(d)));
        String pem = TestCertificates.pem(pair.getPrivate());
        as(TestData.ORG_A, WRITE).contentType(ContentType.TEXT).body(pem).post(jwksPath(id)).then().statusCode(400)
                .body("errors[0].errorMessage", containsString("private key"));
        as(TestData.ORG_A, WRITE).contentType(ContentType.TEXT).body(TestCertificates.pem(pair))
                .post(jwksPath(id)).then().statusCode(400);
        long stored = QuarkusTransaction.requiringNew().call(() -> (Long) ClientKey.getEntityManager()
                .createNativeQuery("select count(*) from client_key where jsonb_exists(jwk, 'd')").getSingleResult());
        long audited = QuarkusTransaction.requiringNew().call(() -> (Long) ClientKey.getEntityManager()
                .createNativeQuery("select count(*) from audit_event where cast(after_value as text) like :d or cast(before_value as text) like :d")
                .setParameter("d", "%" + d.substring(0, 20) + "%").getSingleResult());
        assertEquals(0, stored);
        assertEquals(0, audited);
    }

    @Test
    void certificatesMustBeTheClientsOrganisationsValidAndInOrder() {
        String id = clientOf(TestData.ORG_A);
        TestCertificates.Issued other = TestCertificates.seid2(TestData.ORG_B);
        refusedPem(id, other.pem(), "keys[0].x5c", TestData.ORG_B);
        TestCertificates.Issued expired = TestCertificates.seid2(TestData.ORG_A,
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(2)));
        refusedPem(id, expired.pem(), "keys[0].x5c", "expired");
        refusedPem(id, TestCertificates.ca().pem() + TestCertificates.seid1(TestData.ORG_A).pem(), "keys[0].x5c",
                "wrong order");
        refusedPem(id, TestCertificates.withoutOrgno().pem(), "keys[0].x5c", "organisation number");
        refusedPem(id, TestCertificates.seid2WithKeySize(TestData.ORG_A, 1024).pem(), "keys[0].n", "2048");

        // a JWK whose x5c holds another key than its n and e
        Map<String, Object> mismatched = jwk("blandet");
        mismatched.put("x5c", List.of(java.util.Base64.getEncoder()
                .encodeToString(TestCertificates.seid2(TestData.ORG_A).der())));
        refused(id, jwks(mismatched), "keys[0].x5c", "x5c");
    }

    @Test
    void repostingAKeyRenewsItAndEchoingItsExpKeepsIt() {
        String id = clientOf(TestData.ORG_A);
        Map<String, Object> key = jwk("fornyes");
        long soon = Instant.now().plus(Duration.ofDays(10)).getEpochSecond();
        key.put("exp", soon);
        as(TestData.ORG_A, WRITE).body(jwks(key)).post(jwksPath(id)).then().statusCode(201)
                .body("keys[0].exp", equalTo((int) soon));
        // automation's GET, append, POST: the server takes its own output back, exp included
        String got = as(TestData.ORG_A, READ).get(jwksPath(id)).then().extract().asString();
        as(TestData.ORG_A, WRITE).body(got).post(jwksPath(id)).then().statusCode(201)
                .body("keys[0].exp", equalTo((int) soon));
        key.remove("exp");
        long renewed = as(TestData.ORG_A, WRITE).body(jwks(key)).post(jwksPath(id)).then().statusCode(201)
                .extract().jsonPath().getLong("keys[0].exp");
        assertTrue(renewed >= Instant.now().getEpochSecond() + YEAR - 60, "renewed for a year");
        Map<String, Object> past = jwk("fortid");
        past.put("exp", Instant.now().minusSeconds(10).getEpochSecond());
        refused(id, jwks(past), "keys[0].exp", "exp");
    }

    @Test
    void deleteEmptiesTheSetAndSingleKeysCanBeAddedAndRemoved() {
        String id = clientOf(TestData.ORG_A);
        as(TestData.ORG_A, WRITE).body(jwks(jwk("en"))).post(jwksPath(id)).then().statusCode(201);
        KeyPair second = TestCertificates.rsa(2048);
        as(TestData.ORG_A, WRITE).body(toJson(jwk("to", second))).post(jwksPath(id) + "/keys").then()
                .statusCode(201).body("keys.kid", contains("en", "to"));
        // the same kid with the same key renews; with another key it is refused
        as(TestData.ORG_A, WRITE).body(toJson(jwk("to", second))).post(jwksPath(id) + "/keys").then()
                .statusCode(201).body("keys", hasSize(2));
        as(TestData.ORG_A, WRITE).body(toJson(jwk("to"))).post(jwksPath(id) + "/keys").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("keys[0].kid"));
        as(TestData.ORG_A, WRITE).delete(jwksPath(id) + "/en").then().statusCode(200)
                .body("keys.kid", contains("to"));
        as(TestData.ORG_A, WRITE).delete(jwksPath(id) + "/en").then().statusCode(404);
        as(TestData.ORG_A, WRITE).delete(jwksPath(id)).then().statusCode(200).body("keys", empty());
        as(TestData.ORG_A, READ).get(jwksPath(id)).then().statusCode(200).body("keys", empty());
        as(TestData.ORG_A, READ).get("/api/v1/audit").then()
                .body("action", allOf(hasItem("keys.replaced"), hasItem("keys.added"), hasItem("key.removed"),
                        hasItem("keys.cleared")));
    }

    @Test
    void concurrentAddsNeverPassTheFiveKeyLimit() throws Exception {
        String id = clientOf(TestData.ORG_A);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bodies.add(toJson(jwk("samtidig-" + i)));
        }
        String token = no.samarbeidsportal.Tokens.of(TestData.ORG_A, WRITE);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (String body : bodies) {
                statuses.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                        .post(jwksPath(id) + "/keys").statusCode()));
            }
            long created = 0;
            for (var status : statuses) {
                int code = status.get();
                assertTrue(code == 201 || code == 400, "201 or the limit's 400, got " + code);
                created += code == 201 ? 1 : 0;
            }
            assertEquals(5, created);
        } finally {
            pool.shutdownNow();
        }
        as(TestData.ORG_A, READ).get(jwksPath(id)).then().body("keys", hasSize(5));
    }

    @Test
    void listsTheKeysThatExpireSoon() {
        String id = clientOf(TestData.ORG_A);
        Map<String, Object> key = jwk("snart");
        key.put("exp", Instant.now().plus(Duration.ofDays(5)).getEpochSecond());
        as(TestData.ORG_A, WRITE).body(jwks(key, jwk("lenge"))).post(jwksPath(id)).then().statusCode(201);
        as(TestData.ORG_A, READ).get("/api/v1/keys/expiring").then().statusCode(200)
                .body("findAll { it.client_id == '" + id + "' }.kid", contains("snart"));
        as(TestData.ORG_A, READ).queryParam("days", 400).get("/keys/expiring").then().statusCode(200)
                .body("findAll { it.client_id == '" + id + "' }.kid", contains("snart", "lenge"));
        as(TestData.ORG_B, READ).queryParam("days", 400).get("/api/v1/keys/expiring").then()
                .body("client_id", not(hasItem(id)));
    }

    @Test
    void anExpiredKeyLeftInTheSetDoesNotStopTheServerTakingItsOwnOutputBack() {
        String id = clientOf(TestData.ORG_A);
        as(TestData.ORG_A, WRITE).body(jwks(jwk("utlopt"))).post(jwksPath(id)).then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> ClientKey.getEntityManager().createNativeQuery(
                "update client_key set expires = now() - interval '2 days' where kid = 'utlopt'").executeUpdate());
        // automation rotates after expiry: GET, append a new key, POST the whole set
        Map<String, Object> got = as(TestData.ORG_A, READ).get(jwksPath(id)).then().statusCode(200).extract()
                .jsonPath().getMap("$");
        long expired = ((Number) ((Map<?, ?>) ((List<?>) got.get("keys")).get(0)).get("exp")).longValue();
        List<Object> keys = new ArrayList<>((List<?>) got.get("keys"));
        keys.add(jwk("ny"));
        Map<String, Object> body = new HashMap<>(got);
        body.put("keys", keys);
        as(TestData.ORG_A, WRITE).body(toJson(body)).post(jwksPath(id)).then().statusCode(201)
                .body("keys.kid", contains("utlopt", "ny"))
                .body("keys.find { it.kid == 'utlopt' }.exp", equalTo((int) expired));
        // the same kid with a past exp but another key is a new key, and a new key cannot start out expired
        Map<String, Object> other = jwk("utlopt");
        other.put("exp", expired);
        refused(id, jwks(other), "keys[0].exp", "exp");
    }

    @Test
    void anExpBeyondTheCalendarIsCappedAndANegativeOneRefusedNeverA500() {
        String id = clientOf(TestData.ORG_A);
        Map<String, Object> far = jwk("langt-fram");
        far.put("exp", Long.MAX_VALUE);
        long exp = as(TestData.ORG_A, WRITE).body(jwks(far)).post(jwksPath(id)).then().statusCode(201).extract()
                .jsonPath().getLong("keys[0].exp");
        assertTrue(exp <= Instant.now().getEpochSecond() + YEAR, "at most a year: " + exp);
        for (long negative : new long[] {-1, -Long.MAX_VALUE}) {
            Map<String, Object> key = jwk("negativ");
            key.put("exp", negative);
            refused(id, jwks(key), "keys[0].exp", "1970");
        }
    }

    @Test
    void aPrivateKeyInAPemBlockTheParserDoesNotKnowIsStillCalledAPrivateKey() {
        String id = clientOf(TestData.ORG_A);
        as(TestData.ORG_A, WRITE).contentType(ContentType.TEXT)
                .body("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n"
                        + "-----END OPENSSH PRIVATE KEY-----\n")
                .post(jwksPath(id)).then().statusCode(400)
                .body("errors[0].errorMessage", containsString("private key"))
                .body(not(containsString("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ")));
    }

    @Test
    void aPublicExponentOfOneOrAnEvenOneIsRefused() {
        String id = clientOf(TestData.ORG_A);
        for (String e : new String[] {"AQ", "Ag", "AQAA"}) {
            Map<String, Object> key = jwk("svak");
            key.put("e", e);
            refused(id, jwks(key), "keys[0].e", "65537");
        }
    }

    @Test
    void takesAnRsaPublicKeyBlockAndA4096BitKey() throws Exception {
        String id = clientOf(TestData.ORG_A);
        RSAPublicKey pub = (RSAPublicKey) TestCertificates.rsa(2048).getPublic();
        byte[] pkcs1 = new org.bouncycastle.asn1.pkcs.RSAPublicKey(pub.getModulus(), pub.getPublicExponent())
                .getEncoded();
        String pem = "-----BEGIN RSA PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pkcs1) + "\n-----END RSA PUBLIC KEY-----\n";
        as(TestData.ORG_A, WRITE).contentType("application/x-pem-file")
                .body(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(jwksPath(id)).then()
                .statusCode(201).body("keys[0].use", equalTo("sig")).body("keys[0].alg", equalTo("RS256"));
        as(TestData.ORG_A, WRITE).body(jwks(jwk("stor", TestCertificates.rsa(4096)))).post(jwksPath(id)).then()
                .statusCode(201).body("keys.kid", contains("stor"));
    }

    @Test
    void theExpiryListTakesDaysFrom0To3650AndAnythingElseIsA400() {
        for (String days : new String[] {"abc", "-1", "3651", String.valueOf(Integer.MAX_VALUE), "1e3"}) {
            as(TestData.ORG_A, READ).queryParam("days", days).get("/api/v1/keys/expiring").then().statusCode(400)
                    .body("error", equalTo("invalid_request"))
                    .body("errors[0].fieldIdentifier", equalTo("days"))
                    .body("errors[0].errorMessage", containsString("3650"));
        }
        as(TestData.ORG_A, READ).queryParam("days", 3650).get("/api/v1/keys/expiring").then().statusCode(200);
        as(TestData.ORG_A, READ).queryParam("days", 0).get("/api/v1/keys/expiring").then().statusCode(200);
    }

    @Test
    void anotherOrganisationCannotSeeOrChangeTheKeysAndTheMatrixHolds() {
        String id = clientOf(TestData.ORG_A);
        as(TestData.ORG_B, WRITE).get(jwksPath(id)).then().statusCode(404);
        as(TestData.ORG_B, WRITE).body(jwks(jwk("inntrenger"))).post(jwksPath(id)).then().statusCode(404);
        as(TestData.ORG_B, WRITE).delete(jwksPath(id)).then().statusCode(404);
        as(TestData.ORG_A, READ).body(jwks(jwk("les"))).post(jwksPath(id)).then().statusCode(403);
        as(TestData.ORG_A, "idporten:scopes.write").get(jwksPath(id)).then().statusCode(403);
        given().get(jwksPath(id)).then().statusCode(401);
        as(TestData.ORG_A, "idporten:dcr.modify").body(jwks(jwk("endre"))).post(jwksPath(id)).then()
                .statusCode(201);

        as(TestData.ORG_A, WRITE).delete("/api/v1/clients/" + id).then().statusCode(200);
        as(TestData.ORG_A, READ).get(jwksPath(id)).then().statusCode(404);
        as(TestData.ORG_A, WRITE).body(jwks(jwk("for-sent"))).post(jwksPath(id)).then().statusCode(404);
    }

    @Test
    void aSupplierManagesTheKeysOfTheClientsItSupplies() {
        Map<String, Object> body = ClientApiTest.maskinporten(ClientApiTest.grantedTo(TestData.ORG_B));
        body.put("client_orgno", TestData.ORG_B);
        String id = as(TestData.SUPPLIER, "idporten:dcr.supplier").body(body).post("/api/v1/clients").then()
                .statusCode(201).extract().path("client_id");
        as(TestData.SUPPLIER, "idporten:dcr.supplier").contentType(ContentType.TEXT)
                .body(TestCertificates.seid2(TestData.ORG_B).pem()).post(jwksPath(id)).then().statusCode(201);
        // the certificate is the customer's: the supplier's own would not do
        as(TestData.SUPPLIER, "idporten:dcr.supplier").contentType(ContentType.TEXT)
                .body(TestCertificates.seid2(TestData.SUPPLIER).pem()).post(jwksPath(id)).then().statusCode(400);
        as(TestData.ORG_B, READ).get(jwksPath(id)).then().statusCode(200).body("keys", hasSize(1));
    }

    private static void refused(String clientId, String body, String field, String messagePart) {
        as(TestData.ORG_A, WRITE).body(body).post(jwksPath(clientId)).then().statusCode(400)
                .body("error", equalTo("invalid_client_metadata"))
                .body("errors.fieldIdentifier", hasItem(field))
                .body("errors.find { it.fieldIdentifier == '" + field + "' }.errorMessage",
                        containsString(messagePart))
                .body("errors[0].objectName", equalTo("JWKS"));
    }

    private static void refusedPem(String clientId, String pem, String field, String messagePart) {
        as(TestData.ORG_A, WRITE).contentType(ContentType.TEXT).body(pem).post(jwksPath(clientId)).then()
                .statusCode(400).body("errors.fieldIdentifier", hasItem(field))
                .body("errors.find { it.fieldIdentifier == '" + field + "' }.errorMessage",
                        containsString(messagePart));
    }
}
