package no.samarbeidsportal.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OrgNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"991825827", "889640782", "974761076", "310000019", "123456785", "310000000"})
    void acceptsNumbersWithCorrectCheckDigit(String orgno) {
        assertTrue(OrgNumberValidator.isValid(orgno), orgno);
    }

    @ParameterizedTest
    @ValueSource(strings = {"991825826", "123456789", "12345678", "1234567890", "99182582a", " 991825827",
            "991 825 827", "-91825827"})
    void refusesWrongCheckDigitLengthOrCharacters(String orgno) {
        assertFalse(OrgNumberValidator.isValid(orgno), orgno);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesNothing(String orgno) {
        assertFalse(OrgNumberValidator.isValid(orgno));
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000130", "100000139", "310000060", "310000069"})
    void refusesNumbersWhoseCheckDigitWouldBeTen(String orgno) {
        // the first eight digits give remainder 1: no check digit exists, so no ninth digit is right
        assertFalse(OrgNumberValidator.isValid(orgno));
    }
}
