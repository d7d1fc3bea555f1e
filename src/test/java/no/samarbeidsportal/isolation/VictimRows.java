package no.samarbeidsportal.isolation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * One organisation's rows in every table, read straight from PostgreSQL. The tables and the way a row belongs to the
 * organisation come from the catalogue, not from a list: a row is the organisation's when one of its organisation
 * columns ({@code orgno}, {@code *_orgno}) names it, or when a foreign key leads to a row that is the organisation's
 * (a scope's access entries, a client's keys, scopes under its prefix). So a table added later is watched too.
 */
final class VictimRows {

    /**
     * Columns that name an organisation without making the row that organisation's: another organisation's scope
     * granted to it, another organisation's delegation to it as supplier, and a certificate's subject organisation on
     * another organisation's key. An action by B there changes B's data, not A's.
     */
    static final Set<String> NOT_OWNING = Set.of("scope_access.consumer_orgno", "delegation.supplier_orgno",
            "client_key.certificate_orgno");
    private static final Set<String> IGNORED_TABLES = Set.of("databasechangelog", "databasechangeloglock");

    private final DataSource db;
    private final String orgno;
    private final String query;

    VictimRows(DataSource db, String orgno) {
        this.db = db;
        this.orgno = orgno;
        this.query = buildQuery();
    }

    /** Table name to the sorted JSON of each of the organisation's rows in it. */
    Map<String, List<String>> snapshot() {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            int n = (int) query.chars().filter(ch -> ch == '?').count();
            for (int i = 1; i <= n; i++) {
                s.setString(i, orgno);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        rows.values().forEach(l -> l.sort(null));
        return rows;
    }

    /** The tables watched, for the report. */
    Set<String> tables() {
        return clauses().keySet();
    }

    /** What differs between two snapshots, or null when nothing does. */
    static String difference(Map<String, List<String>> before, Map<String, List<String>> after) {
        if (before.equals(after)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Set<String> tables = new TreeSet<>(before.keySet());
        tables.addAll(after.keySet());
        for (String t : tables) {
            List<String> b = before.getOrDefault(t, List.of());
            List<String> a = after.getOrDefault(t, List.of());
            if (b.equals(a)) {
                continue;
            }
            List<String> gone = new ArrayList<>(b);
            gone.removeAll(a);
            List<String> added = new ArrayList<>(a);
            added.removeAll(b);
            out.append(t).append(": ");
            gone.forEach(g -> out.append("\n      - ").append(clip(g)));
            added.forEach(g -> out.append("\n      + ").append(clip(g)));
        }
        return out.toString();
    }

    /** The table names that differ. */
    static Set<String> changedTables(Map<String, List<String>> before, Map<String, List<String>> after) {
        Set<String> tables = new TreeSet<>(before.keySet());
        tables.addAll(after.keySet());
        tables.removeIf(t -> before.getOrDefault(t, List.of()).equals(after.getOrDefault(t, List.of())));
        return tables;
    }

    private static String clip(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    private String buildQuery() {
        List<String> parts = new ArrayList<>();
        clauses().forEach((table, where) -> parts.add("select '" + table + "', row_to_json(" + table + ")::text from " + table
                + " where " + where));
        return String.join("\nunion all\n", parts);
    }

    private Map<String, String> clauses() {
        Map<String, List<String>> orgColumns = new TreeMap<>();
        Map<String, List<String[]>> foreignKeys = new TreeMap<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    select c.table_name, c.column_name from information_schema.columns c
                    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                      and (c.column_name = 'orgno' or c.column_name like '%\\_orgno')
                    order by 1, 2""");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String table = r.getString(1);
                    if (!IGNORED_TABLES.contains(table) && !NOT_OWNING.contains(table + "." + r.getString(2))) {
                        orgColumns.computeIfAbsent(table, k -> new ArrayList<>()).add(r.getString(2));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select cl.relname, a.attname, rcl.relname, ra.attname
                    from pg_constraint k
                    join pg_class cl on cl.oid = k.conrelid join pg_namespace n on n.oid = cl.relnamespace
                    join pg_class rcl on rcl.oid = k.confrelid
                    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
                    join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = k.confkey[1]
                    where k.contype = 'f' and n.nspname = current_schema() and cardinality(k.conkey) = 1
                    order by 1, 2""");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    foreignKeys.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                            .add(new String[] {r.getString(2), r.getString(3), r.getString(4)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Set<String> tables = new TreeSet<>(orgColumns.keySet());
        tables.addAll(foreignKeys.keySet());
        Map<String, String> clauses = new LinkedHashMap<>();
        for (String t : tables) {
            String where = clause(t, orgColumns, foreignKeys, 3);
            if (where != null) {
                clauses.put(t, where);
            }
        }
        return clauses;
    }

    /** The condition that picks the organisation's rows of {@code table}; null when none can be its. */
    private static String clause(String table, Map<String, List<String>> orgColumns,
            Map<String, List<String[]>> foreignKeys, int depth) {
        if (IGNORED_TABLES.contains(table)) {
            return null;
        }
        List<String> ors = new ArrayList<>();
        for (String col : orgColumns.getOrDefault(table, List.of())) {
            ors.add(table + "." + col + " = ?");
        }
        if (depth > 0) {
            for (String[] fk : foreignKeys.getOrDefault(table, List.of())) {
                if (fk[1].equals(table)) {
                    continue;
                }
                String inner = clause(fk[1], orgColumns, foreignKeys, depth - 1);
                if (inner != null) {
                    ors.add(table + "." + fk[0] + " in (select " + fk[1] + "." + fk[2] + " from " + fk[1]
                            + " where " + inner + ")");
                }
            }
        }
        return ors.isEmpty() ? null : "(" + String.join(" or ", ors) + ")";
    }
}
