package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;

/** Clients with keys made over the admin API, and grants signed with those keys, for the token service's tests. */
public final class Grants {

    /** A registered client and the private key of its one registered public key. */
    public record Registered(String clientId, String orgno, RSAKey key) {
    }

    private static String issuer;

    private Grants() {
    }

    /** The Maskinporten profile's issuer, as the running app's metadata says. */
    public static synchronized String issuer() {
        if (issuer == null) {
            issuer = given().get("/.well-known/oauth-authorization-server").then().statusCode(200).extract()
                    .path("issuer");
        }
        return issuer;
    }

    /** A maskinporten client of {@code orgno} with the scopes, and one RSA key registered with a random kid. */
    public static Registered client(String orgno, String... scopes) {
        String clientId = ClientApiTest.create(orgno, ClientApiTest.maskinporten(scopes));
        return new Registered(clientId, orgno, addKey(orgno, clientId));
    }

    /** Registers one more key on the client and returns it with its private part. */
    public static RSAKey addKey(String orgno, String clientId) {
        RSAKey key = rsa();
        TestScopes.as(orgno, ClientApiTest.DCR_WRITE).body(Map.of("keys", List.of(key.toPublicJWK().toJSONObject())))
                .post("/api/v1/clients/" + clientId + "/jwks/keys").then().statusCode(201);
        return key;
    }

    public static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("k-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Grant claims as Maskinporten's documentation shows them: aud, iss, scope, iat, exp = iat + 120, a new jti. */
    public static JWTClaimsSet.Builder claims(String clientId, String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().audience(issuer()).issuer(clientId).claim("scope", scope)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** A grant signed with the client's key, kid in the header. */
    public static String grant(Registered client, String scope) {
        return sign(claims(client.clientId(), scope).build(), client.key());
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims, key);
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST /token as Digdir's documentation shows it. */
    public static ValidatableResponse request(String assertion) {
        return requestAt("/token", assertion);
    }

    public static ValidatableResponse requestAt(String path, String assertion) {
        return given().contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .formParam("assertion", assertion).post(path).then();
    }

    /** The token response for a fresh grant, once the token service gives one within {@code seconds}. */
    public static ValidatableResponse eventually(int status, Supplier<ValidatableResponse> request) {
        long until = System.currentTimeMillis() + 1000;
        ValidatableResponse response = request.get();
        while (response.extract().statusCode() != status && System.currentTimeMillis() < until) {
            sleep();
            response = request.get();
        }
        return response;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
