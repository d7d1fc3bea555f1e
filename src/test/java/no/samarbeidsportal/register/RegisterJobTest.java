package no.samarbeidsportal.register;

import static no.samarbeidsportal.register.RegisterFixtures.change;
import static no.samarbeidsportal.register.RegisterFixtures.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import no.samarbeidsportal.audit.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The register copy against a local stand-in for Brønnøysund's API serving its formats, gzip included. */
@QuarkusTest
class RegisterJobTest {

    @Inject
    RegisterJob job;

    @Inject
    RegisterService register;

    @Inject
    DataSource dataSource;

    @Inject
    jakarta.enterprise.event.Event<RegisterUpdated> updated;

    @Inject
    RegisterConfig config;

    @BeforeEach
    void empty() {
        RegisterFixtures.reset(dataSource);
    }

    static List<Map<String, Object>> enheter() {
        return List.of(
                unit("910000001", "FJORDKRAFT DIGITAL AS", "AS"),
                unit("910000002", "KONKURSBO TESTFIRMA AS", "AS", "konkurs", true, "konkursdato", "2029-05-02"),
                unit("910000003", "AVVIKLING HOLDING AS", "AS", "underAvvikling", true),
                unit("910000004", "TVANG OG SØNN AS", "AS", "underTvangsavviklingEllerTvangsopplosning", true),
                unit("910000005", "SLETTET FORENING", "FLI", "slettedato", "2028-11-30"),
                unit("910000006", "Sitat \"og\" backslash \\ med\ttab", "ENK"));
    }

    static List<Map<String, Object>> underenheter() {
        return List.of(
                unit("920000001", "FJORDKRAFT DIGITAL AS AVD BERGEN", "BEDR", "overordnetEnhet", "910000001"),
                unit("920000002", "NEDLAGT FILIAL", "BEDR", "overordnetEnhet", "910000001", "nedleggelsesdato",
                        "2029-01-15"));
    }

    private void loadFixture() {
        RegisterFixtures.download("enheter", enheter());
        RegisterFixtures.download("underenheter", underenheter());
        assertEquals(RegisterJob.Outcome.LOADED, job.run());
    }

    @Test
    void loadsTheWholeRegisterFromTheGzippedDownloads() {
        loadFixture();
        Map<String, RegisterUnit> found = register.findAll(List.of("910000001", "910000002", "910000003", "910000004",
                "910000005", "910000006", "920000001", "920000002", "999999999", "not-a-number"));
        assertEquals(8, found.size());
        assertEquals(RegisterStatus.ACTIVE, found.get("910000001").status());
        assertEquals("FJORDKRAFT DIGITAL AS", found.get("910000001").name());
        assertEquals("AS", found.get("910000001").orgForm());
        assertEquals(LocalDate.of(2019, 3, 1), found.get("910000001").registeredOn());
        assertEquals(RegisterStatus.BANKRUPT, found.get("910000002").status());
        assertEquals(RegisterStatus.UNDER_LIQUIDATION, found.get("910000003").status());
        assertEquals(RegisterStatus.UNDER_FORCED_LIQUIDATION, found.get("910000004").status());
        assertEquals(RegisterStatus.DELETED, found.get("910000005").status());
        assertEquals(LocalDate.of(2028, 11, 30), found.get("910000005").deletedOn());
        assertEquals("Sitat \"og\" backslash \\ med\ttab", found.get("910000006").name());
        assertEquals(RegisterKind.UNDERENHET, found.get("920000001").kind());
        assertEquals("910000001", found.get("920000001").parentOrgno());
        assertEquals(RegisterStatus.DELETED, found.get("920000002").status());
        assertTrue(register.find("999999999").isEmpty());

        RegisterState state = state();
        assertNotNull(state.fullLoadAt());
        assertEquals(8, state.units());
        assertFalse(state.failing());
        assertTrue(AuditEvent.<AuditEvent>list("action = ?1 and subjectType = 'Register' and actorKind = 'SYSTEM'",
                "register.loaded").stream().anyMatch(e -> Long.valueOf(6).equals(((Number) e.after.get("enhet"))
                        .longValue()) && Long.valueOf(2).equals(((Number) e.after.get("underenhet")).longValue())));
    }

    @Test
    void appliesTheChangeFeedFromTheLastOppdateringsid() {
        loadFixture();
        RegisterFixtures.lookup("enheter", unit("910000007", "NYSTARTET AS", "AS"));
        RegisterFixtures.lookup("enheter", unit("910000001", "FJORDKRAFT DIGITAL ASA", "ASA"));
        RegisterFixtures.lookup("enheter", unit("910000003", "AVVIKLING HOLDING AS", "AS", "konkurs", true,
                "underAvvikling", true));
        RegisterFixtures.lookup("enheter", unit("910000004", "TVANG OG SØNN AS", "AS", "slettedato", "2030-01-05"));
        RegisterFixtures.gone("enheter", "910000002");
        RegisterFixtures.feed("enheter", List.of(
                change(101, "910000007", "Ny"),
                change(102, "910000001", "Endring"),
                change(103, "910000003", "Endring"),
                change(104, "910000004", "Sletting"),
                change(105, "910000006", "Fjernet"),
                change(106, "910000002", "Endring")));
        RegisterFixtures.lookup("underenheter", unit("920000003", "NYSTARTET AS AVD TROMSØ", "BEDR",
                "overordnetEnhet", "910000007"));
        RegisterFixtures.feed("underenheter", List.of(change(7, "920000003", "Ny")));

        assertEquals(RegisterJob.Outcome.UPDATED, job.run());

        Map<String, RegisterUnit> found = register.findAll(List.of("910000001", "910000002", "910000003", "910000004",
                "910000006", "910000007", "920000003"));
        assertEquals("NYSTARTET AS", found.get("910000007").name());
        assertEquals(RegisterStatus.ACTIVE, found.get("910000007").status());
        assertEquals("FJORDKRAFT DIGITAL ASA", found.get("910000001").name());
        assertEquals("ASA", found.get("910000001").orgForm());
        assertEquals(RegisterStatus.BANKRUPT, found.get("910000003").status());
        assertEquals(RegisterStatus.DELETED, found.get("910000004").status());
        assertEquals(LocalDate.of(2030, 1, 5), found.get("910000004").deletedOn());
        assertFalse(found.containsKey("910000006"), "Fjernet: the register no longer knows the number");
        assertFalse(found.containsKey("910000002"), "410: the register no longer knows the number");
        assertEquals("910000007", found.get("920000003").parentOrgno());
        assertEquals(106L, state().enhetFeedId());
        assertEquals(7L, state().underenhetFeedId());
        List<String> feedRequests = RegisterFixtures.requests().stream().filter(r -> r.contains("/oppdateringer/"))
                .toList();
        assertTrue(feedRequests.get(0).startsWith("GET /oppdateringer/enheter?dato="), feedRequests::toString);
        assertTrue(AuditEvent.<AuditEvent>list("action", "register.updated").stream()
                .anyMatch(e -> e.after.containsKey("enhet") && e.after.containsKey("underenhet")));

        RegisterFixtures.feed("enheter", List.of(change(107, "910000007", "Endring")));
        RegisterFixtures.lookup("enheter", unit("910000007", "NYSTARTET AS", "AS", "underAvvikling", true));
        assertEquals(RegisterJob.Outcome.UPDATED, job.run());
        assertEquals(RegisterStatus.UNDER_LIQUIDATION, register.find("910000007").orElseThrow().status());
        assertTrue(RegisterFixtures.requests().contains("GET /oppdateringer/enheter?oppdateringsid=107&size=1000"),
                RegisterFixtures.requests()::toString);
        assertEquals(RegisterJob.Outcome.UNCHANGED, job.run());
        assertEquals(107L, state().enhetFeedId());
    }

    @Test
    void aNulCharacterInANameDoesNotStopTheLoadOrTheFeed() {
        // PostgreSQL stores no NUL in text: one such unit must not keep the register from loading, round after round
        List<Map<String, Object>> withNul = new ArrayList<>(enheter());
        withNul.set(0, unit("910000001", "FJORD\u0000KRAFT AS", "A\u0000S"));
        RegisterFixtures.download("enheter", withNul);
        RegisterFixtures.download("underenheter", underenheter());
        assertEquals(RegisterJob.Outcome.LOADED, job.run());
        assertEquals("FJORDKRAFT AS", register.find("910000001").orElseThrow().name());
        assertEquals("AS", register.find("910000001").orElseThrow().orgForm());

        RegisterFixtures.feed("enheter", List.of(change(401, "910000003", "Endring")));
        RegisterFixtures.lookup("enheter", unit("910000003", "AVVIKLING\u0000 HOLDING AS", "AS"));
        assertEquals(RegisterJob.Outcome.UPDATED, job.run());
        assertEquals("AVVIKLING HOLDING AS", register.find("910000003").orElseThrow().name());
    }

    @Test
    void aTruncatedDownloadLeavesTheOldCopyInPlaceAndIsRecorded() throws SQLException {
        loadFixture();
        forgetFullLoad();
        List<Map<String, Object>> changed = new ArrayList<>(enheter());
        changed.set(0, unit("910000001", "NYTT NAVN AS", "AS"));
        RegisterFixtures.truncatedDownload("enheter", changed);

        assertEquals(RegisterJob.Outcome.FAILED, job.run());

        assertEquals("FJORDKRAFT DIGITAL AS", register.find("910000001").orElseThrow().name());
        assertEquals(8, register.findAll(allNumbers()).size());
        RegisterState state = state();
        assertTrue(state.failing());
        assertNotNull(state.lastFailure());
        assertFalse(tableExists("register_unit_load"), "nothing half-written is left");
    }

    @Test
    void aServerErrorLeavesTheOldCopyInPlaceAndTheNextRunTriesAgain() {
        loadFixture();
        RegisterFixtures.feed("enheter", List.of(change(201, "910000001", "Endring")));
        RegisterFixtures.lookup("enheter", unit("910000001", "ETTER FEILEN AS", "AS"));
        RegisterFixtures.status(503);

        assertEquals(RegisterJob.Outcome.FAILED, job.run());
        assertEquals("FJORDKRAFT DIGITAL AS", register.find("910000001").orElseThrow().name());
        assertTrue(state().failing());
        assertTrue(state().lastFailure().contains("503"), state().lastFailure());
        assertNull(state().enhetFeedId());

        forgetFullLoad();
        assertEquals(RegisterJob.Outcome.FAILED, job.run());
        assertEquals(8, register.findAll(allNumbers()).size());

        RegisterFixtures.clearStatus();
        assertEquals(RegisterJob.Outcome.LOADED, job.run());
        assertEquals(RegisterJob.Outcome.UPDATED, job.run());
        assertEquals("ETTER FEILEN AS", register.find("910000001").orElseThrow().name());
        assertFalse(state().failing());
    }

    @Test
    void aFeedPageThatIsNotTheFormatIsAFailure() throws Exception {
        loadFixture();
        java.nio.file.Files.writeString(RegisterFixtures.FOLDER.resolve("feed-enheter.json"),
                "[{\"oppdateringsid\": 5, \"dato\": \"2030-01-01T00:00:00.000Z\", \"endringstype\": \"Ny\"}]");
        assertEquals(RegisterJob.Outcome.FAILED, job.run());
        assertTrue(state().failing());
        assertTrue(state().lastFailure().contains("without oppdateringsid or organisasjonsnummer"),
                state().lastFailure());
        assertEquals(8, register.findAll(allNumbers()).size());
    }

    @Test
    void ofTwoConcurrentRunsOnlyOneFetches() throws Exception {
        RegisterFixtures.download("enheter", enheter());
        RegisterFixtures.download("underenheter", underenheter());
        RegisterFixtures.delay(700);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RegisterJob.Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    start.await();
                    return job.run();
                }));
            }
            start.countDown();
            Set<RegisterJob.Outcome> outcomes = Set.of(runs.get(0).get(), runs.get(1).get());
            assertEquals(Set.of(RegisterJob.Outcome.LOADED, RegisterJob.Outcome.BUSY), outcomes);
        } finally {
            two.shutdownNow();
        }
        assertEquals(1, RegisterFixtures.requests().stream().filter(r -> r.equals("GET /enheter/lastned")).count());
        assertEquals(8, register.findAll(allNumbers()).size());
    }

    @Test
    void aDownloadThatStallsMidwayIsGivenUpAndTheOldCopyStays() throws Exception {
        loadFixture();
        forgetFullLoad();
        List<Map<String, Object>> changed = new ArrayList<>(enheter());
        changed.set(0, unit("910000001", "NYTT NAVN AS", "AS"));
        RegisterFixtures.download("enheter", changed);
        RegisterFixtures.stallDownloadsAfter(RegisterFixtures.downloadSize("enheter") / 2);
        // a short timeout, for the test's sake: the default is 30 s
        Duration quiet = Duration.ofSeconds(3);
        Enhetsregisteret source = new Enhetsregisteret(Enhetsregisteret.client(quiet), config.baseUrl(), quiet,
                Clock.systemUTC());

        RegisterJob.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> job.run(source, source::download), "a stalled download must not hang the job");

        assertEquals(RegisterJob.Outcome.FAILED, outcome);
        assertEquals("FJORDKRAFT DIGITAL AS", register.find("910000001").orElseThrow().name());
        assertEquals(8, register.findAll(allNumbers()).size());
        assertTrue(state().failing());
        assertTrue(state().lastFailure().contains("stalled"), state().lastFailure());
        assertFalse(tableExists("register_unit_load"), "nothing half-written is left");
        RegisterFixtures.stopStalling();
    }

    @Test
    void eachFeedPageIsCommittedSoAFailureOnPageThreeKeepsPagesOneAndTwo() {
        loadFixture();
        RegisterJob twoPerPage = new RegisterJob(pageSize(2), dataSource, Clock.systemUTC(), updated);
        RegisterFixtures.feed("enheter", List.of(
                change(301, "910000001", "Endring"),
                change(302, "910000002", "Endring"),
                change(303, "910000003", "Endring"),
                change(304, "910000004", "Endring"),
                change(305, "910000005", "Endring"),
                change(306, "910000006", "Endring")));
        for (String orgno : List.of("910000001", "910000002", "910000003", "910000004", "910000006")) {
            RegisterFixtures.lookup("enheter", unit(orgno, "NYTT " + orgno, "AS"));
        }
        // page 3's lookup answers another unit than the one asked for: not what the format says
        RegisterFixtures.lookupAnswers("enheter", "910000005", unit("910000099", "FEIL ENHET", "AS"));

        assertEquals(RegisterJob.Outcome.FAILED, twoPerPage.run());

        assertEquals(304L, state().enhetFeedId(), "pages 1 and 2 are committed with their oppdateringsid");
        Map<String, RegisterUnit> found = register.findAll(allNumbers());
        assertEquals("NYTT 910000001", found.get("910000001").name());
        assertEquals("NYTT 910000004", found.get("910000004").name());
        assertEquals("SLETTET FORENING", found.get("910000005").name(), "page 3 is not applied");
        assertEquals("Sitat \"og\" backslash \\ med\ttab", found.get("910000006").name(), "nothing of page 3");
        assertTrue(state().failing());
        assertTrue(AuditEvent.<AuditEvent>list("action", "register.updated").stream()
                .anyMatch(e -> e.after.get("enhet") instanceof Map<?, ?> m
                        && Integer.valueOf(4).equals(((Number) m.get("changes")).intValue())),
                "what was applied is audited");

        RegisterFixtures.lookup("enheter", unit("910000005", "NYTT 910000005", "AS"));
        assertEquals(RegisterJob.Outcome.UPDATED, twoPerPage.run());
        assertTrue(RegisterFixtures.requests().contains("GET /oppdateringer/enheter?oppdateringsid=305&size=2"),
                RegisterFixtures.requests()::toString);
        assertEquals(306L, state().enhetFeedId());
        assertEquals("NYTT 910000005", register.find("910000005").orElseThrow().name());
        assertEquals("NYTT 910000006", register.find("910000006").orElseThrow().name());
        assertFalse(state().failing());
    }

    @Test
    void ofTwoConcurrentFeedRunsOnlyOneFetches() throws Exception {
        loadFixture();
        RegisterFixtures.feed("enheter", List.of(change(501, "910000001", "Endring")));
        RegisterFixtures.lookup("enheter", unit("910000001", "SAMTIDIG AS", "AS"));
        RegisterFixtures.delay(700);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RegisterJob.Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    start.await();
                    return job.run();
                }));
            }
            start.countDown();
            Set<RegisterJob.Outcome> outcomes = Set.of(runs.get(0).get(), runs.get(1).get());
            assertEquals(Set.of(RegisterJob.Outcome.UPDATED, RegisterJob.Outcome.BUSY), outcomes);
        } finally {
            two.shutdownNow();
        }
        assertEquals(1, RegisterFixtures.requests().stream()
                .filter(r -> r.startsWith("GET /oppdateringer/enheter?")).count());
        assertEquals("SAMTIDIG AS", register.find("910000001").orElseThrow().name());
        // the lock is let go after the run: the next run is not BUSY
        assertEquals(RegisterJob.Outcome.UNCHANGED, job.run());
    }

    /** The test profile's settings with another feed page size. */
    private RegisterConfig pageSize(int size) {
        return (RegisterConfig) java.lang.reflect.Proxy.newProxyInstance(RegisterConfig.class.getClassLoader(),
                new Class<?>[] {RegisterConfig.class}, (proxy, method, args) -> method.getName().equals("pageSize")
                        ? size : method.invoke(config, args));
    }

    private static List<String> allNumbers() {
        return List.of("910000001", "910000002", "910000003", "910000004", "910000005", "910000006", "920000001",
                "920000002");
    }

    private RegisterState state() {
        try (Connection c = dataSource.getConnection()) {
            return RegisterState.read(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void forgetFullLoad() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("update register_state set full_load_at = null");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean tableExists(String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select to_regclass('" + name + "') is not null")) {
            r.next();
            return r.getBoolean(1);
        }
    }
}
