package no.samarbeidsportal.identity;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Norwegian organisation number: 9 digits with a valid MOD11 check digit. Null and empty are left to {@code @NotBlank}. */
@Documented
@Constraint(validatedBy = OrgNumberValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface OrgNumber {

    String message() default "orgno.invalid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
