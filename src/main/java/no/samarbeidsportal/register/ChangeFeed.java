package no.samarbeidsportal.register;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import no.samarbeidsportal.register.Enhetsregisteret.Change;
import no.samarbeidsportal.register.Enhetsregisteret.Lookup;

/**
 * Applies Enhetsregisteret's change feed to the copy, page by page from the last {@code oppdateringsid} applied: each
 * page with its new {@code oppdateringsid} in a short transaction of its own, so a run that breaks off keeps the pages
 * it applied and the next run goes on from there, and no page is ever half-written. While one page is written, the
 * next is fetched and its units looked up. A changed unit is looked up as it is now ({@code Ny}, {@code Endring},
 * {@code Sletting} alike: a deleted unit answers with its {@code slettedato}), a hundred at a time through the search;
 * {@code Fjernet}, 404 and 410 take it out of the copy, as the register no longer knows the number.
 */
final class ChangeFeed {

    /** What one run applied to one kind. */
    record Applied(int changes, int upserted, int removed, Long lastId, Map<String, Integer> byType) {
    }

    /** Runs one page's writes in a transaction of its own and commits it. */
    interface Transactions {
        void inTransaction(Write write) throws SQLException;
    }

    /** Writes on the connection of the transaction. */
    interface Write {
        void to(Connection c) throws SQLException;
    }

    /** What the run has applied (committed) so far, also when a later page fails. */
    static final class Progress {
        private int changes;
        private int upserted;
        private int removed;
        private Long lastId;
        private final Map<String, Integer> byType = new TreeMap<>();

        Applied applied() {
            return new Applied(changes, upserted, removed, lastId, Map.copyOf(byType));
        }
    }

    /** One page of the feed with its units as they are now, not yet written. */
    private record Fetched(List<Change> page, Long lastId, List<RegisterUnit> found, List<String> gone) {
    }

    /** One statement per page: the units' columns as text arrays, unnested and upserted. */
    private static final String UPSERT = "insert into register_unit (orgno, name, org_form, parent_orgno, status, "
            + "deleted_on, registered_on, kind, updated_at) select o, n, f, p, s, d::date, r::date, k, "
            + "u::timestamptz from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[]) as t(o, n, f, p, s, d, r, k, u) "
            + "on conflict (orgno) do update set name = excluded.name, org_form = excluded.org_form, "
            + "parent_orgno = excluded.parent_orgno, status = excluded.status, deleted_on = excluded.deleted_on, "
            + "registered_on = excluded.registered_on, kind = excluded.kind, updated_at = excluded.updated_at";

    private ChangeFeed() {
    }

    /** Applies the feed of one kind; {@code progress} holds what was committed, whatever is thrown. */
    static Applied apply(Transactions tx, Enhetsregisteret source, RegisterKind kind, RegisterState state,
            RegisterConfig config, Progress progress) throws IOException, SQLException {
        Instant since = state.fullLoadStarted();
        ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "register-feed-ahead");
            t.setDaemon(true);
            return t;
        });
        try {
            Fetched current = fetch(source, kind, state.feedId(kind), since, config);
            while (!current.page().isEmpty()) {
                boolean more = current.page().size() >= config.pageSize()
                        && progress.changes + current.page().size() < config.maxChangesPerRun();
                Long from = current.lastId();
                Future<Fetched> next = more ? ahead.submit(() -> fetch(source, kind, from, since, config)) : null;
                Fetched page = current;
                int[] written = new int[2];
                tx.inTransaction(c -> {
                    written[0] = upsert(c, page.found());
                    written[1] = remove(c, page.gone());
                    RegisterState.feedId(c, kind, page.lastId());
                });
                progress.changes += page.page().size();
                progress.upserted += written[0];
                progress.removed += written[1];
                progress.lastId = page.lastId();
                page.page().forEach(ch -> progress.byType.merge(ch.type(), 1, Integer::sum));
                if (next == null) {
                    break;
                }
                current = await(next);
            }
            return progress.applied();
        } finally {
            ahead.shutdownNow();
        }
    }

    private static Fetched await(Future<Fetched> next) throws IOException {
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Enhetsregisteret.SourceFailure("interrupted fetching the change feed");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** One page from {@code lastId + 1} on (or from {@code since} with no id yet) and its units as they are now. */
    private static Fetched fetch(Enhetsregisteret source, RegisterKind kind, Long lastId, Instant since,
            RegisterConfig config) throws IOException {
        List<Change> page = source.changes(kind, lastId == null ? null : lastId + 1, since, config.pageSize());
        // the latest change of a number in the page decides; the lookup answers its state now anyway
        Map<String, Change> latest = new LinkedHashMap<>();
        Long last = lastId;
        for (Change change : page) {
            latest.put(change.orgno(), change);
            last = last == null ? change.id() : Math.max(last, change.id());
        }
        List<String> gone = new ArrayList<>();
        List<String> lookUp = new ArrayList<>();
        latest.values().forEach(ch -> (ch.type().equals("Fjernet") ? gone : lookUp).add(ch.orgno()));
        List<RegisterUnit> found = new ArrayList<>();
        for (Lookup lookup : lookUp(source, kind, lookUp, config.parallelLookups())) {
            if (lookup.unit() == null) {
                gone.add(lookup.orgno());
            } else {
                found.add(lookup.unit());
            }
        }
        return new Fetched(page, last, found, gone);
    }

    /** Numbers asked for in one search request: its query stays about a kilobyte. */
    static final int SEARCH_BATCH = 100;

    /**
     * The units as they are now: searched for a hundred numbers at a time, and each number the search leaves out
     * (deleted, removed, or not yet searchable) looked up by itself, so 404 and 410 decide about those.
     */
    private static List<Lookup> lookUp(Enhetsregisteret source, RegisterKind kind, List<String> orgnos, int parallel)
            throws IOException {
        Map<String, RegisterUnit> found = new java.util.HashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>(orgnos);
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < orgnos.size(); i += SEARCH_BATCH) {
            batches.add(orgnos.subList(i, Math.min(orgnos.size(), i + SEARCH_BATCH)));
        }
        for (List<RegisterUnit> units : inParallel(batches, b -> source.search(kind, b), parallel)) {
            units.stream().filter(u -> wanted.contains(u.orgno())).forEach(u -> found.put(u.orgno(), u));
        }
        List<String> missing = orgnos.stream().filter(o -> !found.containsKey(o)).toList();
        List<Lookup> lookups = new ArrayList<>(orgnos.size());
        found.values().forEach(u -> lookups.add(new Lookup(u.orgno(), u)));
        lookups.addAll(inParallel(missing, o -> source.lookup(kind, o), parallel));
        return lookups;
    }

    private static <I, O> List<O> inParallel(List<I> inputs, java.util.function.Function<I, CompletableFuture<O>> call,
            int parallel) throws IOException {
        Semaphore permits = new Semaphore(Math.max(1, parallel));
        List<CompletableFuture<O>> pending = new ArrayList<>(inputs.size());
        try {
            for (I input : inputs) {
                permits.acquire();
                pending.add(call.apply(input).whenComplete((r, e) -> permits.release()));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Enhetsregisteret.SourceFailure("interrupted looking up changed units");
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new Enhetsregisteret.SourceFailure(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** Writes the units in one statement: the arrays of their columns, unnested and upserted. */
    static int upsert(Connection c, List<RegisterUnit> units) throws SQLException {
        if (units.isEmpty()) {
            return 0;
        }
        int n = units.size();
        String[][] columns = new String[9][n];
        for (int i = 0; i < n; i++) {
            RegisterUnit u = units.get(i);
            columns[0][i] = u.orgno();
            columns[1][i] = u.name();
            columns[2][i] = u.orgForm();
            columns[3][i] = u.parentOrgno();
            columns[4][i] = u.status().name();
            columns[5][i] = u.deletedOn() == null ? null : u.deletedOn().toString();
            columns[6][i] = u.registeredOn() == null ? null : u.registeredOn().toString();
            columns[7][i] = u.kind().name();
            columns[8][i] = u.updatedAt().toString();
        }
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (int col = 0; col < columns.length; col++) {
                s.setArray(col + 1, c.createArrayOf("text", columns[col]));
            }
            s.executeUpdate();
        }
        return n;
    }

    private static int remove(Connection c, List<String> orgnos) throws SQLException {
        if (orgnos.isEmpty()) {
            return 0;
        }
        try (PreparedStatement s = c.prepareStatement("delete from register_unit where orgno = any (?)")) {
            s.setArray(1, c.createArrayOf("bpchar", orgnos.toArray()));
            return s.executeUpdate();
        }
    }
}
