package no.samarbeidsportal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import io.quarkus.arc.Arc;

/**
 * The organisations and people the tests act as, created once per run (idempotent):
 * <ul>
 * <li>A {@value #ORG_A} "Org A AS", prefix {@code alfa}; anna is its administrator and API administrator</li>
 * <li>B {@value #ORG_B} "Org B AS", prefix {@code beta}; bert is its administrator</li>
 * <li>"platform" is the platform administrator and integration administrator in A and B; "nina" has no role; "ivar" is only an integration
 * administrator in A</li>
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
            em.createNativeQuery("""
                    insert into scope_prefix (prefix, orgno) values ('alfa', '310000019'), ('beta', '310000027')
                    on conflict do nothing""").executeUpdate();
        });
    }
}
