package no.samarbeidsportal.isolation;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.isolation.RouteTable.Endpoint;

/**
 * Sends every route, with every combination of the victim's values, as each actor, and after each request checks the
 * three rules: the victim's rows are unchanged, nothing of the victim's is in the answer (status line, headers, body),
 * and the answer is not a 5xx. Findings are grouped by (assertion, route, actor).
 */
final class Matrix {

    /**
     * Who sends the requests: the headers each request gets, and for a person the CSRF token of its session and the
     * subject it logged in as.
     */
    record Actor(String name, Supplier<Map<String, String>> headers, String csrf, String subject) {

        Actor with(String suffix, Map<String, String> more) {
            return new Actor(name + suffix, () -> {
                Map<String, String> all = new LinkedHashMap<>(headers.get());
                all.putAll(more);
                return all;
            }, csrf, subject);
        }
    }

    /** One concrete request. */
    record Call(Endpoint endpoint, String method, String target, String contentType, byte[] body) {

        /** What the request itself carried, decoded: a marker in it may come back as an echo without being a leak. */
        String carried() {
            return URLDecoder.decode(target, StandardCharsets.UTF_8)
                    + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
        }
    }

    /** A group of failures of one assertion on one route by one actor, with its first example. */
    record Finding(String assertion, String route, String actor, String example, int count) {
    }

    private static final int MAX_COMBINATIONS = 8;
    /** Query parameters that name the object a route acts on; the others filter or page. */
    private static final Set<String> SELECTORS = Set.of("scope", "client", "client_id", "kid", "orgno");
    private static final String CSRF_FIELD = "csrf-token";
    private static final String CSRF_HEADER = "X-CSRF-TOKEN";

    private final World world;
    private final List<Endpoint> endpoints;
    private final VictimRows rows;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Finding> findings = new TreeMap<>();
    private final Map<String, Map<Integer, Integer>> statuses = new LinkedHashMap<>();
    private int requests;

    Matrix(World world, List<Endpoint> endpoints, VictimRows rows, URI base) {
        this.world = world;
        this.endpoints = endpoints;
        this.rows = rows;
        this.base = base;
    }

    /**
     * Every call of every route; reads first, then writes; last what ends the actor's standing (a supplier stepping
     * back from a customer), and a logout at the very end, so the session and the appointment last the run.
     */
    List<Call> calls(Actor actor) {
        List<Call> calls = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (Map<String, String> values : combinations(e)) {
                calls.addAll(call(e, values, actor));
            }
        }
        calls.sort(Comparator.comparing((Call c) -> c.target().contains("logout"))
                .thenComparing(Matrix::endsAppointment)
                .thenComparing(c -> List.of("GET", "POST", "PUT", "PATCH", "DELETE").indexOf(c.method()))
                .thenComparing(Call::target));
        return calls;
    }

    private static boolean endsAppointment(Call c) {
        String t = c.endpoint().template();
        return t.contains("/suppliers") && ("DELETE".equals(c.method()) || t.endsWith("/end"));
    }

    /** Runs the actor's calls; {@code beforeLogout} runs once before the first call that ends a session. */
    void run(Actor actor, Runnable beforeLogout) {
        run(actor, VictimRows.Consent.NONE, beforeLogout);
    }

    /**
     * Runs the actor's calls, comparing the victim's rows without those the victim consented to ({@code consent}: an
     * appointed supplier's clients for it). Everything else of the victim's must stay as it was.
     */
    void run(Actor actor, VictimRows.Consent consent, Runnable beforeLogout) {
        Map<String, List<String>> before = consent.without(rows.snapshot());
        boolean checkedBeforeLogout = false;
        for (Call call : calls(actor)) {
            if (!checkedBeforeLogout && call.target().contains("logout")) {
                beforeLogout.run();
                checkedBeforeLogout = true;
            }
            HttpResponse<String> answer = send(call, actor);
            requests++;
            statuses.computeIfAbsent(actor.name(), k -> new TreeMap<>()).merge(answer.statusCode(), 1, Integer::sum);
            String example = call.method() + " " + call.target() + " -> " + answer.statusCode();
            if (answer.statusCode() >= 500) {
                record("5xx", call, actor, example + " " + clip(answer.body()));
            }
            String leaked = leaked(call, answer);
            if (leaked != null) {
                record("victim's data in the answer", call, actor, example + ": " + leaked);
            }
            Map<String, List<String>> after = consent.without(rows.snapshot());
            String changed = VictimRows.difference(before, after);
            if (changed != null) {
                record("victim's rows changed (" + String.join(", ", VictimRows.changedTables(before, after)) + ")",
                        call, actor, example + "\n      " + changed);
                before = after;
            }
        }
        if (!checkedBeforeLogout) {
            beforeLogout.run();
        }
    }

    HttpResponse<String> get(String path, Actor actor) {
        return send(new Call(null, "GET", path, null, null), actor);
    }

    /** A form posted by a person as its browser does, with the session's CSRF token. */
    HttpResponse<String> postForm(String path, Map<String, String> fields, Actor actor) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        if (actor.csrf() != null) {
            form.append(form.isEmpty() ? "" : "&").append(CSRF_FIELD).append('=').append(enc(actor.csrf()));
        }
        return send(new Call(null, "POST", path, "application/x-www-form-urlencoded",
                form.toString().getBytes(StandardCharsets.UTF_8)), actor);
    }

    List<Finding> findings() {
        return List.copyOf(findings.values());
    }

    Map<String, Map<Integer, Integer>> statuses() {
        return statuses;
    }

    int requests() {
        return requests;
    }

    private void record(String assertion, Call call, Actor actor, String example) {
        String route = call.endpoint().key();
        findings.merge(assertion + "|" + route + "|" + actor.name(), new Finding(assertion, route, actor.name(),
                example, 1), (a, b) -> new Finding(a.assertion(), a.route(), a.actor(), a.example(), a.count() + 1));
    }

    private String leaked(Call call, HttpResponse<String> answer) {
        StringBuilder text = new StringBuilder().append(answer.statusCode()).append('\n');
        answer.headers().map().forEach((k, v) -> text.append(k).append(": ").append(String.join(", ", v))
                .append('\n'));
        text.append(answer.body());
        String all = text.toString();
        String carried = call.carried();
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> m : world.markers.entrySet()) {
            if (all.contains(m.getKey()) && !carried.contains(m.getKey())
                    && !(call.endpoint().template().startsWith("/dev-login") && world.people.contains(m.getKey()))) {
                found.add(m.getValue() + " (" + m.getKey() + ")");
            }
        }
        return found.isEmpty() ? null : String.join(", ", found);
    }

    private HttpResponse<String> send(Call call, Actor actor) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(call.target())).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html,application/json;q=0.9,*/*;q=0.8");
        actor.headers().get().forEach(b::header);
        if (actor.csrf() != null) {
            b.header(CSRF_HEADER, actor.csrf());
        }
        if (call.contentType() != null) {
            b.header("Content-Type", call.contentType());
        }
        b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(call.method() + " " + call.target() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every combination of values for the route's parameters (at most {@value #MAX_COMBINATIONS}), and the same with
     * only the parameters that pick an object: a filter sent along (consumer_orgno=B) could hide a leak.
     */
    private List<Map<String, String>> combinations(Endpoint e) {
        List<String> names = new ArrayList<>(e.pathParams());
        e.query().stream().filter(n -> !names.contains(n)).forEach(names::add);
        e.form().stream().filter(n -> !names.contains(n)).forEach(names::add);
        Set<Map<String, String>> all = new java.util.LinkedHashSet<>(product(e, names));
        names.removeIf(n -> e.query().contains(n) && !e.pathParams().contains(n) && !e.form().contains(n)
                && !SELECTORS.contains(n));
        all.addAll(product(e, names));
        return List.copyOf(all);
    }

    private List<Map<String, String>> product(Endpoint e, List<String> names) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (String name : names) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : world.values(name, e.template())) {
                    if (next.size() < MAX_COMBINATIONS) {
                        Map<String, String> m = new LinkedHashMap<>(c);
                        m.put(name, v);
                        next.add(m);
                    }
                }
            }
            combos = next;
        }
        return combos;
    }

    private List<Call> call(Endpoint e, Map<String, String> values, Actor actor) {
        String path = e.template();
        for (String p : e.pathParams()) {
            path = path.replaceAll("\\{" + p + "(?::[^}]*)?}",
                    java.util.regex.Matcher.quoteReplacement(enc(values.get(p)).replace("+", "%20")));
        }
        StringBuilder target = new StringBuilder(path);
        String sep = "?";
        for (String q : e.query()) {
            if (!values.containsKey(q)) {
                continue;
            }
            target.append(sep).append(enc(q)).append('=').append(enc(values.get(q)));
            sep = "&";
        }
        String method = e.method();
        if (!Set.of("POST", "PUT", "PATCH").contains(method)) {
            return List.of(new Call(e, method, target.toString(), null, null));
        }
        if (e.multipart()) {
            return List.of(multipart(e, target.toString(), values, actor));
        }
        if (!e.form().isEmpty() || !e.api()) {
            StringBuilder form = new StringBuilder();
            for (String f : e.form()) {
                form.append(form.isEmpty() ? "" : "&").append(enc(f)).append('=').append(enc(values.get(f)));
            }
            if (actor.csrf() != null) {
                form.append(form.isEmpty() ? "" : "&").append(CSRF_FIELD).append('=').append(enc(actor.csrf()));
            }
            return List.of(new Call(e, method, target.toString(), "application/x-www-form-urlencoded",
                    form.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return world.jsonBodies(path).stream().map(body -> new Call(e, method, target.toString(), "application/json",
                body.getBytes(StandardCharsets.UTF_8))).toList();
    }

    private Call multipart(Endpoint e, String target, Map<String, String> values, Actor actor) {
        String boundary = "isolation" + world.run;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> fields = new LinkedHashMap<>();
        e.form().forEach(f -> fields.put(f, values.get(f)));
        if (actor.csrf() != null) {
            fields.put(CSRF_FIELD, actor.csrf());
        }
        fields.forEach((name, value) -> {
            String disposition = "form-data; name=\"" + name + "\""
                    + ("file".equals(name) ? "; filename=\"upload.txt\"\r\nContent-Type: text/plain" : "");
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n\r\n" + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Call(e, e.method(), target, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        String flat = s == null ? "" : s.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
