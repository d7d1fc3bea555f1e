package no.samarbeidsportal.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;

/**
 * The portal's copy of Enhetsregisteret, read-only: names and statuses for organisation numbers wherever a person sees
 * one, and the copy's state for the platform administrator. A portal without a register finds nothing and works on.
 */
@ApplicationScoped
public class RegisterService {

    private static final String COLUMNS = "orgno, name, org_form, parent_orgno, status, deleted_on, registered_on, "
            + "kind, updated_at";

    private final DataSource dataSource;
    private final Actor actor;
    private final Audit audit;
    private final RegisterJob job;

    RegisterService(DataSource dataSource, Actor actor, Audit audit, RegisterJob job) {
        this.dataSource = dataSource;
        this.actor = actor;
        this.audit = audit;
        this.job = job;
    }

    /** The register's unit with this number, if the copy has it. */
    public Optional<RegisterUnit> find(String orgno) {
        if (orgno == null || !orgno.matches("[0-9]{9}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(findAll(java.util.List.of(orgno)).get(orgno));
    }

    /** The units the copy has among these numbers, by number, in one query; numbers it lacks are left out. */
    public Map<String, RegisterUnit> findAll(Collection<String> orgnos) {
        Map<String, RegisterUnit> found = new HashMap<>();
        String[] wanted = orgnos.stream().filter(o -> o != null && o.matches("[0-9]{9}")).distinct()
                .toArray(String[]::new);
        if (wanted.length == 0) {
            return found;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from register_unit "
                        + "where orgno = any (?)")) {
            s.setArray(1, c.createArrayOf("bpchar", wanted));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    RegisterUnit u = unit(r);
                    found.put(u.orgno(), u);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Whether the copy holds any unit at all; a portal that never loaded the register has none. */
    public boolean holdsUnits() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select exists (select 1 from register_unit)");
                ResultSet r = s.executeQuery()) {
            return r.next() && r.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One unit for the admin API; readable with any admin scope that reads scopes or clients, as it is open data. A
     * number that is not nine digits is a 400, as for the consumer numbers of admin-api.md 5.
     */
    public RegisterUnit unit(String orgno) {
        actor.requireLogin();
        if (!actor.isPlatformAdmin() && !actor.may(Permission.SCOPES_READ) && !actor.may(Permission.CLIENTS_READ)) {
            throw new Forbidden("error.forbidden.permission", Permission.SCOPES_READ.messageKey());
        }
        // nine digits only, not MOD11: the register is the authority on which numbers exist
        if (orgno == null || !orgno.matches("[0-9]{9}")) {
            throw InvalidInput.of("RegisterUnit", "orgno", "orgno.digits");
        }
        return find(orgno).orElseThrow(() -> new NotFound("error.not-found.register-unit"));
    }

    /** Where the copy stands; the platform administrator's. */
    public RegisterState state() {
        actor.require(Permission.PLATFORM_ADMIN);
        try (Connection c = dataSource.getConnection()) {
            return RegisterState.read(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts an update of the copy at once, in the background; the platform administrator's, and audited. */
    @Transactional
    public RegisterState requestUpdate() {
        actor.require(Permission.PLATFORM_ADMIN);
        audit.record(null, AuditAction.REGISTER_UPDATE_REQUESTED, AuditSubject.register(), null, null);
        job.runSoon();
        try (Connection c = dataSource.getConnection()) {
            return RegisterState.read(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RegisterUnit unit(ResultSet r) throws SQLException {
        java.sql.Date deleted = r.getDate(6);
        java.sql.Date registered = r.getDate(7);
        Timestamp updated = r.getTimestamp(9);
        return new RegisterUnit(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                RegisterStatus.valueOf(r.getString(5)), deleted == null ? null : deleted.toLocalDate(),
                registered == null ? null : registered.toLocalDate(), RegisterKind.valueOf(r.getString(8)),
                updated.toInstant());
    }
}
