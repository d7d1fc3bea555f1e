package no.samarbeidsportal.system;

/** The API's optimistic locking: an entity's ETag is its version; {@code If-Match} sends it back (admin-api.md 6.7 409). */
public final class IfMatch {

    private IfMatch() {
    }

    /** The version in an If-Match header, null when absent or {@code *}; a malformed one is a 400 on {@code objectName}. */
    public static Integer version(String ifMatch, String objectName) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        try {
            return Integer.valueOf(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw InvalidInput.of(objectName, "", "error.if-match.invalid");
        }
    }
}
