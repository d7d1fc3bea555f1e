package no.samarbeidsportal.system;

/**
 * Search text as a {@code like} pattern that finds the text as typed: a {@code %}, {@code _} or {@code \} someone
 * searches for matches itself, not any text. The patterns escape with a backslash, so the query pairs each with
 * {@code like ?1 escape '\'} (in Java source {@code "like ?1 escape '\\'"}).
 */
public final class Like {

    private Like() {
    }

    /** The text with {@code like}'s wildcards and its escape character escaped, for {@code escape '\'}. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A pattern for values that contain the text anywhere, for {@code escape '\'}. */
    public static String contains(String text) {
        return "%" + escape(text) + "%";
    }

    /** A pattern for values that start with the text, for {@code escape '\'}. */
    public static String startsWith(String text) {
        return escape(text) + "%";
    }
}
