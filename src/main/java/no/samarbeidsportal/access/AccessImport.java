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
import no.samarbeidsportal.register.RegisterStatus;
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
        /** Will be added, with a warning: the register copy holds units but not this number. */
        UNKNOWN,
        /** Will be added, with a warning: the organisation is being wound up. */
        UNDER_LIQUIDATION,
        /** Will be added, with a warning: the organisation is being wound up by the court. */
        UNDER_FORCED_LIQUIDATION,
        /** Not added unless the provider ticks "import anyway": the organisation is deleted from the register. */
        DELETED,
        /** Not added unless the provider ticks "import anyway": the organisation is bankrupt. */
        BANKRUPT,
        INVALID_FORMAT,
        INVALID_CHECK_DIGIT,
        DUPLICATE,
        ALREADY_PRESENT;

        public String messageKey() {
            return "access.import.status." + name();
        }

        /** Whether confirming adds the row as it is. */
        public boolean added() {
            return this == ADD || warned();
        }

        /** Added, but the register says something the provider should see. */
        public boolean warned() {
            return this == UNKNOWN || this == UNDER_LIQUIDATION || this == UNDER_FORCED_LIQUIDATION;
        }

        /** Added only when the provider asks for it ("import anyway"). */
        public boolean refusedUnlessForced() {
            return this == DELETED || this == BANKRUPT;
        }
    }

    public record Row(int line, String input, String orgno, Status status, String consumerName) {
    }

    /** At most this many rows in one import; more is refused as a whole. */
    public static final int MAX_ROWS = 20_000;

    /** The numbers confirming adds: the valid new ones, and the deleted and bankrupt ones only {@code anyway}. */
    public List<String> toAdd(boolean anyway) {
        return rows.stream().filter(r -> r.status().added() || anyway && r.status().refusedUnlessForced())
                .map(Row::orgno).toList();
    }

    public List<String> toAdd() {
        return toAdd(false);
    }

    /** How many rows confirming adds without "import anyway". */
    public int adding() {
        return toAdd(false).size();
    }

    /** The register's findings the summary names, in order: those with at least one row. */
    public List<Status> notable() {
        return java.util.stream.Stream.of(Status.UNKNOWN, Status.UNDER_LIQUIDATION, Status.UNDER_FORCED_LIQUIDATION,
                Status.DELETED, Status.BANKRUPT).filter(s -> counts.getOrDefault(s, 0) > 0).toList();
    }

    /** How many deleted or bankrupt rows "import anyway" would add as well. */
    public int refused() {
        return count("DELETED") + count("BANKRUPT");
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

    /** Classifies each parsed row without a register copy; {@code present} tells which numbers are on the list. */
    static AccessImport classify(List<Row> parsed, Predicate<String> present, Function<String, String> names) {
        return classify(parsed, present, names, orgno -> null, false);
    }

    /**
     * Classifies each parsed row; {@code present} tells which numbers are on the list already, {@code register} the
     * register copy's status of a number (null when the copy lacks it). A number the copy lacks is {@code UNKNOWN}
     * only when {@code registerHolds} units at all: a portal without a register copy would otherwise warn on every row.
     */
    static AccessImport classify(List<Row> parsed, Predicate<String> present, Function<String, String> names,
            Function<String, RegisterStatus> register, boolean registerHolds) {
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
                status = registered(register.apply(orgno), registerHolds);
            }
            counts.merge(status, 1, Integer::sum);
            boolean number = status != Status.INVALID_FORMAT;
            rows.add(new Row(row.line(), row.input(), number ? orgno : null, status,
                    number ? names.apply(orgno) : null));
        }
        return new AccessImport(List.copyOf(rows), counts);
    }

    private static Status registered(RegisterStatus status, boolean registerHolds) {
        if (status == null) {
            return registerHolds ? Status.UNKNOWN : Status.ADD;
        }
        return switch (status) {
            case ACTIVE -> Status.ADD;
            case DELETED -> Status.DELETED;
            case BANKRUPT -> Status.BANKRUPT;
            case UNDER_LIQUIDATION -> Status.UNDER_LIQUIDATION;
            case UNDER_FORCED_LIQUIDATION -> Status.UNDER_FORCED_LIQUIDATION;
        };
    }
}
