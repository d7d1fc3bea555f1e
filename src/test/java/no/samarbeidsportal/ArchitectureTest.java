package no.samarbeidsportal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.web.Router;
import jakarta.inject.Named;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code (house style R3, R8, R15): packages depend one way, from the base through the features to the
 * pages that gather several, and resources stay thin.
 */
class ArchitectureTest {

    private static final String ROOT = "no.samarbeidsportal";

    /**
     * Every package, lowest first: a package may use those before it, never one after it. A new package has to be
     * placed here, which is where its layer is decided.
     */
    static final List<String> LAYERS = List.of(
            // the base every feature stands on
            "system.database", "system", "identity", "audit", "register", "notices", "webhooks",
            // features, each using only those above it in this list
            "scopes.prefixes", "scopes", "scopes.cloudtrust", "access", "access.requests", "clients", "keys", "delegations",
            "setup",
            "token.signing", "token", "token.admin", "login", "orgs",
            // pages that gather from several features
            "history", "dashboard");

    /**
     * Request-scoped beans that carry layout data to every template (R8); no other bean is reachable from one.
     * {@code pending} is the menu's count of requests waiting for the person's decision (dashboard/PendingWork).
     */
    static final Set<String> TEMPLATE_BEANS = Set.of("actor", "page", "flash", "csrf", "pending");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void everyPackageHasAPlaceInTheLayers() {
        classes().that().resideOutsideOfPackage(ROOT).should().resideInAnyPackage(
                LAYERS.stream().map(p -> ROOT + "." + p).toArray(String[]::new))
                .because("a new package must take its place in LAYERS").check(MAIN);
    }

    @Test
    void packagesDependOneWay() {
        checkOneWay(LAYERS);
    }

    @Test
    void theLayerCheckSeesDependencies() {
        // the same check on the layers turned upside down must fail, or the check above proves nothing
        List<String> upsideDown = new ArrayList<>(LAYERS);
        java.util.Collections.reverse(upsideDown);
        assertThrows(AssertionError.class, () -> checkOneWay(upsideDown));
    }

    private static void checkOneWay(List<String> layers) {
        for (int i = 0; i < layers.size() - 1; i++) {
            List<String> above = layers.subList(i + 1, layers.size());
            noClasses().that().resideInAPackage(ROOT + "." + layers.get(i)).should()
                    .dependOnClassesThat().resideInAnyPackage(above.stream().map(p -> ROOT + "." + p)
                            .toArray(String[]::new))
                    .because(layers.get(i) + " is below " + String.join(", ", above))
                    .check(MAIN);
        }
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void resourcesHoldNoRules() {
        classes().that(areResources()).should(stayThin()).check(MAIN);
    }

    @Test
    void noServiceIsNamedForTemplates() {
        noClasses().that().haveSimpleNameEndingWith("Service").should().beAnnotatedWith(Named.class)
                .because("a template shows what its page resource handed it (R15)").check(MAIN);
        classes().that().areAnnotatedWith(Named.class).should(haveATemplateBeanName()).check(MAIN);
    }

    @Test
    void templatesInjectOnlyLayoutData() throws IOException {
        Pattern inject = Pattern.compile("inject:([A-Za-z0-9_]+)");
        Set<String> found = new TreeSet<>();
        List<String> offending = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(Paths.get("src/main/resources/templates"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = inject.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1));
                    if (!TEMPLATE_BEANS.contains(m.group(1))) {
                        offending.add(file + ": inject:" + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), offending, "templates reach beans other than " + TEMPLATE_BEANS);
        assertEquals(true, found.contains("actor"), "the scan found the templates");
    }

    private static DescribedPredicate<JavaClass> areResources() {
        return DescribedPredicate.describe("are resources (JAX-RS, or routes added to the Vert.x router)", c -> c.isAnnotatedWith(Path.class)
                || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(Path.class) || m.isAnnotatedWith(GET.class)
                        || m.isAnnotatedWith(POST.class) || m.isAnnotatedWith(PUT.class)
                        || m.isAnnotatedWith(DELETE.class) || m.isAnnotatedWith(PATCH.class)
                        || m.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(Router.class))));
    }

    /** R3: a resource binds input, calls a service, chooses a representation; the service owns the rest. */
    private static ArchCondition<JavaClass> stayThin() {
        return new ArchCondition<>("run no Panache query, open no transaction and build no entity") {
            @Override
            public void check(JavaClass resource, ConditionEvents events) {
                if (resource.isAnnotatedWith(Transactional.class)) {
                    events.add(SimpleConditionEvent.violated(resource, resource.getName() + " is @Transactional"));
                }
                for (JavaMethod method : resource.getMethods()) {
                    if (method.isAnnotatedWith(Transactional.class)) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " is @Transactional"));
                    }
                }
                for (JavaCodeUnit unit : resource.getCodeUnits()) {
                    for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                        JavaClass target = access.getTargetOwner();
                        String what = null;
                        if (target.isAssignableTo(PanacheEntityBase.class) && !access.getName().equals("<init>")
                                && (isPanacheOperation(access.getName()) || isStatic(access))) {
                            what = "queries through " + target.getSimpleName() + "." + access.getName();
                        } else if (target.isAnnotatedWith(Entity.class) && access.getName().equals("<init>")) {
                            what = "builds the entity " + target.getSimpleName();
                        } else if (target.isAssignableTo(QuarkusTransaction.class)
                                || target.isAssignableTo(UserTransaction.class)
                                || target.isAssignableTo(EntityManager.class)
                                || target.getPackageName().startsWith("io.quarkus.hibernate.orm.panache")) {
                            what = "uses " + target.getSimpleName() + "." + access.getName();
                        }
                        if (what != null) {
                            events.add(SimpleConditionEvent.violated(access, unit.getFullName() + " " + what
                                    + " (" + access.getSourceCodeLocation() + ")"));
                        }
                    }
                }
            }
        };
    }

    private static boolean isStatic(JavaAccess<?> access) {
        return access.getTarget() instanceof com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget target
                && target.resolveMember().map(m -> m.getModifiers().contains(JavaModifier.STATIC)).orElse(false);
    }

    private static boolean isPanacheOperation(String name) {
        return Set.of("find", "findAll", "findById", "findByIdOptional", "list", "listAll", "stream", "streamAll",
                "count", "delete", "deleteAll", "deleteById", "update", "persist", "persistAndFlush", "flush",
                "getEntityManager", "isPersistent").contains(name);
    }

    private static ArchCondition<JavaClass> haveATemplateBeanName() {
        return new ArchCondition<>("be one of the layout beans " + TEMPLATE_BEANS) {
            @Override
            public void check(JavaClass bean, ConditionEvents events) {
                String name = bean.getAnnotationOfType(Named.class).value();
                if (!TEMPLATE_BEANS.contains(name)) {
                    events.add(SimpleConditionEvent.violated(bean, bean.getName() + " is @Named(\"" + name
                            + "\") for templates"));
                }
            }
        };
    }
}
