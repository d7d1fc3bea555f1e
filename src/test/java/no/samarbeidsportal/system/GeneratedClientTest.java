package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.generated.ApiClient;
import no.samarbeidsportal.generated.ApiException;
import no.samarbeidsportal.generated.api.AccessListsApi;
import no.samarbeidsportal.generated.api.ClientsApi;
import no.samarbeidsportal.generated.api.KeysApi;
import no.samarbeidsportal.generated.api.ScopesApi;
import no.samarbeidsportal.generated.model.AccessJson;
import no.samarbeidsportal.generated.model.ClientJson;
import no.samarbeidsportal.generated.model.Jwk;
import no.samarbeidsportal.generated.model.JwkList;
import no.samarbeidsportal.generated.model.Jwks;
import no.samarbeidsportal.generated.model.KeySetInput;
import no.samarbeidsportal.generated.model.ScopeJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client generated from the admin API's document by a standard generator (openapi-generator, Java, pom.xml) works
 * against the running API: scopes, access entries, clients and key sets are created, read, changed and deleted through
 * it alone, under each of the document's servers.
 */
@QuarkusTest
class GeneratedClientTest {

    private static final String DCR_WRITE = "idporten:dcr.write";

    @TestHTTPResource("/")
    URI app;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void createsReadsChangesAndDeletesAScopeAndItsAccessEntry() throws ApiException {
        ScopesApi scopes = new ScopesApi(as(TestScopes.WRITE, "/api/v1"));
        String subscope = TestScopes.unique("generated");
        ScopeJson created = scopes.scopesPost(new ScopeJson().prefix("alfa").subscope(subscope)
                .description("Made by a generated client").addAllowedIntegrationTypesItem("maskinporten"));
        String name = "alfa:" + subscope;
        assertEquals(name, created.getName());
        assertEquals(TestData.ORG_A, created.getOwnerOrgno());

        ScopeJson read = scopes.scopesGet(null, name).getScopeJson();
        assertEquals("Made by a generated client", read.getDescription());
        ScopeJson changed = scopes.scopesPut(name, read.description("Changed by a generated client"), null);
        assertEquals("Changed by a generated client", changed.getDescription());
        assertTrue(scopes.scopesGet(null, null).getScopeList().stream().anyMatch(s -> name.equals(s.getName())));

        AccessListsApi access = new AccessListsApi(as(TestScopes.WRITE, "/"));
        assertEquals("APPROVED", access.scopesAccessConsumerOrgnoPut(TestData.ORG_B, name).getState());
        List<AccessJson> entries = access.scopesAccessGet(name, null, null, null);
        assertEquals(List.of(TestData.ORG_B), entries.stream().map(AccessJson::getConsumerOrgno).toList());
        assertEquals("DENIED", access.scopesAccessConsumerOrgnoDelete(TestData.ORG_B, name).getState());
        assertEquals("APPROVED", access.scopesAccessConsumerOrgnoPut(TestData.ORG_B, name).getState());
        assertEquals("DENIED", access.scopesAccessConsumerOrgnoDelete(TestData.ORG_B, name).getState());
        assertEquals(List.of(), access.scopesAccessGet(name, null, null, null));

        ScopeJson deactivated = scopes.scopesDelete(name);
        assertFalse(deactivated.getActive());
    }

    @Test
    void createsReadsChangesAndDeletesAClientAndItsKeySet() throws Exception {
        String scope = TestScopes.createInA(TestScopes.unique("generated"),
                java.util.Map.of("allowed_integration_types", List.of("maskinporten")));
        ClientsApi clients = new ClientsApi(as(DCR_WRITE, "/external/api/v1"));
        ClientJson created = clients.clientsPost(new ClientJson().integrationType("maskinporten")
                .clientName("generated").description("Made by a generated client")
                .tokenEndpointAuthMethod("private_key_jwt")
                .grantTypes(List.of("urn:ietf:params:oauth:grant-type:jwt-bearer")).scopes(List.of(scope)));
        String id = created.getClientId();
        assertNotNull(id);
        assertEquals(TestData.ORG_A, created.getClientOrgno());

        ClientJson read = clients.clientsClientIdGet(id, null);
        assertEquals(List.of(scope), read.getScopes());
        ClientJson changed = clients.clientsClientIdPut(id, read.description("Changed by a generated client"), null);
        assertEquals("Changed by a generated client", changed.getDescription());
        assertTrue(clients.clientsGet(null).stream().anyMatch(c -> id.equals(c.getClientId())));

        KeysApi keys = new KeysApi(as(DCR_WRITE, "/api/v1"));
        Jwks posted = keys.clientsClientIdJwksPost(id, new KeySetInput(new Jwks().keys(List.of(jwk("generated-1")))));
        assertEquals(List.of("generated-1"), posted.getKeys().stream().map(Jwk::getKid).toList());
        assertNotNull(posted.getKeys().get(0).getExp());
        JwkList array = new JwkList();
        array.add(jwk("generated-2"));
        Jwks replaced = keys.clientsClientIdJwksPut(id, new KeySetInput(array));
        assertEquals(List.of("generated-2"), replaced.getKeys().stream().map(Jwk::getKid).toList());
        assertEquals(List.of("generated-2"),
                keys.clientsClientIdJwksGet(id).getKeys().stream().map(Jwk::getKid).toList());
        assertEquals(List.of(), keys.clientsClientIdJwksDelete(id).getKeys());

        ClientJson deactivated = clients.clientsClientIdDelete(id);
        assertFalse(deactivated.getActive());
    }

    /** A generated client for organisation A's token with {@code scopes}, at {@code server} of the document. */
    private ApiClient as(String scopes, String server) {
        String token = Tokens.of(TestData.ORG_A, scopes);
        ApiClient client = new ApiClient();
        client.setScheme(app.getScheme()).setHost(app.getHost()).setPort(app.getPort())
                .setBasePath(server.equals("/") ? "" : server);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static Jwk jwk(String kid) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                .generate().toPublicJWK();
        return new Jwk().kty(Jwk.KtyEnum.RSA).use(Jwk.UseEnum.SIG).alg(Jwk.AlgEnum.RS256).kid(kid)
                .n(key.getModulus().toString()).e(key.getPublicExponent().toString());
    }
}
