package no.samarbeidsportal.register;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A full load of the register: every unit of both downloads is written with PostgreSQL {@code COPY} into a new table,
 * which then replaces {@code register_unit}, all in the caller's transaction. Readers see the old copy until it
 * commits; a download that breaks off or does not parse rolls it back and the old copy stays. Indexes that
 * {@code register_unit} gets in a changeset must be made here too, as the table is made anew.
 */
final class BulkLoad {

    /** Where a full load reads its files from: the network, or a fixture on the classpath or disk. */
    interface Downloads {
        InputStream open(RegisterKind kind) throws IOException;
    }

    /** What one load wrote, per kind, and how many items it passed over for want of a number or a name. */
    record Loaded(Map<RegisterKind, Long> units, long skipped) {
        long total() {
            return units.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final String COPY = "COPY register_unit_load (orgno, name, org_form, parent_orgno, status, "
            + "deleted_on, registered_on, kind, updated_at) FROM STDIN";
    private static final int FLUSH_AT = 256 * 1024;

    private BulkLoad() {
    }

    /** Loads both kinds into a new table and puts it in place of the old one; the caller commits. */
    static Loaded replace(Connection c, Downloads downloads, Instant now) throws IOException, SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists register_unit_load");
            s.execute("create table register_unit_load (like register_unit including defaults including constraints)");
        }
        Map<RegisterKind, Long> units = new EnumMap<>(RegisterKind.class);
        long skipped = 0;
        for (RegisterKind kind : RegisterKind.values()) {
            long[] count = {0};
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try (InputStream in = downloads.open(kind)) {
                Rows rows = new Rows(copy);
                skipped += UnitReader.readArray(in, kind, now, unit -> {
                    rows.add(unit);
                    count[0]++;
                });
                rows.flush();
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            units.put(kind, count[0]);
        }
        if (units.values().stream().mapToLong(Long::longValue).sum() == 0) {
            // an empty download is a broken one: the register never shrinks to nothing
            throw new Enhetsregisteret.SourceFailure("the downloads hold no units");
        }
        try (Statement s = c.createStatement()) {
            s.execute("alter table register_unit_load add constraint register_unit_load_pkey primary key (orgno)");
            s.execute("drop table register_unit");
            s.execute("alter table register_unit_load rename to register_unit");
            s.execute("alter table register_unit rename constraint register_unit_load_pkey to register_unit_pkey");
            s.execute("analyze register_unit");
        }
        return new Loaded(units, skipped);
    }

    /** Units as rows of COPY's text format, sent in chunks so memory stays flat. */
    private static final class Rows {
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);

        Rows(CopyIn copy) {
            this.copy = copy;
        }

        void add(RegisterUnit u) {
            buffer.append(u.orgno()).append('\t');
            text(u.name());
            buffer.append('\t');
            text(u.orgForm());
            buffer.append('\t');
            text(u.parentOrgno());
            buffer.append('\t').append(u.status().name()).append('\t');
            buffer.append(u.deletedOn() == null ? "\\N" : u.deletedOn().toString()).append('\t');
            buffer.append(u.registeredOn() == null ? "\\N" : u.registeredOn().toString()).append('\t');
            buffer.append(u.kind().name()).append('\t').append(u.updatedAt().toString()).append('\n');
            if (buffer.length() >= FLUSH_AT) {
                flush();
            }
        }

        void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** COPY's text format: backslash, tab, newline and carriage return escaped, null as \N. */
        private void text(String value) {
            if (value == null) {
                buffer.append("\\N");
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(ch);
                }
            }
        }
    }
}
