package no.samarbeidsportal.system;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import java.util.Locale;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Markdown that providers write (a scope's long description) as HTML for the pages. It is the one place such text
 * becomes markup: raw HTML in it is escaped, link and image addresses other than http, https and mailto are dropped,
 * and headings start below the page's own.
 */
public final class Markdown {

    /** The level of the first heading a description may have: the page's sections are h2. */
    private static final int FIRST_HEADING = 3;

    private static final Parser PARSER = Parser.builder().build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new WebAddresses())
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    // a provider's link leads away from the portal: it gets neither our referrer nor our window
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            })
            .build();

    private Markdown() {
    }

    /** The HTML of {@code text}; empty for none. */
    public static String html(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        Node document = PARSER.parse(text);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(6, heading.getLevel() + FIRST_HEADING - 1));
                visitChildren(heading);
            }
        });
        return RENDERER.render(document);
    }

    /** {@code {scope.longDescription.markdown}}: the rendered text, not escaped again by Qute. */
    @TemplateExtension
    static RawString markdown(String text) {
        return new RawString(html(text));
    }

    /** Only absolute http(s) and mailto addresses survive; anything else (javascript:, data:, relative) is dropped. */
    private static final class WebAddresses implements UrlSanitizer {

        private static final Set<String> ALLOWED = Set.of("http:", "https:", "mailto:");

        @Override
        public String sanitizeLinkUrl(String url) {
            return allowed(url) ? url : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return allowed(url) && !url.regionMatches(true, 0, "mailto:", 0, 7) ? url : "";
        }

        private static boolean allowed(String url) {
            if (url == null) {
                return false;
            }
            String plain = url.strip().toLowerCase(Locale.ROOT);
            int colon = plain.indexOf(':');
            return colon > 0 && ALLOWED.contains(plain.substring(0, colon + 1))
                    // no control characters or spaces a browser would strip to find another scheme
                    && plain.chars().noneMatch(c -> c < 0x21 || c == 0x7f);
        }
    }
}
