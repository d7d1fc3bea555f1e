package no.samarbeidsportal.token;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Holds the database backends listening on {@code token_change} (this instance's change listener) with SIGSTOP, so no
 * announcement reaches the instance while a test makes its changes; the listener keeps its connection, so the
 * decision cache stays on. {@link #close} lets them go on.
 */
final class HeldListeners implements AutoCloseable {

    private final List<Long> pids;

    private HeldListeners(List<Long> pids) {
        this.pids = pids;
    }

    static HeldListeners hold(DataSource dataSource) throws Exception {
        List<Long> pids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select pid from pg_stat_activity where application_name = ?")) {
            s.setString(1, TokenChangeListener.APPLICATION_NAME);
            ResultSet r = s.executeQuery();
            while (r.next()) {
                pids.add(r.getLong(1));
            }
        }
        assertFalse(pids.isEmpty(), "no backend is listening on token_change");
        signal("-STOP", pids);
        return new HeldListeners(pids);
    }

    @Override
    public void close() throws Exception {
        signal("-CONT", pids);
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        for (long pid : pids) {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            kill.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
