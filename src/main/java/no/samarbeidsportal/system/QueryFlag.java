package no.samarbeidsportal.system;

/** admin-api.md 1.4: query booleans are {@code true}/{@code false} in any case ({@code inactive=TRUE}). */
public final class QueryFlag {

    private QueryFlag() {
    }

    public static boolean isTrue(String value) {
        return value != null && Boolean.parseBoolean(value.trim());
    }
}
