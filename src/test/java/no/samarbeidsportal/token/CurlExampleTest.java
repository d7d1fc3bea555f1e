package no.samarbeidsportal.token;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.clients.TokenHelp;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client page's curl example, run with bash and openssl as a consumer would, gets a token from the app. */
@QuarkusTest
class CurlExampleTest {

    @Test
    void theCurlExamplesGrantIsAcceptedByTheTokenEndpoint(@TempDir Path dir) throws Exception {
        TestData.ensure();
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        Grants.Registered client = Grants.client(TestData.ORG_B, scope);
        Files.writeString(dir.resolve("private.pem"), TestCertificates.pem(client.key().toPrivateKey()));
        String curl = new TokenHelp(Grants.issuer(), Grants.issuer() + "token", client.clientId(),
                client.key().getKeyID(), scope, null).curl();
        // curl stands in as a function printing the assertion it would send (curl itself need not be installed)
        String script = "curl() { for a in \"$@\"; do case \"$a\" in assertion=*) echo \"${a#assertion=}\";; esac; "
                + "done; }\n" + curl;
        Process bash = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String assertion = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assertions.assertEquals(0, bash.waitFor(), assertion);
        Grants.request(assertion).statusCode(200).body("scope", equalTo(scope)).body("token_type", equalTo("Bearer"));
        Grants.request(assertion).statusCode(400).body("error_uri", org.hamcrest.Matchers.endsWith("MP-012"));
    }
}
