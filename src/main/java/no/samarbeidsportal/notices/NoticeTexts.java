package no.samarbeidsportal.notices;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;
import no.samarbeidsportal.system.PageContext;

/** A notice's texts in the page's language, for the list of notices: {@code {n.subject}}, {@code {n.text}}. */
@TemplateExtension
public class NoticeTexts {

    private NoticeTexts() {
    }

    static String subject(Notice notice) {
        return mail().subject(locale(), notice);
    }

    static String text(Notice notice) {
        return mail().text(locale(), notice);
    }

    /** Where the notice's e-mail links to. */
    static String link(Notice notice) {
        return mail().link(notice);
    }

    private static NoticeMail mail() {
        return Arc.container().instance(NoticeMail.class).get();
    }

    private static java.util.Locale locale() {
        return Arc.container().instance(PageContext.class).get().locale();
    }
}
