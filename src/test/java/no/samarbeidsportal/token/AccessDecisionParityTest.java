package no.samarbeidsportal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.access.ScopeUse.Refusal;
import no.samarbeidsportal.access.ScopeUse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access decision is written twice on purpose: in JPA in {@link ScopeUse} (the portal, when a client is given
 * scopes) and in SQL behind a cache in the token service ({@link TokenData}, {@link TokenService}). One table of cases
 * pins both: each row sets up real rows (scope, access entry, appointment, delegation, client with a key), asks
 * ScopeUse, and asks POST /token with a grant signed by the client's key; both must give the row's answer.
 *
 * <p>Both answers are told in the token service's words (token-protocol.md 5, step 10): {@code issued}, or the MP
 * code a refusal gets. A portal refusal has the code of the same reason: an unknown or inactive scope MP-200, a type
 * the scope does not allow MP-201, no access MP-250.
 *
 * <p>{@link #whereTheyDifferTheDifferenceIsKnown} holds the cases where the two answer differently, each with why, so
 * a change to either side shows up there.
 */
@QuarkusTest
class AccessDecisionParityTest {

    static final String ISSUED = "issued";
    static final String MP_100 = "MP-100";
    static final String MP_200 = "MP-200";
    static final String MP_201 = "MP-201";
    static final String MP_250 = "MP-250";
    static final String MP_251 = "MP-251";

    /** Whose client asks, and for whom the access is checked (the consumer). */
    enum Via {
        /** The consumer's own client. */
        OWN_CLIENT,
        /** A supplier's client for the consumer as its customer, appointed without the customer's own scopes. */
        SUPPLIER,
        /** As {@link #SUPPLIER}, the appointment allowing the customer's own scopes. */
        SUPPLIER_OWN_SCOPES,
        /** As {@link #SUPPLIER}, the appointment ended (admin-api.md 2.5). */
        SUPPLIER_ENDED,
        /** The supplier's own client asking with {@code consumer_org} = the consumer (token-protocol.md 12). */
        DELEGATION,
        /** The supplier's own client asking without {@code consumer_org}: for itself (token-protocol.md 12). */
        SUPPLIER_FOR_ITSELF
    }

    /** The scope's access list as it concerns the consumer. */
    enum Entry {
        NONE,
        APPROVED,
        REQUESTED,
        /** Approved, a token issued, then revoked (kept as DENIED, admin-api.md 1.5). */
        REMOVED,
        /** Approved for another organisation only. */
        OTHER_ORGANISATION,
        /** Approved for the supplier, not for its customer. */
        SUPPLIER
    }

    /** Which scope the client asks for. */
    enum Kind {
        ORDINARY,
        /** The admin API's own {@code idporten:dcr.read}, on the consumer's access list. */
        ADMIN,
        /** A name no scope has. */
        UNKNOWN
    }

    /** One row: the settings, and the answer. {@code token} differs from {@code portal} only in the known cases. */
    record Case(String name, Via via, String clientType, Kind kind, boolean consumerOwns, boolean active,
            boolean accessibleForAll, List<String> allowedTypes, boolean delegable, Entry entry,
            boolean delegatedToSupplier, String portal, String token, String why) {

        static Case row(String name) {
            return new Case(name, Via.OWN_CLIENT, "maskinporten", Kind.ORDINARY, false, true, false, List.of(), false,
                    Entry.NONE, false, null, null, null);
        }

        Case via(Via v) {
            return new Case(name, v, clientType, kind, consumerOwns, active, accessibleForAll, allowedTypes,
                    delegable, entry, delegatedToSupplier, portal, token, why);
        }

        Case clientType(String t) {
            return new Case(name, via, t, kind, consumerOwns, active, accessibleForAll, allowedTypes, delegable, entry,
                    delegatedToSupplier, portal, token, why);
        }

        Case kind(Kind k) {
            return new Case(name, via, clientType, k, consumerOwns, active, accessibleForAll, allowedTypes, delegable,
                    entry, delegatedToSupplier, portal, token, why);
        }

        Case owned() {
            return new Case(name, via, clientType, kind, true, active, accessibleForAll, allowedTypes, delegable,
                    entry, delegatedToSupplier, portal, token, why);
        }

        Case inactive() {
            return new Case(name, via, clientType, kind, consumerOwns, false, accessibleForAll, allowedTypes,
                    delegable, entry, delegatedToSupplier, portal, token, why);
        }

        Case forAll() {
            return new Case(name, via, clientType, kind, consumerOwns, active, true, allowedTypes, delegable, entry,
                    delegatedToSupplier, portal, token, why);
        }

        Case types(String... types) {
            return new Case(name, via, clientType, kind, consumerOwns, active, accessibleForAll, List.of(types),
                    delegable, entry, delegatedToSupplier, portal, token, why);
        }

        Case delegationSource() {
            return new Case(name, via, clientType, kind, consumerOwns, active, accessibleForAll, allowedTypes, true,
                    entry, delegatedToSupplier, portal, token, why);
        }

        Case entry(Entry e) {
            return new Case(name, via, clientType, kind, consumerOwns, active, accessibleForAll, allowedTypes,
                    delegable, e, delegatedToSupplier, portal, token, why);
        }

        /** The consumer has delegated the scope to the supplier (token-protocol.md 12). */
        Case delegated() {
            return new Case(name, via, clientType, kind, consumerOwns, active, accessibleForAll, allowedTypes,
                    delegable, entry, true, portal, token, why);
        }

        /** Both decide {@code answer}. */
        Case expect(String answer) {
            return new Case(name, via, clientType, kind, consumerOwns, active, accessibleForAll, allowedTypes,
                    delegable, entry, delegatedToSupplier, answer, answer, why);
        }

        /** The portal decides {@code portalAnswer}, the token service {@code tokenAnswer}, for the reason given. */
        Case differ(String portalAnswer, String tokenAnswer, String reason) {
            return new Case(name, via, clientType, kind, consumerOwns, active, accessibleForAll, allowedTypes,
                    delegable, entry, delegatedToSupplier, portalAnswer, tokenAnswer, reason);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // the consumer's own client
                Case.row("owns the scope").owned().expect(ISSUED),
                Case.row("owns the scope, inactive").owned().inactive().expect(MP_200),
                Case.row("approved access entry").entry(Entry.APPROVED).expect(ISSUED),
                Case.row("approved access entry, scope inactive").entry(Entry.APPROVED).inactive().expect(MP_200),
                Case.row("access entry only requested").entry(Entry.REQUESTED).expect(MP_250),
                Case.row("access entry removed").entry(Entry.REMOVED).expect(MP_250),
                Case.row("only another organisation on the access list").entry(Entry.OTHER_ORGANISATION)
                        .expect(MP_250),
                Case.row("no access entry").expect(MP_250),
                Case.row("accessible_for_all").forAll().expect(ISSUED),
                Case.row("accessible_for_all, inactive").forAll().inactive().expect(MP_200),
                Case.row("approved, allows maskinporten").entry(Entry.APPROVED).types("maskinporten").expect(ISSUED),
                Case.row("approved, allows only idporten").entry(Entry.APPROVED).types("idporten").expect(MP_201),
                Case.row("approved, allows idporten and maskinporten").entry(Entry.APPROVED)
                        .types("idporten", "maskinporten").expect(ISSUED),
                Case.row("owns the scope, allows only idporten").owned().types("idporten").expect(MP_201),
                Case.row("accessible_for_all, allows only krr").forAll().types("krr").expect(MP_201),
                Case.row("krr client, approved, allows krr").clientType("krr").entry(Entry.APPROVED).types("krr")
                        .expect(ISSUED),
                Case.row("krr client, approved, allows only maskinporten").clientType("krr").entry(Entry.APPROVED)
                        .types("maskinporten").expect(MP_201),
                Case.row("krr client, accessible_for_all, allows every type").clientType("krr").forAll()
                        .expect(ISSUED),
                Case.row("no such scope").kind(Kind.UNKNOWN).expect(MP_200),
                Case.row("admin API scope on the access list").kind(Kind.ADMIN).entry(Entry.APPROVED).expect(ISSUED),
                Case.row("delegable scope, approved access entry").delegationSource().entry(Entry.APPROVED)
                        .expect(ISSUED),

                // a supplier's client for its customer: checked against the customer (admin-api.md 2.5)
                Case.row("supplier: customer approved").via(Via.SUPPLIER).entry(Entry.APPROVED).expect(ISSUED),
                Case.row("supplier: accessible_for_all").via(Via.SUPPLIER).forAll().expect(ISSUED),
                Case.row("supplier: customer's own scope, appointment allows own scopes")
                        .via(Via.SUPPLIER_OWN_SCOPES).owned().expect(ISSUED),
                Case.row("supplier: customer's own scope, appointment without own scopes").via(Via.SUPPLIER).owned()
                        .expect(MP_250),
                Case.row("supplier: admin API scope on the customer's access list").via(Via.SUPPLIER)
                        .kind(Kind.ADMIN).entry(Entry.APPROVED).expect(MP_250),
                Case.row("supplier: customer's access entry removed").via(Via.SUPPLIER).entry(Entry.REMOVED)
                        .expect(MP_250),
                Case.row("supplier: customer has no access entry").via(Via.SUPPLIER).expect(MP_250),
                Case.row("supplier: only the supplier on the access list").via(Via.SUPPLIER).entry(Entry.SUPPLIER)
                        .expect(MP_250),
                Case.row("supplier: customer approved, allows only idporten").via(Via.SUPPLIER)
                        .entry(Entry.APPROVED).types("idporten").expect(MP_201),
                Case.row("supplier: customer approved, scope inactive").via(Via.SUPPLIER).entry(Entry.APPROVED)
                        .inactive().expect(MP_200),
                // a customer's delegation to the supplier is for the supplier's own client (consumer_org), not for
                // a client the supplier registers for the customer
                Case.row("supplier: delegable scope the customer delegated to the supplier, no access entry")
                        .via(Via.SUPPLIER).delegationSource().entry(Entry.REMOVED).delegated().expect(MP_250),
                Case.row("supplier: customer's own delegable scope delegated, appointment without own scopes")
                        .via(Via.SUPPLIER).owned().delegationSource().delegated().expect(MP_250),

                // delegation: the supplier's own client asks with consumer_org (token-protocol.md 12)
                Case.row("delegation: consumer approved and delegated").via(Via.DELEGATION).delegationSource()
                        .entry(Entry.APPROVED).delegated().expect(ISSUED),
                Case.row("delegation: accessible_for_all, delegated").via(Via.DELEGATION).delegationSource().forAll()
                        .delegated().expect(ISSUED),
                Case.row("delegation: delegated, allows only idporten").via(Via.DELEGATION).delegationSource()
                        .entry(Entry.APPROVED).delegated().types("idporten").expect(MP_201),
                Case.row("delegation: delegated, scope inactive").via(Via.DELEGATION).delegationSource()
                        .entry(Entry.APPROVED).delegated().inactive().expect(MP_200));
    }

    static Stream<Case> differences() {
        return Stream.of(
                // by design: registering a delegable scope needs no access, it is checked at token time
                Case.row("by design: delegable scope on a supplier's own client, asked without consumer_org")
                        .via(Via.SUPPLIER_FOR_ITSELF).delegationSource()
                        .differ(ISSUED, MP_250, "admin-api.md 3.2 case (4): access is checked at token time"),
                Case.row("by design: delegation, consumer approved but has not delegated").via(Via.DELEGATION)
                        .delegationSource().entry(Entry.APPROVED)
                        .differ(ISSUED, MP_251, "admin-api.md 3.2 case (4): the delegation is checked at token time"),
                Case.row("by design: supplier's client after the customer ended the appointment")
                        .via(Via.SUPPLIER_ENDED).forAll()
                        .differ(ISSUED, MP_100, "admin-api.md 2.5: its clients get no more tokens; the portal "
                                + "still checks the scopes, as for an appointment without own scopes"),
                // not decided anywhere, reported with issue 12: the portal lets delegation in only for maskinporten clients,
                // the token service takes consumer_org from a krr client as well
                Case.row("delegation: krr client, consumer approved and delegated").via(Via.DELEGATION)
                        .clientType("krr").delegationSource().entry(Entry.APPROVED).delegated()
                        .differ(MP_250, ISSUED, "ScopeUse's delegation reason asks for a maskinporten client"));
    }

    @Inject
    ScopeUse scopeUse;

    @Inject
    AdminScopes adminScopes;

    @Inject
    EntityManager em;

    @BeforeEach
    void data() {
        TestData.ensure();
        adminScopes.ensure(TestData.ORG_A);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thePortalAndTheTokenServiceDecideAlike(Case c) {
        World w = setUp(c);
        assertEquals(List.of(c.portal(), c.token()), List.of(portal(w), token(w)),
                "portal, token service for: " + c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differences")
    void whereTheyDifferTheDifferenceIsKnown(Case c) {
        World w = setUp(c);
        assertEquals(List.of(c.portal(), c.token()), List.of(portal(w), token(w)),
                "portal, token service for: " + c + "; " + c.why());
    }

    /** What a row set up: who asks, for whom, for which scope, and the client with its key. */
    record World(Case c, String consumer, String supplier, String clientOrgno, String scope, String clientId,
            RSAKey key) {
    }

    private World setUp(Case c) {
        String consumer = TestData.freshOrganisation("Paritet konsument AS");
        String supplier = c.via() == Via.OWN_CLIENT ? null : TestData.freshOrganisation("Paritet leverandør AS");
        String owner = c.consumerOwns() ? consumer : TestData.freshOrganisation("Paritet eier AS");
        boolean supplied = c.via() == Via.SUPPLIER || c.via() == Via.SUPPLIER_OWN_SCOPES
                || c.via() == Via.SUPPLIER_ENDED;
        boolean suppliersOwn = c.via() == Via.DELEGATION || c.via() == Via.SUPPLIER_FOR_ITSELF;
        String scope = switch (c.kind()) {
            case ADMIN -> "idporten:dcr.read";
            case UNKNOWN -> fresh("ukjent") + ":finnes-ikke";
            case ORDINARY -> scope(c, owner);
        };
        switch (c.entry()) {
            case APPROVED, REMOVED -> entry(scope, consumer, "APPROVED");
            case REQUESTED -> entry(scope, consumer, "REQUESTED");
            case OTHER_ORGANISATION -> entry(scope, TestData.freshOrganisation("Paritet annen AS"), "APPROVED");
            case SUPPLIER -> entry(scope, supplier, "APPROVED");
            case NONE -> {
            }
        }
        if (supplied) {
            sql("""
                    insert into supplier_appointment (customer_orgno, supplier_orgno, own_scopes, created_by, ended,
                                                      ended_by)
                    values (?1, ?2, ?3, 'paritet', case when ?4 then now() end, case when ?4 then 'paritet' end)""",
                    consumer, supplier, c.via() == Via.SUPPLIER_OWN_SCOPES, c.via() == Via.SUPPLIER_ENDED);
        }
        if (c.delegatedToSupplier()) {
            sql("insert into delegation (scope_id, consumer_orgno, supplier_orgno) select id, ?2, ?3 from scope "
                    + "where name = ?1", scope, consumer, supplier);
        }
        String clientOrgno = suppliersOwn ? supplier : consumer;
        String clientId = UUID.randomUUID().toString();
        RSAKey key = Grants.rsa();
        sql("""
                insert into client (client_id, client_orgno, supplier_orgno, integration_type, client_name, description,
                                    token_endpoint_auth_method, grant_types, scopes)
                values (?1, ?2, nullif(?3, ''), ?4, 'Paritet', 'Paritet', 'private_key_jwt',
                        '["urn:ietf:params:oauth:grant-type:jwt-bearer"]'::jsonb, cast(?5 as jsonb))""",
                clientId, clientOrgno, supplied ? supplier : "", c.clientType(), "[\"" + scope + "\"]");
        sql("""
                insert into client_key (client_id, kid, jwk, thumbprint, expires)
                select id, ?2, cast(?3 as jsonb), ?4, now() + interval '1 day' from client where client_id = ?1""",
                clientId, key.getKeyID(), key.toPublicJWK().toJSONString(), thumbprint(key));
        World w = new World(c, consumer, supplier, clientOrgno, scope, clientId, key);
        if (c.entry() == Entry.REMOVED) {
            // a revocation must hold even where the token service has already said yes and cached it
            assertEquals(ISSUED, token(w), "before the entry is removed");
            sql("update scope_access set state = 'DENIED', last_updated = now() where consumer_orgno = ?2 "
                    + "and scope_id = (select id from scope where name = ?1)", scope, consumer);
        }
        return w;
    }

    /** ScopeUse's answer for the client as the portal asks it (ClientService), and the picker agrees with it. */
    private String portal(World w) {
        Case c = w.c();
        ScopeUse.Supplied supplied = switch (c.via()) {
            case OWN_CLIENT, DELEGATION, SUPPLIER_FOR_ITSELF -> null;
            case SUPPLIER, SUPPLIER_ENDED -> new ScopeUse.Supplied(w.supplier(), false);
            case SUPPLIER_OWN_SCOPES -> new ScopeUse.Supplied(w.supplier(), true);
        };
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Refusal> refusal = scopeUse.check(w.clientOrgno(), supplied, c.clientType(),
                    List.of(w.scope())).get(w.scope());
            boolean listed = scopeUse.usable(w.clientOrgno(), supplied, c.clientType()).stream()
                    .anyMatch(u -> u.scope().name.equals(w.scope()));
            assertEquals(refusal.isEmpty(), listed, "the picker lists what the check lets on");
            return refusal.map(AccessDecisionParityTest::code).orElse(ISSUED);
        });
    }

    /** POST /token with a grant signed by the client's key, {@code consumer_org} under delegation. */
    private static String token(World w) {
        var claims = Grants.claims(w.clientId(), w.scope());
        if (w.c().via() == Via.DELEGATION) {
            claims.claim("consumer_org", w.consumer());
        }
        ExtractableResponse<Response> response = Grants.request(Grants.sign(claims.build(), w.key())).extract();
        if (response.statusCode() == 200) {
            return ISSUED;
        }
        String uri = response.path("error_uri");
        return uri == null ? "HTTP " + response.statusCode() : uri.substring(uri.lastIndexOf('/') + 1);
    }

    /** The MP code the token service gives the same refusal (token-protocol.md 5, step 10). */
    private static String code(Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN, INACTIVE -> MP_200;
            case TYPE_NOT_ALLOWED -> MP_201;
            case NO_ACCESS, ADMIN_SCOPE, OWN_NOT_ALLOWED -> MP_250;
        };
    }

    private String scope(Case c, String owner) {
        String prefix = fresh("paritet");
        String name = prefix + ":tilgang";
        sql("insert into scope_prefix (prefix, orgno) values (?1, ?2)", prefix, owner);
        sql("""
                insert into scope (name, prefix, subscope, owner_orgno, description, active, accessible_for_all,
                                   allowed_integration_types, delegation_source)
                values (?1, ?2, 'tilgang', ?3, 'Paritet', ?4, ?5, cast(?6 as jsonb), nullif(?7, ''))""",
                name, prefix, owner, c.active(), c.accessibleForAll(), json(c.allowedTypes()),
                c.delegable() ? "https://paritet.test/" : "");
        return name;
    }

    private void entry(String scope, String orgno, String state) {
        sql("insert into scope_access (scope_id, consumer_orgno, state) select id, ?2, ?3 from scope where name = ?1",
                scope, orgno, state);
    }

    private void sql(String statement, Object... args) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = em.createNativeQuery(statement);
            for (int i = 0; i < args.length; i++) {
                query.setParameter(i + 1, args[i]);
            }
            assertEquals(1, query.executeUpdate(), statement);
        });
    }

    private static String fresh(String word) {
        return word + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]")
                .orElse("[]");
    }

    private static String thumbprint(RSAKey key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
