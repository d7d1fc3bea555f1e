package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text exists in bokmål and English, and every {i18n:key} a template uses exists. */
class MessagesParityTest {

    @Test
    void bokmalAndEnglishHaveTheSameKeys() throws IOException {
        assertEquals(keys("messages/msg.properties"), keys("messages/msg_en.properties"));
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> known = keys("messages/msg.properties");
        Set<String> missing = new TreeSet<>();
        Pattern direct = Pattern.compile("\\{i18n:([a-z][a-z0-9_]*)}");
        Pattern viaT = Pattern.compile("i18n:t\\('([^']+)'");
        Pattern viaPage = Pattern.compile("page\\.t\\('([^']+)'\\)");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String text = Files.readString(file);
                collect(direct.matcher(text), true, known, missing);
                collect(viaT.matcher(text), false, known, missing);
                collect(viaPage.matcher(text), false, known, missing);
            }
        }
        assertTrue(missing.isEmpty(), "keys used in templates but missing in msg.properties: " + missing);
    }

    private static void collect(Matcher m, boolean underscores, Set<String> known, Set<String> missing) {
        while (m.find()) {
            String key = underscores ? m.group(1).replace('_', '.') : m.group(1);
            if (!known.contains(key)) {
                missing.add(key);
            }
        }
    }

    private static Set<String> keys(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesParityTest.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.stringPropertyNames());
    }
}
