package no.samarbeidsportal.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients (admin-api.md 3, 2.5): ivar administers A's integrations, anna only A's APIs, lars is the supplier A and B
 * appointed. Clients of other organisations are made over the API with their own tokens.
 */
@QuarkusTest
class ClientServiceTest {

    @Inject
    ClientService clients;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static ClientAttributes maskinporten(String name, String... scopes) {
        return attributes(name, "Beskrivelse av " + name, null, List.of(scopes), List.of());
    }

    private static ClientAttributes attributes(String name, String description, String authMethod,
            List<String> scopes, List<String> redirectUris) {
        return new ClientAttributes(name, description, null, null, authMethod, List.of(), scopes, redirectUris,
                List.of(), null, null, null, null, null, null, null, null);
    }

    private static List<String> actions(String clientId) {
        return AuditEvent.ofSubject("Client", clientId).stream().map(e -> e.action).toList();
    }

    /** Read in a new transaction: the test method's own session may hold the entity as it was before a change. */
    private static <T> T fresh(Supplier<T> read) {
        return QuarkusTransaction.requiringNew().call(read::get);
    }

    @Test
    @TestSecurity(user = "ivar")
    void anIntegrationAdministratorRegistersAMaskinportenClientAndTheAuditLineNamesThePerson() {
        String scope = TestScopes.ofA();
        ClientService.Registered registered = clients.create(new NewClient("maskinporten", null,
                maskinporten("Fra tjenesten", scope)));

        Client client = registered.client();
        assertNull(registered.clientSecret(), "a private_key_jwt client has no secret");
        assertEquals(TestData.ORG_A, client.clientOrgno);
        assertNull(client.supplierOrgno);
        assertEquals("private_key_jwt", client.tokenEndpointAuthMethod);
        assertEquals(List.of(ClientRules.JWT_BEARER), client.grantTypes);
        assertEquals(List.of(scope), client.scopes);
        assertTrue(clients.list(false).stream().anyMatch(c -> c.clientId.equals(client.clientId)));
        List<AuditEvent> history = AuditEvent.ofSubject("Client", client.clientId);
        assertEquals(1, history.size());
        assertEquals("client.created", history.get(0).action);
        assertEquals("PERSON", history.get(0).actorKind);
        assertEquals("ivar", history.get(0).actor);
        assertEquals(TestData.ORG_A, history.get(0).orgno);
        assertEquals("Fra tjenesten", history.get(0).after.get("client_name"));
    }

    @Test
    @TestSecurity(user = "ivar")
    void everyBrokenRuleIsReportedAtOnceAndNothingIsRegistered() {
        String name = TestScopes.unique("ugyldig");
        InvalidInput e = assertThrows(InvalidInput.class, () -> clients.create(new NewClient("maskinporten", null,
                attributes(name, " ", "client_secret_basic", List.of("alfa:finnes.ikke"), List.of()))));

        assertEquals("Client", e.objectName());
        assertEquals("client.description.required", e.of("description"));
        assertEquals("client.auth-method.machine", e.of("token_endpoint_auth_method"));
        assertEquals("client.scope.unknown", e.of("scopes[0]"));
        assertEquals(0, Client.count("clientName", name));

        InvalidInput type = assertThrows(InvalidInput.class, () -> clients.create(new NewClient("smartkort", null,
                maskinporten(name, TestScopes.ofA()))));
        assertEquals("client.integration-type.unknown", type.of("integration_type"));
        assertEquals(0, Client.count("clientName", name));
    }

    @Test
    @TestSecurity(user = "ivar")
    void anUpdateReplacesTheAttributesAndTheAuditLineHoldsBeforeAndAfter() {
        String scope = TestScopes.ofA();
        Client client = clients.create(new NewClient("maskinporten", null, maskinporten("Gammelt navn", scope)))
                .client();

        Client updated = clients.update(client.clientId, new ClientChange(null, null,
                maskinporten("Nytt navn", scope), client.version));

        assertEquals("Nytt navn", updated.clientName);
        AuditEvent line = AuditEvent.ofSubject("Client", client.clientId).get(0);
        assertEquals("client.updated", line.action);
        assertEquals("ivar", line.actor);
        assertEquals("Gammelt navn", line.before.get("client_name"));
        assertEquals("Nytt navn", line.after.get("client_name"));
    }

    @Test
    @TestSecurity(user = "ivar")
    void theIntegrationTypeAndTheOwnersNumberNeverChangeAndAStaleVersionIsAConflict() {
        String scope = TestScopes.ofA();
        Client client = clients.create(new NewClient("maskinporten", null, maskinporten("Fast", scope))).client();

        InvalidInput e = assertThrows(InvalidInput.class, () -> clients.update(client.clientId,
                new ClientChange("idporten", TestData.ORG_B, maskinporten("Fast", scope), null)));
        assertEquals("client.integration-type.immutable", e.of("integration_type"));
        assertEquals("client.orgno.immutable", e.of("client_orgno"));
        assertThrows(Conflict.class, () -> clients.update(client.clientId,
                new ClientChange(null, null, maskinporten("Sent", scope), client.version + 1)));

        Client stored = fresh(() -> Client.byClientId(client.clientId).orElseThrow());
        assertEquals("maskinporten", stored.integrationType);
        assertEquals(TestData.ORG_A, stored.clientOrgno);
        assertEquals("Fast", stored.clientName);
        assertEquals(List.of("client.created"), actions(client.clientId));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aDeactivatedClientLeavesTheListAndTakesNoFurtherChanges() {
        String scope = TestScopes.ofA();
        Client client = clients.create(new NewClient("maskinporten", null, maskinporten("Avslutt", scope))).client();

        clients.deactivate(client.clientId);

        assertFalse(fresh(() -> Client.byClientId(client.clientId).orElseThrow()).active);
        assertTrue(fresh(() -> clients.list(false)).stream().noneMatch(c -> c.clientId.equals(client.clientId)));
        assertTrue(fresh(() -> clients.list(true)).stream().anyMatch(c -> c.clientId.equals(client.clientId)));
        assertNotNull(fresh(() -> clients.visible(client.clientId, true)));
        assertThrows(NotFound.class, () -> clients.visible(client.clientId, false));
        assertThrows(NotFound.class, () -> clients.update(client.clientId,
                new ClientChange(null, null, maskinporten("Igjen", scope), null)));
        assertThrows(NotFound.class, () -> clients.deactivate(client.clientId));
        AuditEvent line = AuditEvent.ofSubject("Client", client.clientId).get(0);
        assertEquals("client.deactivated", line.action);
        assertEquals(true, line.before.get("active"));
        assertEquals(false, line.after.get("active"));
        assertEquals(List.of("client.deactivated", "client.created"), actions(client.clientId));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aSecretClientGetsItsSecretOnceAndARenewedOneReplacesIt() {
        ClientService.Registered registered = clients.create(new NewClient("idporten", null,
                attributes("Innlogging", "Nettsted", null, List.of(), List.of("https://app.example/callback"))));
        Client client = registered.client();
        assertEquals("client_secret_basic", client.tokenEndpointAuthMethod);
        assertNotNull(registered.clientSecret());
        assertNotEquals(registered.clientSecret(), client.clientSecretHash, "only a hash is stored");

        ClientService.Registered renewed = clients.renewSecret(client.clientId);

        assertNotNull(renewed.clientSecret());
        assertNotEquals(registered.clientSecret(), renewed.clientSecret());
        assertEquals(List.of("client.secret-renewed", "client.created"), actions(client.clientId));
        assertTrue(AuditEvent.ofSubject("Client", client.clientId).stream()
                .noneMatch(e -> String.valueOf(e.after).contains(renewed.clientSecret())), "no secret in the log");

        Client machine = clients.create(new NewClient("maskinporten", null, maskinporten("Uten hemmelighet",
                TestScopes.ofA()))).client();
        InvalidInput e = assertThrows(InvalidInput.class, () -> clients.renewSecret(machine.clientId));
        assertEquals("client.secret.not-secret-client", e.of("token_endpoint_auth_method"));
    }

    @Test
    @TestSecurity(user = "ivar")
    void anotherOrganisationsClientIsNotFoundAndStaysAsItWas() {
        String theirs = ClientApiTest.create(TestData.ORG_B,
                ClientApiTest.maskinporten(ClientApiTest.grantedTo(TestData.ORG_B)));
        ClientAttributes change = maskinporten("Kapret", TestScopes.ofA());

        assertThrows(NotFound.class, () -> clients.visible(theirs, true));
        assertThrows(NotFound.class, () -> clients.view(theirs, true));
        assertThrows(NotFound.class, () -> clients.operated(theirs));
        assertThrows(NotFound.class, () -> clients.update(theirs, new ClientChange(null, null, change, null)));
        assertThrows(NotFound.class, () -> clients.deactivate(theirs));
        assertThrows(NotFound.class, () -> clients.renewSecret(theirs));
        assertTrue(clients.list(true).stream().noneMatch(c -> c.clientId.equals(theirs)));

        Client stored = fresh(() -> Client.byClientId(theirs).orElseThrow());
        assertTrue(stored.active);
        assertEquals("Testklient", stored.clientName);
        assertEquals(List.of("client.created"), actions(theirs));
    }

    @Test
    @TestSecurity(user = "anna")
    void aPersonWithoutTheIntegrationRoleNeitherSeesNorRegistersClients() {
        String scope = TestScopes.ofA();
        String name = TestScopes.unique("uten-rolle");
        assertThrows(Forbidden.class, () -> clients.create(new NewClient("maskinporten", null,
                maskinporten(name, scope))));
        assertThrows(Forbidden.class, () -> clients.list(false));
        assertEquals(0, Client.count("clientName", name));
    }

    @Test
    @TestSecurity(user = "lars")
    void aSupplierRegistersAClientForACustomerThatAppointedItAndTheCustomersHistoryShowsIt() {
        String granted = ClientApiTest.grantedTo(TestData.ORG_A);
        Client client = clients.create(new NewClient("maskinporten", TestData.ORG_A,
                maskinporten("Levert", granted))).client();

        assertEquals(TestData.ORG_A, client.clientOrgno);
        assertEquals(TestData.SUPPLIER, client.supplierOrgno);
        assertTrue(clients.list(false).stream().anyMatch(c -> c.clientId.equals(client.clientId)));
        assertEquals("Endret av leverandør", clients.update(client.clientId, new ClientChange(null, null,
                maskinporten("Endret av leverandør", granted), null)).clientName);
        List<AuditEvent> history = AuditEvent.ofSubject("Client", client.clientId);
        assertEquals(List.of("client.updated", "client.created"), history.stream().map(e -> e.action).toList());
        assertTrue(history.stream().allMatch(e -> e.orgno.equals(TestData.ORG_A) && e.actor.equals("lars")));
    }

    @Test
    @TestSecurity(user = "lars")
    void aSupplierActsOnlyForCustomersThatAppointedItAndOnlyWithScopesTheyMayHandOn() {
        String granted = ClientApiTest.grantedTo(TestData.ORG_A);
        String notAppointing = TestData.freshOrganisation("Ikke kunde AS");
        String name = TestScopes.unique("leverandør");

        assertThrows(Forbidden.class, () -> clients.create(new NewClient("maskinporten", notAppointing,
                maskinporten(name, granted))));
        InvalidInput noCustomer = assertThrows(InvalidInput.class, () -> clients.create(new NewClient("maskinporten",
                null, maskinporten(name, granted))));
        assertEquals("client.orgno.customer-required", noCustomer.of("client_orgno"));
        InvalidInput badNumber = assertThrows(InvalidInput.class, () -> clients.create(new NewClient("maskinporten",
                "123456789", maskinporten(name, granted))));
        assertEquals("orgno.invalid", badNumber.of("client_orgno"));
        // A's appointment does not let its own scopes onto the supplier's clients (admin-api.md 2.5)
        InvalidInput own = assertThrows(InvalidInput.class, () -> clients.create(new NewClient("maskinporten",
                TestData.ORG_A, maskinporten(name, TestScopes.ofA()))));
        assertEquals("client.scope.own-not-allowed", own.of("scopes[0]"));
        assertEquals(0, Client.count("clientName", name));
    }

    @Test
    @TestSecurity(user = "lars")
    void aSupplierDoesNotSeeTheCustomersOwnClients() {
        String customers = ClientApiTest.create(TestData.ORG_A,
                ClientApiTest.maskinporten(ClientApiTest.grantedTo(TestData.ORG_A)));

        assertThrows(NotFound.class, () -> clients.visible(customers, true));
        assertThrows(NotFound.class, () -> clients.deactivate(customers));
        assertTrue(clients.list(true).stream().noneMatch(c -> c.clientId.equals(customers)));
        assertTrue(fresh(() -> Client.byClientId(customers).orElseThrow()).active);
    }
}
