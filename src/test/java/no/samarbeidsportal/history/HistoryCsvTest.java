package no.samarbeidsportal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HistoryCsvTest {

    @Test
    void cellsAreQuotedWithQuotesDoubled() {
        assertEquals("\"Org \"\"Nord\"\", avd. 2\"", HistoryCsv.cell("Org \"Nord\", avd. 2"));
        assertEquals("\"to\nlinjer\"", HistoryCsv.cell("to\nlinjer"));
        assertEquals("\"\"", HistoryCsv.cell(null));
    }

    @Test
    void aCellASpreadsheetWouldTakeForAFormulaIsDefused() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", HistoryCsv.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("\"'+1\"", HistoryCsv.cell("+1"));
        assertEquals("\"'-2+3\"", HistoryCsv.cell("-2+3"));
        assertEquals("\"'@SUM(A1)\"", HistoryCsv.cell("@SUM(A1)"));
        assertEquals("\"'\tx\"", HistoryCsv.cell("\tx"));
        assertEquals("\"a=b\"", HistoryCsv.cell("a=b"));
    }
}
