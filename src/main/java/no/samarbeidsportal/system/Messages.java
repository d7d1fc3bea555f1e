package no.samarbeidsportal.system;

import jakarta.enterprise.context.ApplicationScoped;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The portal's texts: Norwegian bokmål in {@code messages/msg.properties} (the default), English in
 * {@code msg_en.properties}. Pages and API errors look up the same keys; templates use {@code {i18n:key}}.
 *
 * <p>A plain resource bundle rather than a Qute {@code @MessageBundle}: error keys travel inside exceptions and are
 * resolved at run time on both the HTML and the JSON side, which a type-safe bundle cannot do by key.
 */
@ApplicationScoped
public class Messages {

    public static final Locale NB = Locale.forLanguageTag("nb");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public String get(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle("messages.msg", "en".equals(locale.getLanguage())
                ? Locale.ENGLISH : Locale.ROOT, NO_FALLBACK);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args == null || args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
