package no.samarbeidsportal.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** Where the register copy stands: the one row of {@code register_state}. */
public record RegisterState(Instant fullLoadAt, Instant fullLoadStarted, Long enhetFeedId, Long underenhetFeedId,
        Instant lastSuccessAt, Instant lastFailureAt, String lastFailure, long units) {

    /** Whether the last run failed: its failure is newer than its last success. */
    public boolean failing() {
        return lastFailureAt != null && (lastSuccessAt == null || lastFailureAt.isAfter(lastSuccessAt));
    }

    Long feedId(RegisterKind kind) {
        return kind == RegisterKind.ENHET ? enhetFeedId : underenhetFeedId;
    }

    static RegisterState read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select full_load_at, full_load_started, enhet_feed_id, "
                + "underenhet_feed_id, last_success_at, last_failure_at, last_failure, units from register_state "
                + "where id = 1"); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return new RegisterState(null, null, null, null, null, null, null, 0);
            }
            return new RegisterState(instant(r, 1), instant(r, 2), (Long) r.getObject(3), (Long) r.getObject(4),
                    instant(r, 5), instant(r, 6), r.getString(7), r.getLong(8));
        }
    }

    static void fullLoad(Connection c, Instant started, Instant finished, long units) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update register_state set full_load_started = ?, "
                + "full_load_at = ?, enhet_feed_id = null, underenhet_feed_id = null, units = ? where id = 1")) {
            s.setTimestamp(1, Timestamp.from(started));
            s.setTimestamp(2, Timestamp.from(finished));
            s.setLong(3, units);
            s.executeUpdate();
        }
    }

    static void feedId(Connection c, RegisterKind kind, long id) throws SQLException {
        String column = kind == RegisterKind.ENHET ? "enhet_feed_id" : "underenhet_feed_id";
        try (PreparedStatement s = c.prepareStatement("update register_state set " + column + " = ? where id = 1")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    static void success(Connection c, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update register_state set last_success_at = ?, "
                + "units = (select count(*) from register_unit) where id = 1")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    static void failure(Connection c, Instant at, String message) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update register_state set last_failure_at = ?, "
                + "last_failure = ? where id = 1")) {
            s.setTimestamp(1, Timestamp.from(at));
            if (message == null) {
                s.setNull(2, Types.VARCHAR);
            } else {
                s.setString(2, message.length() > 2000 ? message.substring(0, 2000) : message);
            }
            s.executeUpdate();
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
