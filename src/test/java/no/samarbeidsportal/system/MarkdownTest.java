package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The renderer alone: what a provider's Markdown may and may not become. The pages' use is in MarkdownPagesTest. */
class MarkdownTest {

    private static String html(String markdown) {
        return Markdown.html(markdown);
    }

    @Test
    void rendersHeadingsListsEmphasisAndLinksBelowThePagesOwnHeadings() {
        String html = html("# Om API-et\n\nDette er **viktig** og *kursivt*.\n\n- en\n- to\n\n"
                + "[Dokumentasjon](https://example.org/doc) og <kontakt@example.org>");
        assertTrue(html.contains("<h3>Om API-et</h3>"), html);
        assertTrue(html.contains("<strong>viktig</strong>"), html);
        assertTrue(html.contains("<ul>\n<li>en</li>"), html);
        assertTrue(html.contains("<a rel=\"nofollow noopener noreferrer\" href=\"https://example.org/doc\">"), html);
        assertTrue(html.contains("href=\"mailto:kontakt@example.org\""), html);
        assertEquals("<h6>dypt</h6>\n", html("###### dypt"));
    }

    @Test
    void rawHtmlIsShownAsTextNeverAsMarkup() {
        String html = html("<script>alert(1)</script>\n\ntekst <img src=x onerror=alert(2)> "
                + "<a href=\"javascript:alert(3)\">klikk</a>\n\n<div onmouseover=\"alert(4)\">x</div>");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<a href"), html);
        assertFalse(html.contains("<div"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"), html);
    }

    @Test
    void linksAndImagesToAnythingButHttpHttpsAndMailtoLoseTheirAddress() {
        for (String address : new String[] {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)",
                "java&#9;script:alert(1)", "vbscript:msgbox", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
                "/portal/scopes", "%6A%61vascript:alert(1)"}) {
            String html = html("[lenke](" + address + ") ![bilde](" + address + ")");
            String lower = html.toLowerCase(Locale.ROOT);
            assertTrue(html.contains(" href=\"\">lenke</a>"), address + " -> " + html);
            assertTrue(html.contains("<img src=\"\""), address + " -> " + html);
            assertFalse(lower.contains("javascript"), address + " -> " + html);
            assertFalse(lower.contains("data:"), address + " -> " + html);
        }
        assertTrue(html("![logo](https://example.org/l.png)").contains("<img src=\"https://example.org/l.png\""));
        assertTrue(html("![x](mailto:a@b.no)").contains("<img src=\"\""));
    }

    @Test
    void entitiesStayText() {
        String html = html("&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;fet&#60;/b&#62; &amp;");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertEquals("", html(null));
        assertEquals("", html("  "));
    }
}
