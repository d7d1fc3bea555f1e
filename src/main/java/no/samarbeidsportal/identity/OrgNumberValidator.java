package no.samarbeidsportal.identity;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** MOD11 with the weights 3,2,7,6,5,4,3,2 (Brønnøysundregistrene); remainder 1 gives no valid number. */
public class OrgNumberValidator implements ConstraintValidator<OrgNumber, String> {

    private static final int[] WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

    private String message;

    @Override
    public void initialize(OrgNumber constraint) {
        message = constraint.message();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        // absent is @NotBlank's to report, once
        if (value == null || value.isEmpty() || isValid(value)) {
            return true;
        }
        if ("orgno.invalid".equals(message)) {
            // say which part is wrong: the number of digits, or the check digit
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(OrgNumbers.problem(value)).addConstraintViolation();
        }
        return false;
    }

    public static boolean isValid(String orgno) {
        if (orgno == null || orgno.length() != 9) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = orgno.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (i < 8) {
                sum += (c - '0') * WEIGHTS[i];
            }
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == orgno.charAt(8) - '0';
    }
}
