package no.samarbeidsportal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrgNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"974 761 076", " 974761076 ", "974\u00a0761\u00a0076", "974\t761\n076", "97 47 61 07 6",
            "974\u202f761\u2007076"})
    void spacesOfEveryKindAreNotPartOfTheNumber(String typed) {
        assertEquals("974761076", OrgNumbers.normalise(typed));
        assertNull(OrgNumbers.problem(OrgNumbers.normalise(typed)));
    }

    @Test
    void otherCharactersStay() {
        assertEquals("974-761-076", OrgNumbers.normalise("974-761-076"));
        assertEquals("orgno.digits", OrgNumbers.problem(OrgNumbers.normalise("974-761-076")));
        assertNull(OrgNumbers.normalise(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"97476107", "9747610760", "97476107a", "", "974.761.076"})
    void aNumberThatIsNotNineDigitsIsSaidToBeSo(String orgno) {
        assertEquals("orgno.digits", OrgNumbers.problem(orgno));
    }

    @Test
    void nineDigitsWithAWrongCheckDigitAreSaidToBeSo() {
        assertEquals("orgno.invalid", OrgNumbers.problem("974761077"));
        assertEquals("orgno.invalid", OrgNumbers.problem("100000130"));
        assertEquals("orgno.digits", OrgNumbers.problem(null));
    }

    @Test
    void numbersAreGroupedAsTheRegisterPrintsThem() {
        assertEquals("974 761 076", OrgNumbers.format("974761076"));
        assertEquals("12345", OrgNumbers.format("12345"));
        assertEquals("", OrgNumbers.format(null));
    }
}
