package no.samarbeidsportal.system;

/** Cells of the CSV files people download and open in a spreadsheet (the history, a scope's access list). */
public final class Csv {

    /** A spreadsheet reads a cell that starts with one of these as a formula (OWASP: CSV injection). */
    private static final String FORMULA_START = "=+-@\t\r";

    private Csv() {
    }

    /**
     * The value as a spreadsheet shows it as text: one that would start a formula gets a leading apostrophe, since
     * names and descriptions are typed by people, also by other organisations; null is empty.
     */
    public static String defused(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return FORMULA_START.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
