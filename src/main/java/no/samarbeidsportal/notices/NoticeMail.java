package no.samarbeidsportal.notices;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.system.Messages;

/**
 * The e-mail of a notice: one mail in both languages (bokmål first, then English), as plain text and as HTML, from
 * the type-safe templates in {@code templates/NoticeMail/}; the subject names what happened in both languages.
 */
@ApplicationScoped
public class NoticeMail {

    /** One language's part of the mail: the subject, what happened, and the words around the link. */
    public record Part(String lang, String subject, String text, String linkLabel, String footer) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance text(Part nb, Part en, String link);

        static native TemplateInstance html(Part nb, Part en, String link);
    }

    /** {@code {name}}: the fact; {@code {name|one|other}}: the word for the fact's number ("1 dag", "2 dager"). */
    private static final Pattern FACT = Pattern.compile("\\{([a-z_]+)(?:\\|([^|}]*)\\|([^}]*))?}");

    private final Messages messages;
    private final NoticeConfig config;

    NoticeMail(Messages messages, NoticeConfig config) {
        this.messages = messages;
        this.config = config;
    }

    /** The mail of {@code notice} to {@code recipient}. */
    public Mail of(Notice notice, String recipient) {
        Part nb = part(Messages.NB, notice);
        Part en = part(Locale.ENGLISH, notice);
        String link = link(notice);
        // a subject is a header: no fact (a kid, a scope) may bring a line break or other control character into it
        String subject = (nb.subject() + " / " + en.subject()).replaceAll("\\p{Cntrl}", " ");
        return Mail.withText(recipient, subject,
                        Templates.text(nb, en, link).render())
                .setHtml(Templates.html(nb, en, link).render());
    }

    /** The subject in one language, for the list of notices. */
    public String subject(Locale locale, Notice notice) {
        return fill(messages.get(locale, "notice." + notice.kind.name() + ".subject"), notice.facts);
    }

    /** What happened in one language, for the list of notices. */
    public String text(Locale locale, Notice notice) {
        return fill(messages.get(locale, "notice." + notice.kind.name() + ".text"), notice.facts);
    }

    private Part part(Locale locale, Notice notice) {
        return new Part(locale.getLanguage(), subject(locale, notice), text(locale, notice),
                messages.get(locale, "notice.mail.link"), messages.get(locale, "notice.mail.footer"));
    }

    /** The portal page the notice is about: a fact {@code path} of the sender's, else the kind's page. */
    String link(Notice notice) {
        String path = notice.fact("path");
        if (path.isEmpty()) {
            path = switch (notice.kind) {
                case KEY_EXPIRING, KEY_EXPIRED -> "portal/clients/keys?client="
                        + URLEncoder.encode(notice.fact("client"), StandardCharsets.UTF_8);
                case ACCESS_GRANTED, ACCESS_REMOVED, SCOPE_DEACTIVATED, ACCESS_REQUEST_DECIDED -> "portal/catalogue";
                default -> "portal/notices";
            };
        }
        String base = config.portalUrl().endsWith("/") ? config.portalUrl() : config.portalUrl() + "/";
        return base + (path.startsWith("/") ? path.substring(1) : path);
    }

    /**
     * The message's {name} placeholders filled from the facts, an unknown one left out; {name|one|other} is the word
     * for the fact's number.
     */
    static String fill(String pattern, Map<String, String> facts) {
        Matcher m = FACT.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = facts == null ? null : facts.get(m.group(1));
            if (m.group(2) != null) {
                value = "1".equals(value) ? m.group(2) : m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
