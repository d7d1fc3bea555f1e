package no.samarbeidsportal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import no.samarbeidsportal.register.RegisterStatus;
import org.junit.jupiter.api.Test;

/** The bulk import's parsing and dry-run classification, without the database. */
class AccessImportTest {

    private static AccessImport report(String text, Set<String> present) {
        return AccessImport.classify(AccessImport.parse(text), present::contains, Map.of("991825827", "Digdir")::get);
    }

    private static List<AccessImport.Status> statuses(AccessImport report) {
        return report.rows().stream().map(AccessImport.Row::status).toList();
    }

    @Test
    void classifiesEveryRowAndCountsThem() {
        AccessImport report = report("orgno\n991825827\n991825828\n991825827\n889640782\n12345\n",
                Set.of("889640782"));
        assertEquals(List.of(AccessImport.Status.ADD, AccessImport.Status.INVALID_CHECK_DIGIT,
                AccessImport.Status.DUPLICATE, AccessImport.Status.ALREADY_PRESENT,
                AccessImport.Status.INVALID_FORMAT), statuses(report));
        assertEquals(List.of(2, 3, 4, 5, 6), report.rows().stream().map(AccessImport.Row::line).toList());
        assertEquals("Digdir", report.rows().get(0).consumerName());
        assertEquals(List.of("991825827"), report.toAdd());
        assertEquals(2, report.invalid());
    }

    @Test
    void readsSpreadsheetCsvWithByteOrderMarkQuotesSemicolonsAndSpacedNumbers() {
        AccessImport report = report("\uFEFF\"Organisasjonsnummer\";\"Navn\"\r\n\"991 825 827\";\"Digdir; avd\"\r\n"
                + "889640782;NAV\r\n\r\n", Set.of());
        assertEquals(List.of("991825827", "889640782"), report.toAdd());
    }

    @Test
    void readsTabsAndCommasAndToleratesAStrayQuote() {
        assertEquals(List.of("991825827", "889640782"), report("991825827\tDigdir\n889640782\tNAV", Set.of())
                .toAdd());
        assertEquals(List.of("991825827", "889640782"), report("991825827,\"Digdir\n889640782,NAV", Set.of())
                .toAdd());
    }

    @Test
    void theRegisterGivesDeletedBankruptLiquidatingAndUnknownRowsTheirOwnStates() {
        Map<String, RegisterStatus> register = Map.of("991825827", RegisterStatus.ACTIVE, "974761076",
                RegisterStatus.BANKRUPT, "313100421", RegisterStatus.DELETED, "313100286",
                RegisterStatus.UNDER_LIQUIDATION, "313100359", RegisterStatus.UNDER_FORCED_LIQUIDATION);
        AccessImport report = AccessImport.classify(AccessImport.parse(
                "991825827\n974761076\n313100421\n313100286\n313100359\n889640782\n"), n -> false, n -> null,
                register::get, true);
        assertEquals(List.of(AccessImport.Status.ADD, AccessImport.Status.BANKRUPT, AccessImport.Status.DELETED,
                AccessImport.Status.UNDER_LIQUIDATION, AccessImport.Status.UNDER_FORCED_LIQUIDATION,
                AccessImport.Status.UNKNOWN), statuses(report));
        assertEquals(List.of("991825827", "313100286", "313100359", "889640782"), report.toAdd(false));
        assertEquals(List.of("991825827", "974761076", "313100421", "313100286", "313100359", "889640782"),
                report.toAdd(true));
        assertEquals(4, report.adding());
        assertEquals(2, report.refused());
    }

    @Test
    void anEmptyRegisterCopyDoesNotCallEveryNumberUnknown() {
        AccessImport report = AccessImport.classify(AccessImport.parse("991825827\n889640782\n"), n -> false,
                n -> null, n -> null, false);
        assertEquals(List.of(AccessImport.Status.ADD, AccessImport.Status.ADD), statuses(report));
        assertEquals(List.of(), report.notable());
    }

    @Test
    void emptyInputHasNoRows() {
        assertEquals(0, AccessImport.parse("  \n \n").size());
        assertEquals(0, AccessImport.parse(null).size());
    }
}
