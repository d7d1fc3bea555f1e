package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.token.Grants.request;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grants with claims of the wrong type, headers that are not what they claim, and certificates that are not
 * certificates (finding 5): each gets Maskinporten's error body with an MP code (token-protocol.md 8), never a 500.
 */
@QuarkusTest
class OddGrantsTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** A grant whose payload is exactly {@code json}, signed with the client's registered key. */
    private static String signed(Grants.Registered client, String json) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(client.key().getKeyID())
                    .build(), new Payload(json));
            jws.sign(new RSASSASigner(client.key()));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refusedWithACode(String assertion) {
        request(assertion).statusCode(400).contentType(ContentType.JSON)
                .body("error", anyOf(equalTo("invalid_request"), equalTo("invalid_grant"), equalTo("invalid_scope")))
                .body("error_uri", startsWith(Grants.issuer().replaceAll("/$", "") + "/errors/MP-"));
    }

    @Test
    void claimsOfTheWrongTypeAreRefusedWithAnMpCode() {
        Grants.Registered client = Grants.client(TestData.ORG_B, ClientApiTest.grantedTo(TestData.ORG_B));
        String scope = as(client.orgno(), ClientApiTest.DCR_READ).get("/api/v1/clients/" + client.clientId())
                .then().extract().path("scopes[0]");
        long now = Instant.now().getEpochSecond();
        String aud = "\"aud\":\"" + Grants.issuer() + "\"";
        String iss = "\"iss\":\"" + client.clientId() + "\"";
        String sc = "\"scope\":\"" + scope + "\"";
        String times = "\"iat\":" + now + ",\"exp\":" + (now + 60);
        String nested = "[".repeat(5000) + "]".repeat(5000);
        for (String json : List.of(
                "{" + aud + "," + iss + "," + sc + ",\"iat\":\"" + now + "\",\"exp\":" + (now + 60) + "}",
                "{" + aud + "," + iss + "," + sc + ",\"iat\":" + now + ",\"exp\":\"soon\"}",
                "{" + aud + "," + iss + ",\"scope\":[\"" + scope + "\"]," + times + "}",
                "{" + aud + "," + iss + ",\"scope\":42," + times + "}",
                "{" + aud + "," + iss + ",\"scope\":null," + times + "}",
                "{\"aud\":{\"x\":1}," + iss + "," + sc + "," + times + "}",
                "{" + aud + ",\"iss\":12345," + sc + "," + times + "}",
                "{" + aud + ",\"iss\":[\"" + client.clientId() + "\"]," + sc + "," + times + "}",
                "{" + aud + "," + iss + "," + sc + "," + times + ",\"jti\":{\"a\":1}}",
                "{" + aud + "," + iss + "," + sc + ",\"iat\":1e309,\"exp\":1e309}",
                "{" + aud + "," + iss + "," + sc + ",\"iat\":99999999999999999999,\"exp\":-0}",
                "{" + aud + "," + iss + "," + sc + ",\"iat\":-9223372036854775808,\"exp\":9223372036854775807}",
                "{" + aud + "," + iss + "," + sc + "," + times + ",\"resource\":{\"a\":1}}",
                "{" + aud + "," + iss + "," + sc + "," + times + ",\"consumer_org\":991825827}",
                "{" + aud + "," + iss + "," + sc + "," + times + ",\"pid\":[1]}",
                "{" + aud + "," + iss + "," + sc + "," + times + ",\"nbf\":\"now\"}",
                "{" + aud + "," + iss + "," + sc + "," + times + ",\"sub\":{\"a\":1}}",
                "{" + aud + "," + iss + "," + sc + "," + times + ",\"x\":" + nested + "}",
                "{" + aud + "," + iss + "," + sc + "," + times + "," + iss.replace("\"iss\"", "\"iss\"") + "}",
                "[" + nested + "]", "\"just a string\"", "null", "{}", "")) {
            refusedWithACode(signed(client, json));
        }
    }

    @Test
    void aNulInAnyClaimIsMp011NotAnUnavailableDatabase() {
        Grants.Registered client = Grants.client(TestData.ORG_B, ClientApiTest.grantedTo(TestData.ORG_B));
        long now = Instant.now().getEpochSecond();
        String base = "\"aud\":\"" + Grants.issuer() + "\",\"scope\":\"x:y\",\"iat\":" + now + ",\"exp\":" + (now + 60);
        for (String json : List.of("{" + base + ",\"iss\":\"" + client.clientId() + "\\u0000\"}",
                "{" + base + ",\"iss\":\"" + client.clientId() + "\",\"jti\":\"a\\u0000b\"}",
                "{" + base + ",\"iss\":\"\\u0000\"}",
                "{" + base + ",\"iss\":\"" + client.clientId() + "\",\"resource\":[\"https://x/\\u0000\"]}")) {
            request(signed(client, json)).statusCode(400).body("error_uri", startsWith(
                    Grants.issuer().replaceAll("/$", "") + "/errors/MP-011"));
        }
    }

    @Test
    void headersThatAreNotWhatTheySayAreMp011OrMp123() {
        Grants.Registered client = Grants.client(TestData.ORG_B, ClientApiTest.grantedTo(TestData.ORG_B));
        String valid = Grants.grant(client, "any:scope");
        String[] parts = valid.split("\\.");
        byte[] nestedDer = new byte[40_000];
        for (int i = 0; i < nestedDer.length; i += 2) {
            nestedDer[i] = 0x30;
            nestedDer[i + 1] = (byte) 0x80;
        }
        String x5c = Base64.getEncoder().encodeToString(nestedDer);
        for (String header : List.of("{\"alg\":\"RS256\",\"x5c\":[\"" + x5c + "\"]}",
                "{\"alg\":\"RS256\",\"x5c\":[\"" + x5c.substring(0, 4000) + "\"]}",
                "{\"alg\":\"RS256\",\"x5c\":[1,2,3]}", "{\"alg\":\"RS256\",\"x5c\":[[[[]]]]}",
                "{\"alg\":\"RS256\",\"x5c\":[\"!!!\"]}", "{\"alg\":\"RS256\",\"x5c\":[]}",
                "{\"alg\":\"RS256\",\"kid\":{\"a\":1}}", "{\"alg\":[\"RS256\"],\"kid\":\"a\"}",
                "{\"alg\":\"none\",\"kid\":\"a\"}", "{\"alg\":\"HS256\",\"kid\":\"" + client.key().getKeyID() + "\"}",
                "{\"alg\":\"RS256\",\"kid\":\"" + client.key().getKeyID() + "\",\"crit\":[\"exp\"]}",
                "{\"alg\":\"RS256\",\"kid\":\"" + client.key().getKeyID() + "\",\"jwk\":{\"kty\":\"RSA\"}}",
                "{\"alg\":\"RS256\",\"kid\":\"" + "k".repeat(10_000) + "\"}",
                "{\"alg\":\"RS256\",\"kid\":\"a\",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}")) {
            String encoded = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(header.getBytes(StandardCharsets.UTF_8));
            refusedWithACode(encoded + "." + parts[1] + "." + parts[2]);
        }
        // truncated anywhere, and a signature of the wrong length
        for (int cut : new int[] {1, 10, parts[0].length(), parts[0].length() + 1, valid.length() / 2,
            valid.length() - 1}) {
            refusedWithACode(valid.substring(0, cut));
        }
        refusedWithACode(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10));
        refusedWithACode(parts[0] + "." + parts[1] + "." + parts[2] + parts[2]);
        refusedWithACode(parts[0] + "." + parts[1] + ".");
        given().contentType(ContentType.URLENC).formParam("grant_type", TokenRequest.JWT_BEARER)
                .formParam("assertion", valid + "x".repeat(80_000)).post("/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void anX5cGrantWithADeeplyNestedCertificateIsMp123() {
        Grants.Registered client = Grants.client(TestData.ORG_B, ClientApiTest.grantedTo(TestData.ORG_B));
        byte[] nestedDer = new byte[34_000];
        for (int i = 0; i < nestedDer.length; i += 2) {
            nestedDer[i] = 0x30;
            nestedDer[i + 1] = (byte) 0x80;
        }
        // a client without registered keys is the x5c path (token-protocol.md 11)
        String keyless = ClientApiTest.create(TestData.ORG_B, ClientApiTest.maskinporten(
                ClientApiTest.grantedTo(TestData.ORG_B)));
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(nestedDer))).build(),
                    new Payload(Map.of("aud", Grants.issuer(), "iss", keyless, "scope", "x:y",
                            "iat", Instant.now().getEpochSecond(), "exp", Instant.now().getEpochSecond() + 60)));
            jws.sign(new RSASSASigner(client.key()));
            request(jws.serialize()).statusCode(400).body("error", equalTo("invalid_grant"))
                    .body("error_uri", startsWith(Grants.issuer().replaceAll("/$", "") + "/errors/MP-123"));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
