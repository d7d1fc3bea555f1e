package no.samarbeidsportal.isolation;

import static io.restassured.RestAssured.given;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.identity.OrgNumberValidator;

/**
 * The organisations of one isolation run, made through the admin API where it can (scopes, access lists, clients,
 * keys, delegations) and in SQL where the portal has no API (organisations, people, roles, prefixes, a prefix
 * request), as {@code TestData} does:
 * <ul>
 * <li>victim A: a PRIVATE scope and a PUBLIC one, both with organisation C on their access lists; a Maskinporten
 * client with a key and a client with a secret, the latter with an onbehalfof entry; a delegation of provider P's scope to supplier S; two people with
 * roles; a prefix and an open prefix request; A may use two of P's scopes (one through P's access list, one
 * {@code accessible_for_all}), and a third person of A's appoints suppliers;</li>
 * <li>attacker B: its own prefix, and one person per role plus one with every role (B is also a supplier: until the
 * matrix has A appoint it, A never did).</li>
 * </ul>
 * Each secret of A carries a marker word that exists nowhere else, so a substring search of a response is reliable.
 */
final class World {

    static final List<String> ROLES = List.of("ORG_ADMIN", "API_ADMIN", "INTEGRATION_ADMIN", "SUPPLIER");
    private static final SecureRandom RANDOM = new SecureRandom();

    final String run;
    final String victim;
    final String attacker;
    final String consumer;
    final String supplier;
    final String provider;
    final String victimName;
    final String victimPrefix;
    final String attackerPrefix;
    final String privateScope;
    final String publicScope;
    final String delegatedScope;
    /** P's scope that every organisation may use ({@code accessible_for_all}). */
    final String openScope;
    String client;
    String secretClient;
    final String kid;
    final String jwks;
    /** The onbehalfof value of the entry on A's secret client (an ID-porten client, admin-api.md 3.8). */
    final String onbehalfof;
    long delegationId;
    long membershipId;
    long prefixRequestId;

    /** Marker string to what it is; none of them may appear in a response to B, unless B sent it. */
    final Map<String, String> markers = new LinkedHashMap<>();
    /** Markers that the demo login may show: it lists every person to log in as, by design (never in production). */
    final Set<String> people = new TreeSet<>();
    /** Parameter names that no value was made for (filled with "x"), so a new route's gap shows in the report. */
    final Set<String> unfilled = new TreeSet<>();

    private World() {
        run = randomWord(6);
        victim = freeOrgno();
        attacker = freeOrgno();
        consumer = freeOrgno();
        supplier = freeOrgno();
        provider = freeOrgno();
        victimName = "Offer AS " + run;
        victimPrefix = "v" + run;
        attackerPrefix = "x" + run;
        privateScope = victimPrefix + ":hemmelig" + run;
        publicScope = victimPrefix + ":offentlig" + run;
        delegatedScope = "p" + run + ":deleg" + run;
        openScope = "p" + run + ":alle" + run;
        kid = "nokkel" + run;
        onbehalfof = "paavegne" + run;
        KeyPair pair = rsa();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
        jwks = "{\"keys\":[" + key.toJSONString() + "]}";
        markers.put("hemmelig" + run, "A's private scope name");
        markers.put("skjult" + run, "A's private scope description");
        markers.put(consumer, "organisation on A's access lists");
        markers.put("klientnavn" + run, "A's client name");
        markers.put("klientbesk" + run, "A's client description");
        markers.put("klientto" + run, "A's secret client name");
        markers.put(kid, "A's key id");
        markers.put(onbehalfof, "A's onbehalfof value");
        markers.put("kundenavn" + run, "A's onbehalfof customer name");
        markers.put(key.getModulus().toString().substring(0, 32), "A's public key");
        markers.put(supplier, "A's delegation's supplier");
        markers.put("offer" + run, "A's people");
        markers.put("onsket" + run, "A's prefix request");
        markers.put("begrunnelse" + run, "A's prefix request reason");
        people.add("offer" + run);
    }

    /** The subject of B's person with {@code role} alone ("ALL": every role). */
    String attackerPerson(String role) {
        return "angriper" + run + "-" + role.toLowerCase();
    }

    String victimPerson() {
        return "offer" + run + "-admin";
    }

    /**
     * A's access administrator who appoints B as supplier. The supplier sees who appointed it (the appointment's
     * {@code created_by} and both histories, admin-api.md 2.5: "audited", both sides see it), so this subject is not a
     * marker; A's other people are.
     */
    String appointerPerson() {
        return "utnevner" + run + "-orgadmin";
    }

    /**
     * The scopes A may use without owning them (P's access list, {@code accessible_for_all}): the only ones a supplier
     * A appointed without its own scopes may put on a client for A (admin-api.md 2.5).
     */
    Set<String> usableByVictim() {
        return Set.of(delegatedScope, openScope);
    }

    /** Seeds A, B and the organisations around them. */
    static World seed() {
        World w = new World();
        w.sql();
        String scopesWrite = "idporten:scopes.write";
        String dcrWrite = "idporten:dcr.write";
        api(w.victim, scopesWrite).body(Map.of("prefix", w.victimPrefix, "subscope", "hemmelig" + w.run,
                "description", "skjult" + w.run, "visibility", "PRIVATE",
                "allowed_integration_types", List.of("maskinporten", "api_klient")))
                .post("/api/v1/scopes").then().statusCode(201);
        api(w.victim, scopesWrite).body(Map.of("prefix", w.victimPrefix, "subscope", "offentlig" + w.run,
                "description", "Offentlig API " + w.run, "visibility", "PUBLIC",
                "allowed_integration_types", List.of("maskinporten")))
                .post("/api/v1/scopes").then().statusCode(201);
        for (String scope : List.of(w.privateScope, w.publicScope)) {
            api(w.victim, scopesWrite).queryParam("scope", scope).put("/api/v1/scopes/access/" + w.consumer)
                    .then().statusCode(200);
        }
        api(w.provider, scopesWrite).body(Map.of("prefix", "p" + w.run, "subscope", "deleg" + w.run,
                "description", "Delegerbart API " + w.run, "delegation_source", "https://tt02.altinn.no/",
                "allowed_integration_types", List.of("maskinporten")))
                .post("/api/v1/scopes").then().statusCode(201);
        api(w.provider, scopesWrite).queryParam("scope", w.delegatedScope).put("/api/v1/scopes/access/" + w.victim)
                .then().statusCode(200);
        api(w.provider, scopesWrite).body(Map.of("prefix", "p" + w.run, "subscope", "alle" + w.run,
                "description", "API for alle " + w.run, "accessible_for_all", true,
                "allowed_integration_types", List.of("maskinporten")))
                .post("/api/v1/scopes").then().statusCode(201);
        w.delegationId = ((Number) api(w.victim, dcrWrite).body(Map.of("scope", w.delegatedScope,
                "supplier_orgno", w.supplier)).post("/api/v1/delegations").then().statusCode(201).extract()
                .path("id")).longValue();
        String client = api(w.victim, dcrWrite).body(Map.of("integration_type", "maskinporten",
                "client_name", "klientnavn" + w.run, "description", "klientbesk" + w.run,
                "token_endpoint_auth_method", "private_key_jwt",
                "grant_types", List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"),
                "scopes", List.of(w.privateScope)))
                .post("/api/v1/clients").then().statusCode(201).extract().path("client_id");
        api(w.victim, dcrWrite).body(w.jwks).post("/api/v1/clients/" + client + "/jwks").then().statusCode(201);
        String secretClient = api(w.victim, dcrWrite).body(Map.of("integration_type", "api_klient",
                "client_name", "klientto" + w.run, "description", "klientto" + w.run,
                "client_uri", "https://offer.example", "scopes", List.of(w.privateScope),
                "redirect_uris", List.of("https://offer.example/callback"),
                "grant_types", List.of("refresh_token", "authorization_code"),
                "token_endpoint_auth_method", "client_secret_post"))
                .post("/api/v1/clients").then().statusCode(201).extract().path("client_id");
        api(w.victim, "idporten:dcr/onbehalfof:write").body(Map.of("onbehalfof", w.onbehalfof,
                "name", "kundenavn" + w.run, "orgno", w.consumer))
                .post("/api/v1/clients/" + secretClient + "/onbehalfof").then().statusCode(201);
        w.client = client;
        w.secretClient = secretClient;
        w.markers.put(client, "A's client id");
        w.markers.put(secretClient, "A's secret client id");
        return w;
    }

    private void sql() {
        QuarkusTransaction.requiringNew().run(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            for (String[] org : new String[][] {{victim, victimName}, {attacker, "Angriper AS " + run},
                    {consumer, "Kunde AS " + run}, {supplier, "Leverandør AS " + run},
                    {provider, "Tilbyder AS " + run}}) {
                em.createNativeQuery("insert into organisation (orgno, name) values (?1, ?2)")
                        .setParameter(1, org[0]).setParameter(2, org[1]).executeUpdate();
            }
            for (String[] prefix : new String[][] {{victimPrefix, victim}, {attackerPrefix, attacker},
                    {"p" + run, provider}}) {
                em.createNativeQuery("insert into scope_prefix (prefix, orgno) values (?1, ?2)")
                        .setParameter(1, prefix[0]).setParameter(2, prefix[1]).executeUpdate();
            }
            person(em, victimPerson(), "Offerperson " + "offer" + run, victim, ROLES);
            person(em, "offer" + run + "-int", "Offerintegrator " + "offer" + run, victim,
                    List.of("INTEGRATION_ADMIN"));
            person(em, appointerPerson(), "Utnevner " + run, victim, List.of("ORG_ADMIN"));
            for (String role : ROLES) {
                person(em, attackerPerson(role), "Angriper " + role, attacker, List.of(role));
            }
            person(em, attackerPerson("ALL"), "Angriper med alle roller", attacker, ROLES);
            membershipId = ((Number) em.createNativeQuery(
                    "select m.id from membership m join person p on p.id = m.person_id where p.subject = ?1 "
                            + "order by m.id limit 1").setParameter(1, victimPerson()).getSingleResult()).longValue();
            prefixRequestId = ((Number) em.createNativeQuery("""
                    insert into prefix_request (prefix, orgno, reason, requested_by) values (?1, ?2, ?3, ?4)
                    returning id""").setParameter(1, "onsket" + run).setParameter(2, victim)
                    .setParameter(3, "begrunnelse" + run).setParameter(4, victimPerson()).getSingleResult())
                    .longValue();
        });
    }

    private static void person(EntityManager em, String subject, String name, String orgno, List<String> roles) {
        em.createNativeQuery("insert into person (subject, name) values (?1, ?2)").setParameter(1, subject)
                .setParameter(2, name).executeUpdate();
        for (String role : roles) {
            em.createNativeQuery("""
                    insert into membership (person_id, orgno, role, granted_by)
                    select id, ?2, ?3, 'isolation-matrix' from person where subject = ?1""")
                    .setParameter(1, subject).setParameter(2, orgno).setParameter(3, role).executeUpdate();
        }
    }

    private static io.restassured.specification.RequestSpecification api(String orgno, String scopes) {
        return given().auth().oauth2(Tokens.of(orgno, scopes)).contentType(ContentType.JSON);
    }

    /**
     * The values tried for a path, query or form parameter of this name: the victim's real objects, or what an
     * attacker would put there (B itself as the consumer to add, A as the customer of a supplier's client).
     */
    List<String> values(String name, String template) {
        if (template.startsWith("/dev-login")) {
            switch (name) {
                case "client_id":
                    return List.of("samarbeidsportal");
                case "redirect_uri", "post_logout_redirect_uri":
                    return List.of("/portal/callback");
                case "subject", "other":
                    return List.of(victimPerson());
                default:
                    break;
            }
        }
        return switch (name) {
            case "orgno", "client_orgno", "owner_orgno" -> List.of(victim);
            case "consumer_orgno" -> List.of(attacker, consumer);
            case "supplier_orgno" -> List.of(attacker);
            case "id" -> List.of(String.valueOf(delegationId), String.valueOf(membershipId),
                    String.valueOf(prefixRequestId));
            case "client_id", "client" -> List.of(client, secretClient);
            case "kid" -> List.of(kid);
            case "onbehalfof" -> List.of(onbehalfof, "angrep" + run);
            case "scope" -> List.of(privateScope, publicScope);
            case "scopes" -> List.of(privateScope, delegatedScope, openScope);
            case "prefix" -> List.of(victimPrefix, "ny" + run);
            case "q" -> List.of("hemmelig");
            case "inactive", "accessible_for_all" -> List.of("true");
            case "integration_type" -> List.of("maskinporten");
            case "page" -> List.of("0");
            case "size" -> List.of("500");
            case "days" -> List.of("3650");
            case "lang" -> List.of("en");
            case "code" -> List.of("MP-011");
            case "subject" -> List.of(attackerPerson("ALL"));
            case "role" -> List.of("ORG_ADMIN");
            case "consumers" -> List.of(attacker);
            case "keys", "file" -> List.of(jwks);
            case "subscope" -> List.of("angrep" + run);
            case "description", "reason", "client_name", "long_description", "description_en", "description_nn",
                    "long_description_en", "long_description_nn" -> List.of("angrep " + run);
            case "name" -> List.of("Angrep AS");
            case "visibility" -> List.of("PUBLIC");
            case "token_type" -> List.of("SELF_CONTAINED");
            case "allowed_integration_types" -> List.of("maskinporten");
            case "token_endpoint_auth_method" -> List.of("private_key_jwt");
            case "application_type" -> List.of("web");
            case "client_uri" -> List.of("https://angrep.example");
            case "redirect_uris" -> List.of("https://angrep.example/callback");
            case "version", "at_max_age", "authorization_max_lifetime" -> List.of("0");
            case "access_token_lifetime" -> List.of("120");
            case "requires_user_consent", "requires_user_authentication", "requires_pseudonymous_tokens",
                    "supports_european_businesses", "requires_dpop" -> List.of("false");
            case "delegation_source", "enforced_aud_for_access_token", "enforced_aud_for_introspection",
                    "state", "nonce", "other" -> List.of("");
            case "redirect_uri", "post_logout_redirect_uri" -> List.of("/portal");
            default -> {
                unfilled.add(name);
                yield List.of("x");
            }
        };
    }

    /**
     * Plausible JSON bodies for an admin API write, chosen by what the path is about. A client for A is tried with A's
     * private scope, with the scopes A may use (what an appointed supplier may register for A), and with an admin API
     * scope (never on a supplier's client).
     */
    List<String> jsonBodies(String path) {
        if (path.contains("/jwks")) {
            return List.of(jwks);
        }
        if (path.contains("/onbehalfof")) {
            return List.of("{\"onbehalfof\":\"angrep%s\",\"name\":\"angrep %s\",\"orgno\":\"%s\"}"
                    .formatted(run, run, victim));
        }
        if (path.contains("/clients")) {
            String body = """
                    {"integration_type":"maskinporten","client_orgno":"%s","client_name":"angrep %s",
                     "description":"angrep %s","token_endpoint_auth_method":"private_key_jwt",
                     "grant_types":["urn:ietf:params:oauth:grant-type:jwt-bearer"],"scopes":[%s]}""";
            return List.of(body.formatted(victim, run, run, "\"" + privateScope + "\""),
                    body.formatted(victim, run, run, "\"" + delegatedScope + "\",\"" + openScope + "\""),
                    body.formatted(victim, run, run, "\"" + delegatedScope + "\",\"idporten:dcr.write\""));
        }
        if (path.contains("/delegations")) {
            return List.of("{\"scope\":\"%s\",\"supplier_orgno\":\"%s\"}".formatted(privateScope, attacker));
        }
        if (path.contains("/scopes") && !path.contains("/access")) {
            return List.of("""
                    {"prefix":"%s","subscope":"angrep%s","description":"angrep %s","visibility":"PUBLIC",
                     "allowed_integration_types":["maskinporten"],"active":true}"""
                    .formatted(victimPrefix, run, run));
        }
        return List.of("{}");
    }

    private static final Set<String> TAKEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static String freeOrgno() {
        while (true) {
            String base = "39" + String.format("%06d", RANDOM.nextInt(1_000_000));
            for (int d = 0; d <= 9; d++) {
                if (OrgNumberValidator.isValid(base + d) && TAKEN.add(base + d)) {
                    return base + d;
                }
            }
        }
    }

    private static String randomWord(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return sb.toString();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
