package no.samarbeidsportal.system;

import java.util.regex.Pattern;

/**
 * {@code Accept-Language} and {@code Accept} headers that are not RFC 9110 syntax are dropped before anything reads
 * them, so the request gets the default language and any representation: Qute's response filter, {@link PageContext}
 * and the content negotiation would otherwise fail on them with a 500.
 */
final class NegotiationHeaders {

    private NegotiationHeaders() {
    }

    /** A language range with an optional weight (RFC 9110 12.5.4, RFC 4647 2.1). */
    private static final Pattern RANGE = Pattern.compile(
            "(\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\\s*;\\s*[qQ]\\s*=\\s*(0(\\.[0-9]{0,3})?|1(\\.0{0,3})?))?");
    private static final int MAX_LENGTH = 1000;
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** A media range with parameters (RFC 9110 12.5.1), every parameter a token=token or token="quoted". */
    private static final Pattern MEDIA_RANGE = Pattern.compile(TOKEN + "/" + TOKEN + "(\\s*;\\s*" + TOKEN
            + "=(" + TOKEN + "|\"([^\"\\\\]|\\\\.)*\"))*");
    private static final Pattern WEIGHT = Pattern.compile(";\\s*[qQ]=\"?([^;,\"]*)");

    /**
     * Drops the malformed ones. Called by {@link RequestHygiene} on the Vert.x request, before any route: RESTEasy
     * reads {@code Accept} also where no JAX-RS filter runs (a method not allowed, 405).
     */
    static void dropMalformed(io.vertx.core.MultiMap headers) {
        String value = headers.get("Accept-Language");
        if (value != null && !valid(value)) {
            headers.remove("Accept-Language");
        }
        String accept = headers.get("Accept");
        if (accept != null && !validAccept(accept)) {
            headers.remove("Accept");
        }
    }

    /** True when every element of {@code header} is a media range, with a q weight from 0 to 1 if any. */
    static boolean validAccept(String header) {
        if (header.length() > MAX_LENGTH) {
            return false;
        }
        for (String element : header.split(",", -1)) {
            java.util.regex.Matcher range = MEDIA_RANGE.matcher(element.strip());
            if (!range.matches()) {
                return false;
            }
            java.util.regex.Matcher q = WEIGHT.matcher(element);
            while (q.find()) {
                if (!q.group(1).matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True when {@code header} is a list of language ranges, each with at most a q weight. */
    public static boolean valid(String header) {
        if (header.length() > MAX_LENGTH) {
            return false;
        }
        for (String element : header.split(",", -1)) {
            String range = element.strip();
            // an empty element is allowed by RFC 9110, but RESTEasy's parser fails on it
            if (!RANGE.matcher(range).matches()) {
                return false;
            }
        }
        return true;
    }
}
