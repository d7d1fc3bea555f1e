package no.samarbeidsportal.register;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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

    /**
     * FREEZE: the table is new in this transaction, so its rows can be written frozen (and all-visible): no reader
     * sees it before the commit, and nothing has to visit every page again afterwards to set hint bits.
     */
    private static final String COPY = "COPY register_unit_load (orgno, name, org_form, parent_orgno, status, "
            + "deleted_on, registered_on, kind) FROM STDIN WITH (FREEZE)";
    private static final int FLUSH_AT = 256 * 1024;

    private BulkLoad() {
    }

    /** Loads both kinds into a new table and puts it in place of the old one; the caller commits. */
    static Loaded replace(Connection c, Downloads downloads, Instant now) throws IOException, SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists register_unit_load");
            s.execute("create table register_unit_load (like register_unit including defaults including constraints)");
            // every row of a load has the same updated_at: the table's default while it loads, not a value per row
            s.execute("alter table register_unit_load alter column updated_at set default '" + now + "'");
        }
        Map<RegisterKind, Long> units = new EnumMap<>(RegisterKind.class);
        long skipped = 0;
        // each download is read and parsed on a thread of its own (parsing is most of the work), and this thread
        // writes what they make into one COPY: a few chunks in between, so memory stays flat
        BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(RegisterKind.values().length, r -> {
            Thread t = new Thread(r, "register-load-reader");
            t.setDaemon(true);
            return t;
        });
        Map<RegisterKind, Future<long[]>> reading = new EnumMap<>(RegisterKind.class);
        CopyIn copy = null;
        try {
            for (RegisterKind kind : RegisterKind.values()) {
                reading.put(kind, readers.submit(() -> read(downloads, kind, now, chunks, stop)));
            }
            copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            int open = reading.size();
            while (open > 0) {
                byte[] chunk = chunks.poll(100, TimeUnit.MILLISECONDS);
                if (chunk == END) {
                    open--;
                } else if (chunk != null) {
                    copy.writeToCopy(chunk, 0, chunk.length);
                }
                for (Future<long[]> r : reading.values()) {
                    if (r.isDone()) {
                        outcome(r); // a reader that failed fails the load now, not when the other one is done
                    }
                }
            }
            for (Map.Entry<RegisterKind, Future<long[]>> r : reading.entrySet()) {
                long[] read = outcome(r.getValue());
                units.put(r.getKey(), read[0]);
                skipped += read[1];
            }
            copy.endCopy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Enhetsregisteret.SourceFailure("interrupted loading the register");
        } finally {
            stop.set(true);
            readers.shutdownNow();
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        }
        if (units.values().stream().mapToLong(Long::longValue).sum() == 0) {
            // an empty download is a broken one: the register never shrinks to nothing
            throw new Enhetsregisteret.SourceFailure("the downloads hold no units");
        }
        try (Statement s = c.createStatement()) {
            s.execute("alter table register_unit_load alter column updated_at set default now()");
            // the key's sort in memory rather than in temporary files: this transaction only
            s.execute("set local maintenance_work_mem = '256MB'");
            s.execute("alter table register_unit_load add constraint register_unit_load_pkey primary key (orgno)");
            s.execute("drop table register_unit");
            s.execute("alter table register_unit_load rename to register_unit");
            s.execute("alter table register_unit rename constraint register_unit_load_pkey to register_unit_pkey");
            s.execute("analyze register_unit");
        }
        return new Loaded(units, skipped);
    }

    /** The end of one reader's rows. */
    private static final byte[] END = new byte[0];

    /** Reads one download into chunks of COPY rows; returns the units written and the items skipped. */
    private static long[] read(Downloads downloads, RegisterKind kind, Instant now, BlockingQueue<byte[]> chunks,
            AtomicBoolean stop) throws IOException, InterruptedException {
        long[] count = {0, 0};
        try (InputStream in = downloads.open(kind)) {
            Rows rows = new Rows(chunk -> put(chunks, chunk, stop));
            count[1] = UnitReader.readArray(in, kind, now, unit -> {
                rows.add(unit);
                count[0]++;
            });
            rows.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        put(chunks, END, stop);
        return count;
    }

    private static void put(BlockingQueue<byte[]> chunks, byte[] chunk, AtomicBoolean stop) {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (stop.get()) {
                    throw new UncheckedIOException(new IOException("the load was given up"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("the load was given up"));
        }
    }

    /** What a reader did, or what it failed with, thrown as it was. */
    private static long[] outcome(Future<long[]> reader) throws IOException, InterruptedException {
        try {
            return reader.get();
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

    /** Units as rows of COPY's text format, handed on in chunks so memory stays flat. */
    private static final class Rows {
        private final Consumer<byte[]> sink;
        private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);

        Rows(Consumer<byte[]> sink) {
            this.sink = sink;
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
            buffer.append(u.kind().name()).append('\n');
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
            sink.accept(bytes);
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
