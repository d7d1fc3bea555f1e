package no.samarbeidsportal.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
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
     * granted to it, another organisation's delegation to it as supplier, a certificate's subject organisation on
     * another organisation's key, and a customer named in another organisation's onbehalfof entry. An action by B
     * there changes B's data, not A's.
     */
    static final Set<String> NOT_OWNING = Set.of("scope_access.consumer_orgno", "delegation.supplier_orgno",
            "client_key.certificate_orgno", "on_behalf_of.orgno");
    private static final Set<String> IGNORED_TABLES = Set.of("databasechangelog", "databasechangeloglock");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Rows of the victim's that an action of the victim allowed another organisation to make; a snapshot is compared
     * without them.
     */
    interface Consent {

        /** No consent: every row of the victim's counts. */
        Consent NONE = rows -> rows;

        /** The snapshot without the consented rows. */
        Map<String, List<String>> without(Map<String, List<String>> rows);

        /** Both consents: what either allows is left out. */
        default Consent and(Consent other) {
            return rows -> other.without(without(rows));
        }
    }

    /**
     * Not a consent of A's but the supplier's own right (admin-api.md 2.5: "either side can end it; audited"): B steps
     * back from A. Left out are exactly: the end of an appointment of B by A ({@code ended}, {@code ended_by} on the
     * {@code supplier_appointment} row with {@code customer_orgno} A and {@code supplier_orgno} B; the row otherwise
     * compared as it was) and A's audit line {@code supplier.ended} about it. It takes no right from A and gives B none.
     */
    static Consent supplierStepsBack(String customer, String supplier) {
        return rows -> {
            Set<String> appointments = new HashSet<>();
            Map<String, List<String>> out = new TreeMap<>();
            for (String row : rows.getOrDefault("supplier_appointment", List.of())) {
                JsonNode a = parse(row);
                if (customer.equals(a.path("customer_orgno").asText())
                        && supplier.equals(a.path("supplier_orgno").asText())) {
                    appointments.add(a.path("id").asText());
                }
            }
            rows.forEach((table, list) -> {
                List<String> kept = new ArrayList<>();
                for (String row : list) {
                    JsonNode r = parse(row);
                    if ("supplier_appointment".equals(table) && appointments.contains(r.path("id").asText())) {
                        com.fasterxml.jackson.databind.node.ObjectNode o = r.deepCopy();
                        o.putNull("ended");
                        o.putNull("ended_by");
                        kept.add(o.toString());
                    } else if (!("audit_event".equals(table) && customer.equals(r.path("orgno").asText())
                            && "SupplierAppointment".equals(r.path("subject_type").asText())
                            && "supplier.ended".equals(r.path("action").asText())
                            && appointments.contains(r.path("subject_id").asText()))) {
                        kept.add(row);
                    }
                }
                kept.sort(null);
                if (!kept.isEmpty()) {
                    out.put(table, kept);
                }
            });
            return out;
        };
    }

    /**
     * The one consent of the isolation matrix (admin-api.md 2.5): customer A appointed supplier B without its own
     * scopes, so B may register clients for A. Exempt are exactly: {@code client} rows with {@code client_orgno} A,
     * {@code supplier_orgno} B, a non-empty list of scopes all in {@code usable} (what A may use through access lists,
     * {@code accessible_for_all} or delegation: never {@code idporten:*}, never A's own), and not one of A's own
     * clients; the {@code client_key} rows of those clients; and A's audit lines about those clients. Anything else
     * of A's (its own clients, a client of B's for A with any other scope, the appointment, A's other audit lines)
     * still counts.
     */
    static Consent suppliedClients(String customer, String supplier, Set<String> usable, Set<String> customersOwn) {
        return rows -> {
            Set<String> clientIds = new HashSet<>();
            Set<Long> ids = new HashSet<>();
            Map<String, List<String>> out = new TreeMap<>();
            for (String row : rows.getOrDefault("client", List.of())) {
                JsonNode c = parse(row);
                JsonNode scopes = c.path("scopes");
                boolean usableOnly = scopes.isArray() && !scopes.isEmpty();
                for (JsonNode s : scopes) {
                    usableOnly &= usable.contains(s.asText()) && !s.asText().startsWith("idporten:");
                }
                if (customer.equals(c.path("client_orgno").asText()) && supplier.equals(c.path("supplier_orgno")
                        .asText()) && usableOnly && !customersOwn.contains(c.path("client_id").asText())) {
                    clientIds.add(c.path("client_id").asText());
                    ids.add(c.path("id").asLong());
                }
            }
            rows.forEach((table, list) -> {
                List<String> kept = new ArrayList<>();
                for (String row : list) {
                    JsonNode r = parse(row);
                    boolean exempt = switch (table) {
                        case "client" -> clientIds.contains(r.path("client_id").asText())
                                && ids.contains(r.path("id").asLong());
                        case "client_key" -> ids.contains(r.path("client_id").asLong());
                        case "audit_event" -> customer.equals(r.path("orgno").asText())
                                && "Client".equals(r.path("subject_type").asText())
                                && clientIds.contains(r.path("subject_id").asText());
                        default -> false;
                    };
                    if (!exempt) {
                        kept.add(row);
                    }
                }
                if (!kept.isEmpty()) {
                    out.put(table, kept);
                }
            });
            return out;
        };
    }

    private static JsonNode parse(String row) {
        try {
            return JSON.readTree(row);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(row, e);
        }
    }

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
