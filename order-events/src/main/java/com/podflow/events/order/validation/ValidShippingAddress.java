package com.podflow.events.order.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.podflow.events.order.ShippingAddress;

/**
 * The rules of an address that depend on its country: {@code state} required (and a known code) for US, CA and AU;
 * {@code postCode} required except where a country has none, and in the national format for common countries;
 * {@code phone} readable by libphonenumber with the country's numbering plan.
 */
@Target({TYPE, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = ValidShippingAddress.Validator.class)
public @interface ValidShippingAddress {
    String message() default "is not a valid address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports each problem on its own field. */
    class Validator implements ConstraintValidator<ValidShippingAddress, ShippingAddress> {
        private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
        private static final Pattern PHONE_CHARS = Pattern.compile("[+]?[0-9 ().\\-/]{4,30}");

        static final Map<String, Set<String>> STATES = Map.of(
                "US", Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
                        "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
                        "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
                        "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP", "AA", "AE", "AP"),
                "CA", Set.of("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"),
                "AU", Set.of("ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA"));

        /** Countries without post codes (or where they are not used for delivery). */
        static final Set<String> NO_POST_CODE = Set.of("AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW",
                "BZ", "CD", "CF", "CG", "CI", "CK", "CM", "DJ", "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY",
                "HK", "IE", "JM", "KI", "KM", "KN", "LC", "ML", "MO", "MR", "MW", "NR", "NU", "QA", "RW", "SB", "SC",
                "SL", "SR", "ST", "SY", "TD", "TF", "TG", "TK", "TL", "TO", "TV", "UG", "VU", "YE", "ZW");

        static final Map<String, Pattern> POST_CODES = Map.ofEntries(
                Map.entry("US", Pattern.compile("\\d{5}(-\\d{4})?")),
                Map.entry("CA", Pattern.compile("[A-Za-z]\\d[A-Za-z] ?\\d[A-Za-z]\\d")),
                Map.entry("GB", Pattern.compile("[A-Za-z]{1,2}\\d[A-Za-z\\d]? ?\\d[A-Za-z]{2}")),
                Map.entry("DE", Pattern.compile("\\d{5}")), Map.entry("FR", Pattern.compile("\\d{5}")),
                Map.entry("ES", Pattern.compile("\\d{5}")), Map.entry("IT", Pattern.compile("\\d{5}")),
                Map.entry("SE", Pattern.compile("\\d{3} ?\\d{2}")), Map.entry("NO", Pattern.compile("\\d{4}")),
                Map.entry("DK", Pattern.compile("\\d{4}")), Map.entry("FI", Pattern.compile("\\d{5}")),
                Map.entry("NL", Pattern.compile("\\d{4} ?[A-Za-z]{2}")), Map.entry("BE", Pattern.compile("\\d{4}")),
                Map.entry("AT", Pattern.compile("\\d{4}")), Map.entry("CH", Pattern.compile("\\d{4}")),
                Map.entry("PL", Pattern.compile("\\d{2}-?\\d{3}")), Map.entry("AU", Pattern.compile("\\d{4}")),
                Map.entry("JP", Pattern.compile("\\d{3}-?\\d{4}")), Map.entry("BR", Pattern.compile("\\d{5}-?\\d{3}")));

        @Override
        public boolean isValid(ShippingAddress address, ConstraintValidatorContext context) {
            if (address == null || address.country() == null) {
                return true;
            }
            String country = address.country();
            boolean valid = true;
            context.disableDefaultConstraintViolation();

            Set<String> states = STATES.get(country);
            if (states != null) {
                if (isBlank(address.state())) {
                    valid = violation(context, "state", OrderViolations.REQUIRED + " for addresses in " + country
                            + " (the state or province code, e.g. " + example(country) + ")");
                } else if (!states.contains(address.state().trim().toUpperCase())) {
                    valid = violation(context, "state", "is not a state or province code of " + country + " (e.g. "
                            + example(country) + ")");
                }
            }

            if (isBlank(address.postCode())) {
                if (!NO_POST_CODE.contains(country)) {
                    valid = violation(context, "postCode", OrderViolations.REQUIRED);
                }
            } else {
                Pattern format = POST_CODES.get(country);
                if (format != null && !format.matcher(address.postCode().trim()).matches()) {
                    valid = violation(context, "postCode", "is not a post code of " + country);
                }
            }

            if (!isBlank(address.phone()) && !readablePhone(address.phone().trim(), country)) {
                valid = violation(context, "phone",
                        "is not a phone number of the form \"+<country code> <number>\" (e.g. \"+46 8 123 456 78\")");
            }
            return valid;
        }

        /**
         * Readable by libphonenumber with a known country code and not too long. Deliberately not
         * {@code isValidNumber}: carriers accept numbers the library's ranges do not know yet, and refusing a real
         * customer's number costs more than passing an odd one.
         */
        static boolean readablePhone(String phone, String country) {
            if (!PHONE_CHARS.matcher(phone).matches() || phone.replaceAll("\\D", "").length() < 5) {
                return false;
            }
            try {
                var number = PHONES.parse(phone, phone.startsWith("+") ? "ZZ" : country);
                ValidationResult result = PHONES.isPossibleNumberWithReason(number);
                return result != ValidationResult.INVALID_COUNTRY_CODE && result != ValidationResult.TOO_LONG;
            } catch (NumberParseException e) {
                return false;
            }
        }

        private static String example(String country) {
            return switch (country) {
                case "US" -> "\"NY\"";
                case "CA" -> "\"ON\"";
                default -> "\"NSW\"";
            };
        }

        private static boolean violation(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(OrderViolations.escape(message))
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
