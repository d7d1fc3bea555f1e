package no.samarbeidsportal.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import no.samarbeidsportal.system.Csv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A scope's access list as a CSV file that the bulk import takes back as it is: the organisation number in the first
 * column, a header row without digits, ; between columns (what a spreadsheet in Norwegian expects, and the import's
 * first choice), UTF-8 with a byte order mark.
 */
final class AccessCsv {

    private AccessCsv() {
    }

    /** The file: {@code header} (number, name, since) and one row per entry. */
    static String of(List<AccessEntry> entries, List<String> header) {
        StringBuilder out = new StringBuilder("\uFEFF");
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(header.stream().map(Csv::defused).toList());
            for (AccessEntry e : entries) {
                printer.printRecord(Csv.defused(e.access().consumerOrgno), Csv.defused(e.consumerName()),
                        Csv.defused(since(e.access().lastUpdated)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String since(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** A file name for the scope's list: its name with anything but letters, digits, . and - made -. */
    static String fileName(String scope) {
        return "tilgangsliste-" + scope.replaceAll("[^A-Za-z0-9.-]", "-") + ".csv";
    }
}
