package no.samarbeidsportal.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import no.samarbeidsportal.system.Csv;
import no.samarbeidsportal.system.Messages;

/**
 * The history as a CSV file (RFC 4180, comma-separated, every cell quoted, UTF-8 with a byte order mark so that Excel
 * reads æøå). A cell that a spreadsheet would take for a formula is defused ({@link Csv#defused}).
 */
final class HistoryCsv {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Europe/Oslo"));

    private HistoryCsv() {
    }

    static String of(List<HistoryWords.Row> rows, Messages messages, Locale locale) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        line(csv, List.of(messages.get(locale, "audit.when"), messages.get(locale, "audit.who"),
                messages.get(locale, "history.who.kind"), messages.get(locale, "history.organisation"),
                messages.get(locale, "audit.what"), messages.get(locale, "audit.subject"),
                messages.get(locale, "audit.changes")));
        for (HistoryWords.Row row : rows) {
            line(csv, List.of(WHEN.format(row.event().occurred), row.who(), row.whoKind(), row.organisation(),
                    row.action(), row.subject(), String.join("; ", row.changes())));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** One cell, quoted, with quotes doubled and a formula defused. */
    static String cell(String value) {
        return "\"" + Csv.defused(value).replace("\"", "\"\"") + "\"";
    }
}
