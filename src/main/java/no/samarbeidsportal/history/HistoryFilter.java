package no.samarbeidsportal.history;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Which part of the history to show: one scope's, one person's (name or login name), one kind of change, between two
 * days (Norwegian time, both included). Empty parts do not filter; a day that is not a date is left out.
 */
public record HistoryFilter(String scope, String person, String action, String from, String to) {

    public static HistoryFilter of(String scope, String person, String action, String from, String to) {
        return new HistoryFilter(clean(scope), clean(person), clean(action), clean(from), clean(to));
    }

    public static HistoryFilter scope(String scope) {
        return of(scope, null, null, null, null);
    }

    LocalDate fromDay() {
        return day(from);
    }

    LocalDate toDay() {
        return day(to);
    }

    /** Whether anything beyond the scope narrows the history. */
    public boolean narrowed() {
        return person != null || action != null || fromDay() != null || toDay() != null;
    }

    /** The filter as a query string for links, without {@code page}; starts with '?', or is empty. */
    public String query() {
        StringBuilder query = new StringBuilder();
        String[][] parts = {{"scope", scope}, {"person", person}, {"action", action}, {"from", from}, {"to", to}};
        for (String[] part : parts) {
            if (part[1] != null) {
                query.append(query.isEmpty() ? '?' : '&').append(part[0]).append('=')
                        .append(URLEncoder.encode(part[1], StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    /** The history page with this filter, at page {@code page} (from 0). */
    public String pageLink(int page) {
        String query = query();
        return "/portal/audit" + query + (query.isEmpty() ? "?" : "&") + "page=" + page;
    }

    /** The CSV download of what this filter lets through. */
    public String exportLink() {
        return "/portal/audit/export.csv" + query();
    }

    private static LocalDate day(String text) {
        // a date field sends yyyy-MM-dd; ISO's longer years (+999999999-12-31) overflow the day after or PostgreSQL's
        // timestamps, and are no day anyone looks for
        if (text == null || !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
