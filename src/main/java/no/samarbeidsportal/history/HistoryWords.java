package no.samarbeidsportal.history;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.register.OrgNames;
import no.samarbeidsportal.system.Messages;

/**
 * The history in words people use, for the page and its CSV download alike: "Ga tilgang", "Tilstand: Godkjent →
 * Avslått", people by name and organisations by name and number. The stored lines and the API keep their codes.
 */
@ApplicationScoped
public class HistoryWords {

    /** One change as people read it. */
    public record Row(AuditEvent event, String who, String whoKind, String organisation, String action,
            String subject, List<String> changes) {
    }

    /** A kind of change to filter by: its stored code and its words. */
    public record Choice(String code, String label) {
    }

    private static final int LIST_SHOWN = 5;
    private static final int TEXT_SHOWN = 120;

    private final Messages messages;
    private final OrgNames orgNames;

    HistoryWords(Messages messages, OrgNames orgNames) {
        this.messages = messages;
        this.orgNames = orgNames;
    }

    /** The events of a history in words, in the given language; organisation names are looked up in one batch. */
    public List<Row> rows(HistoryService.History history, Locale locale) {
        orgNames.load(orgnos(history.events()));
        return history.events().stream().map(e -> row(history, e, locale)).toList();
    }

    /** Every kind of change, by its words in the given language, for the history's filter. */
    public List<Choice> actions(Locale locale) {
        return java.util.Arrays.stream(AuditAction.values())
                .map(a -> new Choice(a.code(), messages.get(locale, "audit." + a.code())))
                .sorted(java.util.Comparator.comparing(Choice::label, java.text.Collator.getInstance(locale)))
                .toList();
    }

    private Row row(HistoryService.History history, AuditEvent e, Locale locale) {
        String subject = word(locale, "history.subject." + e.subjectType, e.subjectType);
        subject = AuditSubject.ORGANISATION.equals(e.subjectType) ? subject + " " + orgNames.label(e.subjectId, locale)
                : subject + " " + e.subjectId;
        Object consumer = e.after == null ? null : e.after.get("consumer_orgno");
        if (consumer instanceof String orgno) {
            subject += " – " + orgNames.label(orgno, locale);
        }
        return new Row(e, history.actorOf(e), messages.get(locale, e.actorKindKey()),
                e.orgno == null ? "" : orgNames.label(e.orgno, locale), messages.get(locale, e.actionKey()), subject,
                changes(e, locale));
    }

    private List<String> changes(AuditEvent e, Locale locale) {
        Set<String> keys = new LinkedHashSet<>();
        if (e.after != null) {
            keys.addAll(e.after.keySet());
        }
        if (e.before != null) {
            keys.addAll(e.before.keySet());
        }
        List<String> changes = new ArrayList<>();
        for (String key : keys) {
            Object old = e.before == null ? null : e.before.get(key);
            Object now = e.after == null ? null : e.after.get(key);
            String label = word(locale, "history.field." + key, key);
            if (e.before == null) {
                changes.add(label + ": " + value(key, now, locale));
            } else if (!Objects.equals(old, now)) {
                changes.add(label + ": " + value(key, old, locale) + " → " + value(key, now, locale));
            }
        }
        return changes;
    }

    private String value(String field, Object value, Locale locale) {
        if (value == null) {
            return "–";
        }
        if (value instanceof Boolean yes) {
            return messages.get(locale, yes ? "history.value.true" : "history.value.false");
        }
        if (value instanceof Collection<?> list) {
            String shown = list.stream().limit(LIST_SHOWN).map(v -> value(field, v, locale))
                    .collect(Collectors.joining(", "));
            return list.size() > LIST_SHOWN ? shown + ", … (" + list.size() + ")" : shown;
        }
        String text = String.valueOf(value);
        if (isOrgnoField(field) && text.matches("\\d{9}")) {
            return orgNames.label(text, locale);
        }
        if (text.matches("[A-Z][A-Z_]+")) {
            // stored codes (APPROVED, PUBLIC, API_ADMIN) have words; an unknown code is shown as it is
            return word(locale, "history.value." + text, word(locale, "role." + text, text));
        }
        return text.length() > TEXT_SHOWN ? text.substring(0, TEXT_SHOWN - 3) + "…" : text;
    }

    private String word(Locale locale, String key, String fallback) {
        String word = messages.get(locale, key);
        return word.equals(key) ? fallback : word;
    }

    private static boolean isOrgnoField(String field) {
        return field.equals("orgno") || field.endsWith("_orgno") || field.endsWith("_orgnos");
    }

    private static List<String> orgnos(List<AuditEvent> events) {
        List<String> numbers = new ArrayList<>();
        for (AuditEvent e : events) {
            numbers.add(e.orgno);
            if (AuditSubject.ORGANISATION.equals(e.subjectType)) {
                numbers.add(e.subjectId);
            }
            for (Map<String, Object> values : java.util.Arrays.asList(e.before, e.after)) {
                if (values != null) {
                    values.forEach((field, value) -> {
                        if (isOrgnoField(field) && value instanceof String s) {
                            numbers.add(s);
                        } else if (isOrgnoField(field) && value instanceof Collection<?> list) {
                            list.stream().limit(LIST_SHOWN).forEach(v -> numbers.add(String.valueOf(v)));
                        }
                    });
                }
            }
        }
        return numbers;
    }
}
