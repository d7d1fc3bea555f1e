package no.samarbeidsportal.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.identity.ActorResolver;
import no.samarbeidsportal.isolation.Matrix.Actor;
import no.samarbeidsportal.isolation.Matrix.Finding;
import no.samarbeidsportal.isolation.RouteTable.Endpoint;
import org.junit.jupiter.api.Test;

/**
 * The isolation matrix (issue 11): every route of the running app, pages and admin API, tried as everyone who is not
 * organisation A, each request aimed at A's real objects. After every request: A's rows are unchanged, nothing of A's
 * is in the answer, and the answer is not a 5xx. The rule under test (admin-api.md 2.5): no sequence of actions by
 * organisation B gives B read or write access to anything of organisation A without an action by A or the platform
 * administrator.
 *
 * <p>What A may show the world is public by design and is not searched for: its organisation number and name, its
 * prefix, and its PUBLIC scope (name and descriptions, as in the catalogue). Everything else of A's carries a marker
 * word ({@link World}). A marker the request itself carried may come back as an echo (a form shown again, an error
 * naming the id that was asked for); every secret object of A also has a marker no request ever sends.
 */
@QuarkusTest
class IsolationMatrixTest {

    private static final List<String> ADMIN_SCOPES = List.of("idporten:dcr.read", "idporten:dcr.modify",
            "idporten:dcr.write", "idporten:dcr.supplier", "idporten:dcr/onbehalfof:write", "idporten:scopes.read",
            "idporten:scopes.write");
    private static final Pattern FORM_TOKEN = Pattern.compile("\"X-CSRF-TOKEN\":\"([^\"]+)\"");

    @Inject
    RouteTable routes;

    @Inject
    DataSource db;

    @TestHTTPResource("/")
    URI base;

    @Test
    void noActorOtherThanTheVictimReadsOrChangesAnythingOfTheVictims() throws Exception {
        World w = World.seed();
        List<Endpoint> endpoints = routes.endpoints();
        VictimRows rows = new VictimRows(db, w.victim);
        Matrix matrix = new Matrix(w, endpoints, rows, base);
        long start = System.nanoTime();

        List<Actor> actors = new ArrayList<>();
        actors.add(new Actor("anonymous", Map::of, null, null));
        for (String scope : ADMIN_SCOPES) {
            actors.add(token("B token " + scope, w.attacker, scope));
        }
        actors.add(new Actor("B user token (Ansattporten)",
                () -> Map.of("Authorization", "Bearer " + Tokens.userToken(w.attacker)), null, null));
        actors.add(new Actor("B token through delegation (dcr.write, delegation_source)",
                () -> Map.of("Authorization", "Bearer " + Tokens.delegated(w.attacker, "idporten:dcr.write")), null,
                null));
        actors.add(person("person in no organisation", w.attackerPerson("NONE"), null));
        for (String role : World.ROLES) {
            actors.add(person("B person " + role, w.attackerPerson(role), null));
        }
        actors.add(person("B person, every role, portal-org cookie set to A", w.attackerPerson("ALL"), w.victim));
        // a session of its own: the previous actor's run ends with a logout, which ends that session on the server
        actors.add(person("B person, every role, portal-org cookie set to A", w.attackerPerson("ALL"), w.victim)
                .with(", htmx", Map.of("HX-Request", "true", "HX-Target", "entries")));
        // Supplier without an appointment: B holds the supplier role and token scope, A never appointed it.
        actors.add(token("B supplier token (dcr.supplier + dcr.write), not appointed", w.attacker,
                "idporten:dcr.supplier idporten:dcr.write idporten:dcr.read"));
        actors.add(person("B supplier person (SUPPLIER + INTEGRATION_ADMIN via every role), not appointed",
                w.attackerPerson("ALL"), null));

        for (Actor actor : actors) {
            expectActing(matrix, actor, w);
            matrix.run(actor, () -> expectActing(matrix, actor, w));
        }
        assertEquals(0, suppliedClients(w), "no client of B's for A before A appointed B");

        // Supplier WITH an appointment by A (admin-api.md 2.5): A's access administrator appoints B on A's
        // organisation page, without A's own scopes. The client rows B then registers for A (client_orgno A,
        // supplier_orgno B, only scopes A may use, no idporten:*), their keys and A's audit lines about them are A's
        // consent, and the oracle leaves out exactly those; B ending the appointment is B's own right (either side
        // may end it). Everything else of A's must stay as it was and unseen. The appointment is made (again, if the
        // previous actor ended it) before each actor, so the actor's snapshot already holds it.
        Actor appointer = person("A's access administrator", w.appointerPerson(), null);
        VictimRows.Consent consent = VictimRows.suppliedClients(w.victim, w.attacker, w.usableByVictim(),
                Set.of(w.client, w.secretClient)).and(VictimRows.supplierStepsBack(w.victim, w.attacker));
        List<Actor> appointed = new ArrayList<>();
        appointed.add(token("B supplier token (dcr.supplier + dcr.write), appointed by A", w.attacker,
                "idporten:dcr.supplier idporten:dcr.write"));
        appointed.add(new Actor("token of B's client for A (consumer A, supplier B), every admin scope, appointed",
                () -> Map.of("Authorization", "Bearer " + Tokens.supplied(w.victim, w.attacker,
                        String.join(" ", ADMIN_SCOPES))), null, null));
        appointed.add(person("B supplier person (SUPPLIER only), appointed by A", w.attackerPerson("SUPPLIER"), null));
        appointed.add(person("B person, every role, appointed by A", w.attackerPerson("ALL"), null));
        appointed.add(person("B person, every role, portal-org cookie set to A, appointed by A",
                w.attackerPerson("ALL"), w.victim));
        Map<String, Integer> supplied = new LinkedHashMap<>();
        for (Actor actor : appointed) {
            appoint(matrix, appointer, w);
            expectActing(matrix, actor, w);
            int before = suppliedClients(w);
            matrix.run(actor, consent, () -> expectActing(matrix, actor, w));
            supplied.put(actor.name(), suppliedClients(w) - before);
            actors.add(actor);
        }

        String report = report(w, endpoints, rows, matrix, actors, System.nanoTime() - start)
                + "clients B registered for A as its appointed supplier, per actor: " + supplied + "\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/isolation-matrix.txt"), report);
        System.out.println(report);
        assertTrue(matrix.findings().isEmpty(), report);
        // the consent was used: the appointed supplier's token did register clients for A (so the exemption is not
        // what hid a refusal), and each of them carries only scopes A may use
        assertTrue(supplied.values().iterator().next() > 0, "B's supplier token registered no client for A: "
                + supplied);
        assertEquals(List.of(), otherSuppliedClients(w), "a client of B's for A with a scope A may not give it");
    }

    /**
     * The control: the same routes, values and checks, sent by A itself, must find A's data in answers and A's rows
     * changed. So a leak cannot pass unseen because the routes were never reached or the checks never looked.
     */
    @Test
    void theSameChecksSeeTheVictimsOwnAccess() throws Exception {
        List<Endpoint> endpoints = routes.endpoints();
        // each actor gets a victim of its own: both runs delete and deactivate A's things
        World forPerson = World.seed();
        World forToken = World.seed();
        Matrix personMatrix = new Matrix(forPerson, endpoints, new VictimRows(db, forPerson.victim), base);
        Matrix tokenMatrix = new Matrix(forToken, endpoints, new VictimRows(db, forToken.victim), base);
        Actor victimPerson = person("A person", forPerson.victimPerson(), null);
        Actor victimToken = token("A token, every admin scope", forToken.victim, String.join(" ", ADMIN_SCOPES));
        personMatrix.run(victimPerson, () -> { });
        tokenMatrix.run(victimToken, () -> { });
        List<Finding> all = new ArrayList<>(personMatrix.findings());
        all.addAll(tokenMatrix.findings());
        Map<String, List<String>> seen = all.stream().collect(Collectors.groupingBy(
                f -> f.actor() + " / " + f.assertion().replaceAll(" \\(.*", ""),
                Collectors.mapping(Finding::route, Collectors.toList())));
        for (String expected : List.of("GET /api/v1/scopes", "GET /scopes", "GET /external/api/v1/scopes",
                "GET /api/v1/clients", "GET /api/v1/clients/{client_id}/jwks",
                "GET /api/v1/clients/{client_id}/onbehalfof/{onbehalfof}", "GET /api/v1/scopes/access",
                "GET /api/v1/delegations", "GET /api/v1/audit")) {
            assertTrue(seen.getOrDefault(victimToken.name() + " / victim's data in the answer", List.of())
                    .contains(expected), "A's own token should see A's data at " + expected + ": " + seen);
        }
        for (String expected : List.of("GET /portal/scopes", "GET /portal/clients", "GET /portal/scopes/access",
                "GET /portal/delegations", "GET /portal/orgs/{orgno}", "GET /portal/clients/keys")) {
            assertTrue(seen.getOrDefault(victimPerson.name() + " / victim's data in the answer", List.of())
                    .contains(expected), "A's own person should see A's data at " + expected + ": " + seen);
        }
        for (String expected : List.of("DELETE /api/v1/clients/{client_id}", "PUT /api/v1/scopes/access/{consumer_orgno}",
                "POST /api/v1/clients/{client_id}/jwks", "POST /api/v1/clients/{client_id}/onbehalfof",
                "DELETE /api/v1/scopes")) {
            assertTrue(seen.getOrDefault(victimToken.name() + " / victim's rows changed", List.of()).contains(expected),
                    "A's own token should change A's rows at " + expected + ": " + seen);
        }
        assertTrue(seen.getOrDefault(victimPerson.name() + " / victim's rows changed", List.of())
                .contains("POST /portal/orgs/{orgno}/roles"), "A's administrator grants roles in A: " + seen);
    }

    /** A's access administrator appoints B as supplier on A's organisation page, without A's own scopes. */
    private void appoint(Matrix matrix, Actor appointer, World w) throws java.sql.SQLException {
        HttpResponse<String> r = matrix.postForm("/portal/orgs/" + w.victim + "/suppliers",
                Map.of("supplier_orgno", w.attacker), appointer);
        assertEquals(303, r.statusCode(), "appointing B: " + r.body());
        try (var c = db.getConnection(); var s = c.prepareStatement("""
                select own_scopes from supplier_appointment
                where customer_orgno = ? and supplier_orgno = ? and ended is null""")) {
            s.setString(1, w.victim);
            s.setString(2, w.attacker);
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next(), "A's appointment of B is active");
                assertEquals(false, rs.getBoolean(1), "appointed without A's own scopes");
            }
        }
    }

    /** How many clients B registered for A as its supplier. */
    private int suppliedClients(World w) throws java.sql.SQLException {
        try (var c = db.getConnection(); var s = c.prepareStatement(
                "select count(*) from client where client_orgno = ? and supplier_orgno = ?")) {
            s.setString(1, w.victim);
            s.setString(2, w.attacker);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** B's clients for A with a scope outside what A may use (the oracle would have reported them too). */
    private List<String> otherSuppliedClients(World w) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (var c = db.getConnection(); var s = c.prepareStatement("""
                select client_id, scopes::text from client
                where client_orgno = ? and supplier_orgno = ?
                  and exists (select 1 from jsonb_array_elements_text(scopes) x where not x = any (?))""")) {
            s.setString(1, w.victim);
            s.setString(2, w.attacker);
            s.setArray(3, c.createArrayOf("text", w.usableByVictim().toArray()));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    private static Actor token(String name, String orgno, String scopes) {
        return new Actor(name, () -> Map.of("Authorization", "Bearer " + Tokens.of(orgno, scopes)), null, null);
    }

    /** A person logged in through the demo login, as a browser does, with the session's CSRF token. */
    private Actor person(String name, String subject, String chosenOrg) {
        try {
            CookieManager jar = new CookieManager();
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).cookieHandler(jar)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<Void> first = c.send(HttpRequest.newBuilder(base.resolve("/portal/me")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String authorize = first.headers().firstValue("Location").orElseThrow(
                    () -> new IllegalStateException("/portal/me did not send to the login: " + first.statusCode()));
            String form = c.send(HttpRequest.newBuilder(base.resolve(authorize)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, String> fields = new LinkedHashMap<>();
            for (String f : List.of("csrf-token", "client_id", "redirect_uri", "state", "nonce")) {
                fields.put(f, field(form, f));
            }
            fields.put("subject", subject);
            String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            HttpResponse<Void> posted = c.send(HttpRequest.newBuilder(base.resolve("/dev-login/authorize"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            String callback = posted.headers().firstValue("Location").orElseThrow(
                    () -> new IllegalStateException("the demo login answered " + posted.statusCode()));
            HttpResponse<Void> done = c.send(HttpRequest.newBuilder(base.resolve(callback)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(3, done.statusCode() / 100, "login callback");
            String page = c.send(HttpRequest.newBuilder(base.resolve("/portal/me")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = FORM_TOKEN.matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on /portal/me for " + subject);
            }
            String csrf = m.group(1);
            StringBuilder cookies = new StringBuilder();
            for (HttpCookie cookie : jar.getCookieStore().getCookies()) {
                cookies.append(cookies.isEmpty() ? "" : "; ").append(cookie.getName()).append('=')
                        .append(cookie.getValue());
            }
            if (chosenOrg != null) {
                cookies.append("; ").append(ActorResolver.ORG_COOKIE).append('=').append(chosenOrg);
            }
            String header = cookies.toString();
            return new Actor(name + " (" + subject + ")", () -> Map.of("Cookie", header), csrf, subject);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The actor is who the matrix thinks: a person's session is alive and acts for B (a tampered org cookie
     * included), a token is accepted. Otherwise every request would be anonymous and the matrix would prove nothing.
     */
    private static void expectActing(Matrix matrix, Actor actor, World w) {
        if (actor.name().equals("anonymous")) {
            return;
        }
        if (actor.subject() != null) {
            HttpResponse<String> me = matrix.get("/portal/me", actor);
            assertEquals(200, me.statusCode(), actor.name() + ": /portal/me");
            boolean inB = !actor.subject().endsWith("-none");
            assertTrue(me.body().contains("<code>" + actor.subject() + "</code>")
                    && me.body().contains("Angriper AS " + w.run) == inB && !me.body().contains(w.victimName),
                    actor.name() + " should act for " + (inB ? "B" : "no organisation") + " only: " + me.body());
        } else {
            int status = matrix.get("/api/v1/audit", actor).statusCode();
            assertTrue(status == 200 || status == 403, actor.name() + ": the token was not accepted: " + status);
        }
    }

    private static String report(World w, List<Endpoint> endpoints, VictimRows rows, Matrix matrix,
            List<Actor> actors, long nanos) {
        StringBuilder r = new StringBuilder();
        r.append("Isolation matrix: ").append(endpoints.size()).append(" routes (method + path), ")
                .append(actors.size()).append(" actors, ").append(matrix.requests()).append(" requests in ")
                .append(Duration.ofNanos(nanos).toSeconds()).append(" s\n");
        r.append("victim A ").append(w.victim).append(", attacker B ").append(w.attacker).append(", run ")
                .append(w.run).append('\n');
        r.append("tables watched: ").append(rows.tables()).append('\n');
        r.append("parameters without a value (sent as \"x\"): ").append(w.unfilled).append('\n');
        r.append("routes:\n");
        endpoints.forEach(e -> r.append("  ").append(e.key()).append("  [").append(e.source()).append("]\n"));
        r.append("answers per actor (status=count):\n");
        matrix.statuses().forEach((a, s) -> r.append("  ").append(a).append(": ").append(s).append('\n'));
        List<Finding> findings = matrix.findings();
        r.append(findings.size()).append(" failing (assertion, route, actor) groups\n");
        String last = null;
        for (Finding f : findings) {
            if (!f.assertion().equals(last)) {
                r.append("== ").append(f.assertion()).append('\n');
                last = f.assertion();
            }
            r.append("  ").append(f.route()).append("  as ").append(f.actor()).append("  (").append(f.count())
                    .append("x)\n    e.g. ").append(f.example()).append('\n');
        }
        return r.toString();
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\"\\s+value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'") : "";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
