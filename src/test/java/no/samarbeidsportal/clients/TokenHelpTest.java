package no.samarbeidsportal.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.system.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curl example on the client page is run as a consumer would run it, and makes a grant that verifies. */
class TokenHelpTest {

    @Test
    void theCurlExampleMakesASignedGrantForTheClient(@TempDir Path dir) throws Exception {
        KeyPair keys = TestCertificates.rsa(2048);
        Files.writeString(dir.resolve("private.pem"), TestCertificates.pem(keys.getPrivate()));
        Client client = new Client();
        client.clientId = "9d3c1b2a-0000-4000-8000-000000000001";
        client.scopes = List.of("difitest:api3", "nav:arbeid/test/scope");
        TokenHelp help = TokenHelp.of("https://issuer.test/", "https://issuer.test/token", client, List.of(), null);
        // curl replaced by a function that prints the assertion it would send
        String script = "curl() { for a in \"$@\"; do case \"$a\" in assertion=*) echo \"${a#assertion=}\";; esac; "
                + "done; }\n" + help.curl().replace("<kid>", "min-kid");
        Process bash = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, bash.waitFor(), out);

        SignedJWT grant = SignedJWT.parse(out);
        assertTrue(grant.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic())), "signed with the private key");
        assertEquals("min-kid", grant.getHeader().getKeyID());
        assertEquals(List.of("https://issuer.test/"), grant.getJWTClaimsSet().getAudience());
        assertEquals(client.clientId, grant.getJWTClaimsSet().getIssuer());
        assertEquals("difitest:api3 nav:arbeid/test/scope", grant.getJWTClaimsSet().getStringClaim("scope"));
        long lifetime = grant.getJWTClaimsSet().getExpirationTime().getTime()
                - grant.getJWTClaimsSet().getIssueTime().getTime();
        assertEquals(120_000, lifetime);
        assertTrue(grant.getJWTClaimsSet().getJWTID().matches("[0-9a-f-]{36}"));
    }

    private static Client client() {
        Client client = new Client();
        client.clientId = "9d3c1b2a-0000-4000-8000-000000000002";
        client.scopes = List.of("difitest:api3");
        return client;
    }

    @Test
    void withoutPortalIssuerTheExamplesSendToTheAddressThePageWasServedOnAndWarn() {
        // PORTAL_ISSUER unset: the default issuer names port 8080, the portal runs on 8081
        TokenHelp help = TokenHelp.of(new Profile(false, "http://localhost:8080/"), false, client(), List.of(), null,
                URI.create("http://localhost:8081/"));
        assertEquals("http://localhost:8081/token", help.tokenEndpoint());
        assertTrue(help.curl().contains("curl -s http://localhost:8081/token"), help.curl());
        assertTrue(help.java().contains("URI.create(\"http://localhost:8081/token\")"));
        // the grant's aud is what the token service checks, whatever the page's address
        assertEquals("http://localhost:8080/", help.issuer());
        assertTrue(help.curl().contains("\"aud\":\"http://localhost:8080/\""), help.curl());
        assertTrue(help.issuerDiffers());
        assertFalse(help.issuerConfigured());
    }

    @Test
    void aConfiguredIssuerIsUsedAsItIsAndWarnsOnlyWhenThePageCameFromElsewhere() {
        Profile issuer = new Profile(false, "https://portal.example/");
        TokenHelp internal = TokenHelp.of(issuer, true, client(), List.of(), null, URI.create("http://10.0.0.5:8080/"));
        assertEquals("https://portal.example/token", internal.tokenEndpoint());
        assertTrue(internal.issuerDiffers());
        assertTrue(internal.issuerConfigured());

        TokenHelp same = TokenHelp.of(issuer, true, client(), List.of(), null, URI.create("https://PORTAL.example:443/"));
        assertEquals("https://portal.example/token", same.tokenEndpoint());
        assertFalse(same.issuerDiffers(), "the same origin, written otherwise");
    }

    @Test
    void theCurlExampleSignsWithTheFileItIsGiven() {
        TokenHelp help = TokenHelp.of("https://issuer.test/", "https://issuer.test/token", client(), List.of(), null);
        assertTrue(help.curl("9d3c1b2a-abc-private.pem").contains("-sign '9d3c1b2a-abc-private.pem'"));
        assertFalse(help.curl("9d3c1b2a-abc-private.pem").contains("'private.pem'"));
    }
}
