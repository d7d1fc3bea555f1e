package no.samarbeidsportal;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

/**
 * The organisations and people the tests act as, created once per run (idempotent):
 * <ul>
 * <li>A {@value #ORG_A} "Org A AS", prefix {@code alfa}; anna is its administrator and API administrator</li>
 * <li>B {@value #ORG_B} "Org B AS", prefix {@code beta}; bert is its administrator</li>
 * <li>"platform" is the platform administrator and integration administrator in A and B; "nina" has no role; "ivar" is only an integration
 * administrator in A</li>
 * <li>A and B have appointed {@value #SUPPLIER} "Leverandør AS" their supplier (admin-api.md 2.5), as the demo's
 * Testbedrift has; tests of appointing itself use {@link #freshOrganisation(String)}s</li>
 * </ul>
 */
public final class TestData {

    public static final String ORG_A = "310000019";
    public static final String ORG_B = "310000027";
    /** A supplier: lars has the supplier role there. */
    public static final String SUPPLIER = "310000140";
    /** Valid numbers no test data uses; each test that registers or looks one up has its own. */
    public static final String[] FREE = {"310000035", "310000043", "310000051", "310000078", "310000086",
            "310000108", "310000116", "310000124"};

    private TestData() {
    }

    public static void ensure() {
        QuarkusTransaction.requiringNew().run(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            em.createNativeQuery("""
                    insert into organisation (orgno, name) values ('310000019', 'Org A AS'), ('310000027', 'Org B AS'),
                    ('310000140', 'Leverandør AS')
                    on conflict do nothing""").executeUpdate();
            em.createNativeQuery("""
                    insert into person (subject, name, platform_admin) values ('platform', 'Petra Plattform', true),
                    ('anna', 'Anna A', false), ('bert', 'Bert B', false), ('nina', 'Nina Ingen', false),
                    ('ivar', 'Ivar Integrasjon', false), ('lars', 'Lars Leverandør', false)
                    on conflict do nothing""").executeUpdate();
            em.createNativeQuery("""
                    insert into membership (person_id, orgno, role, granted_by)
                    select p.id, m.orgno, m.role, 'test' from person p join (values
                      ('anna', '310000019', 'ORG_ADMIN'), ('anna', '310000019', 'API_ADMIN'),
                      ('bert', '310000027', 'ORG_ADMIN'), ('bert', '310000027', 'API_ADMIN'),
                      ('ivar', '310000019', 'INTEGRATION_ADMIN'), ('lars', '310000140', 'SUPPLIER'),
                      ('platform', '310000019', 'INTEGRATION_ADMIN'), ('platform', '310000027', 'INTEGRATION_ADMIN')
                    ) as m (subject, orgno, role) on m.subject = p.subject
                    on conflict do nothing""").executeUpdate();
            // each test starts with its people acting for their first organisation, whatever a switch remembered
            em.createNativeQuery("""
                    update person set last_orgno = null
                    where subject in ('platform', 'anna', 'bert', 'nina', 'ivar', 'lars')""").executeUpdate();
            em.createNativeQuery("""
                    insert into scope_prefix (prefix, orgno) values ('alfa', '310000019'), ('beta', '310000027')
                    on conflict do nothing""").executeUpdate();
            em.createNativeQuery("""
                    insert into supplier_appointment (customer_orgno, supplier_orgno, created_by)
                    values ('310000019', '310000140', 'test'), ('310000027', '310000140', 'test')
                    on conflict do nothing""").executeUpdate();
        });
    }

    /** A new organisation with a valid, unused number, registered in the portal (no people, no prefix). */
    public static String freshOrganisation(String name) {
        String orgno;
        do {
            orgno = validOrgno(39_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(999_999));
        } while (orgno == null);
        String chosen = orgno;
        QuarkusTransaction.requiringNew().run(() -> Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("insert into organisation (orgno, name) values (?1, ?2) on conflict do nothing")
                .setParameter(1, chosen).setParameter(2, name).executeUpdate());
        return orgno;
    }

    /** A valid number that no organisation in the portal has: a number no register knows. */
    public static String unknownOrgno() {
        for (;;) {
            String orgno = validOrgno(38_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(999_999));
            if (orgno != null && QuarkusTransaction.requiringNew().call(() -> Arc.container()
                    .instance(EntityManager.class).get().createNativeQuery("select count(*) from organisation "
                            + "where orgno = ?1").setParameter(1, orgno).getSingleResult()).toString().equals("0")) {
                return orgno;
            }
        }
    }

    /** The 8 digits with their MOD11 check digit, or null when there is none. */
    private static String validOrgno(int first8) {
        int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
        String digits = String.format("%08d", first8);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? null : digits + (check == 11 ? 0 : check);
    }
}
