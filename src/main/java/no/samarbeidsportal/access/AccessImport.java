package no.samarbeidsportal.access;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import no.samarbeidsportal.identity.OrgNumberValidator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A bulk import's dry-run report: each pasted or uploaded row and what confirming would do with it. The organisation
 * number is the first column; a header row, spaces inside numbers ("991 825 827") and ; or tab separators are fine.
 */
public record AccessImport(List<Row> rows, Map<Status, Integer> counts) {

    public enum Status {
        /** Will be added (or re-approved, if revoked earlier). */
        ADD,
        INVALID_FORMAT,
        INVALID_CHECK_DIGIT,
        DUPLICATE,
        ALREADY_PRESENT;

        public String messageKey() {
            return "access.import.status." + name();
        }

        public boolean added() {
            return this == ADD;
        }
    }

    public record Row(int line, String input, String orgno, Status status, String consumerName) {
    }

    /** At most this many rows in one import; more is refused as a whole. */
    public static final int MAX_ROWS = 20_000;

    public List<String> toAdd() {
        return rows.stream().filter(r -> r.status() == Status.ADD).map(Row::orgno).toList();
    }

    public int invalid() {
        return counts.getOrDefault(Status.INVALID_FORMAT, 0) + counts.getOrDefault(Status.INVALID_CHECK_DIGIT, 0);
    }

    public int count(String status) {
        return counts.getOrDefault(Status.valueOf(status), 0);
    }

    /** The values of the first column, one per non-empty record, with their line numbers. */
    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return rows;
        }
        // spreadsheets save CSV with a byte order mark
        text = text.replace("\uFEFF", "");
        char delimiter = text.indexOf(';') >= 0 ? ';' : text.indexOf('\t') >= 0 ? '\t' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (var parser = format.parse(new StringReader(text.strip()))) {
            for (CSVRecord record : parser) {
                String value = record.size() == 0 ? "" : record.get(0).strip();
                if (value.isEmpty()) {
                    continue;
                }
                if (rows.isEmpty() && record.getRecordNumber() == 1 && !value.matches(".*\\d.*")) {
                    continue; // a header row, such as "orgno" or "organisasjonsnummer"
                }
                rows.add(new Row((int) parser.getCurrentLineNumber(), value, null, null, null));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            // a stray quote: fall back to one number per line, so the report still shows every row
            rows.clear();
            String[] lines = text.strip().split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String value = lines[i].split("[,;\\t]", 2)[0].replace("\"", "").strip();
                if (!value.isEmpty()) {
                    rows.add(new Row(i + 1, value, null, null, null));
                }
            }
        }
        return rows;
    }

    /** Classifies each parsed row; {@code present} tells which numbers are on the list already. */
    static AccessImport classify(List<Row> parsed, Predicate<String> present, Function<String, String> names) {
        Set<String> seen = new HashSet<>();
        List<Row> rows = new ArrayList<>(parsed.size());
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Row row : parsed) {
            String orgno = row.input().replaceAll("[\\s\\u00a0.]", "");
            Status status;
            if (!orgno.matches("\\d{9}")) {
                status = Status.INVALID_FORMAT;
            } else if (!OrgNumberValidator.isValid(orgno)) {
                status = Status.INVALID_CHECK_DIGIT;
            } else if (!seen.add(orgno)) {
                status = Status.DUPLICATE;
            } else if (present.test(orgno)) {
                status = Status.ALREADY_PRESENT;
            } else {
                status = Status.ADD;
            }
            counts.merge(status, 1, Integer::sum);
            boolean number = status != Status.INVALID_FORMAT;
            rows.add(new Row(row.line(), row.input(), number ? orgno : null, status,
                    number ? names.apply(orgno) : null));
        }
        return new AccessImport(List.copyOf(rows), counts);
    }
}
