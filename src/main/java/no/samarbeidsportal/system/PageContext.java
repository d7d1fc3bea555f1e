package no.samarbeidsportal.system;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the layout needs to know about this page request: its language (the chosen one in a cookie, else the
 * browser's, else bokmål) and its path, for the navigation's aria-current.
 */
@RequestScoped
@Named("page")
public class PageContext {

    public static final String COOKIE = "portal-lang";

    private final HttpServerRequest request = CurrentRequest.get();

    @Inject
    Messages messages;

    private Locale locale;

    public Locale locale() {
        if (locale == null) {
            locale = resolve();
        }
        return locale;
    }

    /** The {@code lang} attribute of the page. */
    public String lang() {
        return locale().getLanguage();
    }

    /** A text in the page's language, for tag parameters: {@code label=inject:page.t('orgs.name')}. */
    public String t(String key) {
        return messages.get(locale(), key);
    }

    public String path() {
        return request == null ? "" : request.path();
    }

    /** For the navigation: {@code aria-current="page"} on the link to where we are. */
    public boolean isAt(String prefix) {
        String path = path();
        return Paths.PORTAL.equals(prefix) ? path.equals(prefix) || path.equals(prefix + "/")
                : path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** A fresh key for a create form, so that submitting it twice makes one object (system/Submissions). */
    public String submissionKey() {
        return UUID.randomUUID().toString();
    }

    /** The other language, offered in the header. */
    public String other() {
        return "en".equals(lang()) ? "nb" : "en";
    }

    private Locale resolve() {
        if (request == null) {
            return Messages.NB;
        }
        Cookie chosen = request.getCookie(COOKIE);
        if (chosen != null) {
            return of(chosen.getValue());
        }
        String accept = request.getHeader("Accept-Language");
        if (accept != null && NegotiationHeaders.valid(accept)) {
            List<Locale.LanguageRange> ranges;
            try {
                ranges = Locale.LanguageRange.parse(accept);
            } catch (IllegalArgumentException e) {
                return Messages.NB; // not RFC 9110 syntax: the default language
            }
            for (Locale.LanguageRange range : ranges) {
                String tag = range.getRange().toLowerCase();
                if (tag.startsWith("en")) {
                    return Locale.ENGLISH;
                }
                if (tag.startsWith("nb") || tag.startsWith("no") || tag.startsWith("nn")) {
                    return Messages.NB;
                }
            }
        }
        return Messages.NB;
    }

    public static Locale of(String tag) {
        return "en".equals(tag) ? Locale.ENGLISH : Messages.NB;
    }
}
