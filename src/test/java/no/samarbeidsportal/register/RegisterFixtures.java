package no.samarbeidsportal.register;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;

/** Writes what the {@link FixtureRegister} serves, in Brønnøysund's formats, and empties the register copy. */
final class RegisterFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path FOLDER = FixtureRegisterResource.FOLDER;

    private RegisterFixtures() {
    }

    /** No fixtures, no register copy, no state: as a portal that never loaded the register. */
    static void reset(DataSource dataSource) {
        try {
            if (Files.exists(FOLDER)) {
                try (Stream<Path> files = Files.walk(FOLDER)) {
                    files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(FOLDER))
                            .forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(FOLDER);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("delete from register_unit");
                s.execute("update register_state set full_load_at = null, full_load_started = null, "
                        + "enhet_feed_id = null, underenhet_feed_id = null, last_success_at = null, "
                        + "last_failure_at = null, last_failure = null, units = 0");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A unit as the API describes it ({@code Enhet}), with what else the register says about it. */
    static Map<String, Object> unit(String orgno, String name, String form, Object... more) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("organisasjonsnummer", orgno);
        u.put("navn", name);
        u.put("organisasjonsform", Map.of("kode", form, "beskrivelse", form, "_links",
                Map.of("self", Map.of("href", "https://data.brreg.no/enhetsregisteret/api/organisasjonsformer/" + form))));
        u.put("registreringsdatoEnhetsregisteret", "2019-03-01");
        u.put("registrertIMvaregisteret", false);
        u.put("naeringskode1", Map.of("kode", "62.010", "beskrivelse", "Programmeringstjenester"));
        u.put("antallAnsatte", 12);
        u.put("forretningsadresse", Map.of("land", "Norge", "landkode", "NO", "postnummer", "0150", "poststed", "OSLO",
                "adresse", List.of("Storgata 1"), "kommune", "OSLO", "kommunenummer", "0301"));
        u.put("konkurs", false);
        u.put("underAvvikling", false);
        u.put("underTvangsavviklingEllerTvangsopplosning", false);
        u.put("maalform", "Bokmål");
        for (int i = 0; i + 1 < more.length; i += 2) {
            u.put((String) more[i], more[i + 1]);
        }
        u.put("_links", Map.of("self", Map.of("href", "https://data.brreg.no/enhetsregisteret/api/enheter/" + orgno)));
        return u;
    }

    /** The {@code lastned} file of a kind: a gzipped JSON array. */
    static void download(String kind, List<Map<String, Object>> units) {
        write(FOLDER.resolve(kind + ".json.gz"), gzip(json(units)));
    }

    /** A download that breaks off halfway through its gzip stream. */
    static void truncatedDownload(String kind, List<Map<String, Object>> units) {
        byte[] whole = gzip(json(units));
        write(FOLDER.resolve(kind + ".json.gz"), Arrays.copyOf(whole, whole.length / 2));
    }

    /** The change feed of a kind: every change it has, {@code oppdateringsid}, {@code dato}, number and type. */
    static void feed(String kind, List<Map<String, Object>> changes) {
        write(FOLDER.resolve("feed-" + kind + ".json"), json(changes));
    }

    static Map<String, Object> change(long id, String orgno, String type) {
        return Map.of("oppdateringsid", id, "dato", "2030-01-0" + (1 + id % 9) + "T10:00:00.000Z",
                "organisasjonsnummer", orgno, "endringstype", type);
    }

    /** What {@code GET /<kind>/{orgnr}} answers now. */
    static void lookup(String kind, Map<String, Object> unit) {
        write(FOLDER.resolve(kind).resolve(unit.get("organisasjonsnummer") + ".json"), json(unit));
    }

    /** What {@code GET /<kind>/{orgnr}} answers for {@code orgno}, whatever it is. */
    static void lookupAnswers(String kind, String orgno, Map<String, Object> unit) {
        write(FOLDER.resolve(kind).resolve(orgno + ".json"), json(unit));
    }

    /** The size of a kind's download file. */
    static int downloadSize(String kind) {
        try {
            return (int) Files.size(FOLDER.resolve(kind + ".json.gz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Downloads send this many bytes, then nothing more, the connection open, until {@link #stopStalling()}. */
    static void stallDownloadsAfter(int bytes) {
        write(FOLDER.resolve("_stall"), String.valueOf(bytes).getBytes());
    }

    static void stopStalling() {
        FOLDER.resolve("_stall").toFile().delete();
    }

    /** {@code GET /<kind>/{orgnr}} answers 410: the unit was removed from the register. */
    static void gone(String kind, String orgno) {
        write(FOLDER.resolve(kind).resolve(orgno + ".gone"), new byte[0]);
    }

    static void status(int status) {
        write(FOLDER.resolve("_status"), String.valueOf(status).getBytes());
    }

    static void clearStatus() {
        FOLDER.resolve("_status").toFile().delete();
    }

    static void delay(int millis) {
        write(FOLDER.resolve("_delay"), String.valueOf(millis).getBytes());
    }

    static List<String> requests() {
        try {
            Path log = FOLDER.resolve("requests.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
