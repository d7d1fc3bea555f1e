package no.samarbeidsportal.system;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** Display formatting for templates. */
@TemplateExtension
public class TemplateExtensions {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /** {@code {i18n:dashboard_title}}: the text of a message key in the page's language. */
    @TemplateExtension(namespace = "i18n", matchName = TemplateExtension.ANY)
    static String message(String key) {
        PageContext page = Arc.container().instance(PageContext.class).get();
        return Arc.container().instance(Messages.class).get().get(page.locale(), key.replace('_', '.'));
    }

    /** {@code {i18n:t(key, arg)}}: a message key held in a variable, with arguments. */
    @TemplateExtension(namespace = "i18n")
    static String t(String key, Object... args) {
        PageContext page = Arc.container().instance(PageContext.class).get();
        return Arc.container().instance(Messages.class).get().get(page.locale(), key, args);
    }

    /** {@code {error.text}}: a field error's message with its arguments, in the page's language. */
    static String text(FieldError error) {
        return t(error.messageKey(), error.args());
    }

    /** {@code {scope.name.url}}: a value for a link's query string ({@code ?scope=}), URL-encoded. */
    static String url(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code {when.local}}: a timestamp in Norwegian time, for people. */
    static String local(Instant instant) {
        if (instant == null) {
            return "";
        }
        PageContext page = Arc.container().instance(PageContext.class).get();
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(page.locale()).withZone(OSLO)
                .format(instant);
    }
}
