package no.samarbeidsportal.system;

import io.quarkus.arc.Arc;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The question a destructive button asks before it acts (issue 14), naming what would be removed. With JavaScript the
 * form's {@code data-confirm} text opens a dialog (static/confirm.js); without, the form sends its {@code ask} field
 * ({@code tags/confirmAsk.html}) and the page answers with this confirmation step, whose button sends the form again
 * without it. A request without {@code ask} acts at once, as the API and the confirmation step do.
 *
 * @param question the question, naming the object
 * @param button what the confirming button says
 * @param action where the confirming form posts
 * @param fields the form's other fields, sent again as they came
 * @param back the page to go back to, for "Avbryt"
 */
public record Confirmation(String question, String button, String action, List<Field> fields, String back) {

    /** The name of the form field a destructive form sends when no dialog asked first. */
    public static final String ASK = "ask";

    /** One hidden field of the form that asked. */
    public record Field(String name, String value) {
    }

    @CheckedTemplate(basePath = "Confirmation")
    static class Templates {
        static native TemplateInstance confirm(Confirmation confirmation);
    }

    /**
     * The confirmation step as a page, in the page's language: the question {@code questionKey} naming the object
     * ({@code args}) and the confirming button {@code buttonKey} (the message keys of the form's data-confirm texts).
     */
    public static TemplateInstance page(String questionKey, Object[] args, String buttonKey, String action,
            List<Field> fields, String back) {
        PageContext page = Arc.container().instance(PageContext.class).get();
        Messages messages = Arc.container().instance(Messages.class).get();
        return Templates.confirm(new Confirmation(messages.get(page.locale(), questionKey, args),
                messages.get(page.locale(), buttonKey), action, fields, back));
    }

    /** One hidden field. */
    public static List<Field> field(String name, String value) {
        return List.of(new Field(name, value));
    }

    /** Whether the form asks to be confirmed first: it came without the dialog (no JavaScript). */
    public static boolean asked(String ask) {
        return ask != null && !ask.isBlank();
    }
}
