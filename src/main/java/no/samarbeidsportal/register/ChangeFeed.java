package no.samarbeidsportal.register;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import no.samarbeidsportal.register.Enhetsregisteret.Change;
import no.samarbeidsportal.register.Enhetsregisteret.Lookup;

/**
 * Applies Enhetsregisteret's change feed to the copy, page by page from the last {@code oppdateringsid} applied, in the
 * caller's transaction. A changed unit is looked up as it is now ({@code Ny}, {@code Endring}, {@code Sletting}
 * alike: a deleted unit answers with its {@code slettedato}), a hundred at a time through the search; {@code Fjernet},
 * 404 and 410 take it out of the copy, as the register no longer knows the number.
 */
final class ChangeFeed {

    /** What one run applied to one kind. */
    record Applied(int changes, int upserted, int removed, Long lastId, Map<String, Integer> byType) {
    }

    private static final String UPSERT = "insert into register_unit (orgno, name, org_form, parent_orgno, status, "
            + "deleted_on, registered_on, kind, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (orgno) do "
            + "update set name = excluded.name, org_form = excluded.org_form, parent_orgno = excluded.parent_orgno, "
            + "status = excluded.status, deleted_on = excluded.deleted_on, registered_on = excluded.registered_on, "
            + "kind = excluded.kind, updated_at = excluded.updated_at";

    private ChangeFeed() {
    }

    static Applied apply(Connection c, Enhetsregisteret source, RegisterKind kind, RegisterState state,
            RegisterConfig config) throws IOException, SQLException {
        Long lastId = state.feedId(kind);
        Instant since = state.fullLoadStarted();
        int changes = 0;
        int upserted = 0;
        int removed = 0;
        Map<String, Integer> byType = new TreeMap<>();
        while (changes < config.maxChangesPerRun()) {
            List<Change> page = source.changes(kind, lastId == null ? null : lastId + 1, since, config.pageSize());
            if (page.isEmpty()) {
                break;
            }
            // the latest change of a number in the page decides; the lookup answers its state now anyway
            Map<String, Change> latest = new LinkedHashMap<>();
            for (Change change : page) {
                latest.put(change.orgno(), change);
                byType.merge(change.type(), 1, Integer::sum);
                lastId = lastId == null ? change.id() : Math.max(lastId, change.id());
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
            upserted += upsert(c, found);
            removed += remove(c, gone);
            changes += page.size();
            RegisterState.feedId(c, kind, lastId);
            if (page.size() < config.pageSize()) {
                break;
            }
        }
        return new Applied(changes, upserted, removed, lastId, byType);
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

    static int upsert(Connection c, List<RegisterUnit> units) throws SQLException {
        if (units.isEmpty()) {
            return 0;
        }
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (RegisterUnit u : units) {
                s.setString(1, u.orgno());
                s.setString(2, u.name());
                s.setString(3, u.orgForm());
                s.setString(4, u.parentOrgno());
                s.setString(5, u.status().name());
                s.setObject(6, u.deletedOn() == null ? null : Date.valueOf(u.deletedOn()), Types.DATE);
                s.setObject(7, u.registeredOn() == null ? null : Date.valueOf(u.registeredOn()), Types.DATE);
                s.setString(8, u.kind().name());
                s.setTimestamp(9, Timestamp.from(u.updatedAt()));
                s.addBatch();
            }
            s.executeBatch();
        }
        return units.size();
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
