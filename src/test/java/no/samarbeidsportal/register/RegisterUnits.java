package no.samarbeidsportal.register;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;

/** Rows in the register copy for a test, written and removed directly (a test cleans up what it adds). */
public final class RegisterUnits {

    private RegisterUnits() {
    }

    /** An active unit. */
    public static void add(String orgno, String name) {
        add(orgno, name, RegisterStatus.ACTIVE, null);
    }

    /** A unit with this status; a deleted one needs its date. */
    public static void add(String orgno, String name, RegisterStatus status, LocalDate deletedOn) {
        QuarkusTransaction.requiringNew().run(() -> em().createNativeQuery("""
                insert into register_unit (orgno, name, org_form, status, deleted_on, kind)
                values (?1, ?2, 'AS', ?3, ?4, 'ENHET')
                on conflict (orgno) do update set name = excluded.name, status = excluded.status,
                    deleted_on = excluded.deleted_on""").setParameter(1, orgno).setParameter(2, name)
                .setParameter(3, status.name()).setParameter(4, deletedOn).executeUpdate());
    }

    public static void remove(String... orgnos) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String orgno : orgnos) {
                em().createNativeQuery("delete from register_unit where orgno = ?1").setParameter(1, orgno)
                        .executeUpdate();
            }
        });
    }

    private static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }
}
