package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import no.ks.fiks.maskinporten.Maskinportenklient;
import no.ks.fiks.maskinporten.MaskinportenklientBuilder;
import no.ks.fiks.maskinporten.MaskinportenklientPropertiesBuilder;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KS Fiks' Maskinporten client (no.ks.fiks:maskinporten-client, as consumers use it against Digdir) gets a token from
 * the running app, and an API provider's quarkus-oidc, set up from our metadata only, accepts it.
 */
@QuarkusTest
class ThirdPartyClientTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void ksFiksMaskinportenClientGetsATokenThatQuarkusOidcValidates() throws Exception {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        Grants.Registered client = Grants.client(TestData.ORG_B, scope);
        Maskinportenklient klient = new MaskinportenklientBuilder()
                .withPrivateKey(client.key().toPrivateKey())
                .usingAsymmetricKey(client.key().getKeyID())
                .withProperties(new MaskinportenklientPropertiesBuilder()
                        .audience(Grants.issuer())
                        .tokenEndpoint(Grants.issuer() + "token")
                        .issuer(client.clientId())
                        .numberOfSecondsLeftBeforeExpire(10)
                        .build())
                .build();
        String token = klient.getAccessToken(scope);
        assertEquals(token, klient.getAccessToken(scope), "the client caches the token until shortly before exp");

        given().auth().oauth2(token).get("/test/provider-check").then().statusCode(200)
                .body("consumer", equalTo("0192:" + TestData.ORG_B)).body("scope", equalTo(scope))
                .body("issuer", equalTo(Grants.issuer()));
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(tampered).get("/test/provider-check").then().statusCode(401);
        given().auth().oauth2(Grants.grant(client, scope)).get("/test/provider-check").then().statusCode(401);
    }
}
