package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.BadRequestException;

/**
 * Text Request phone numbers: US only, 10 digits or 11 digits starting with 1. The sandbox stores the 11-digit
 * form ({@code 13216547890}), as the vendor returns it.
 */
final class TrPhones {

    private TrPhones() {
    }

    /** Strict form of the send endpoints: digits only, 10 or 11 of them. */
    static String strict(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new BadRequestException("The " + field + " phone number must be specified.");
        }
        if (!value.chars().allMatch(Character::isDigit)) {
            throw new BadRequestException("The " + field + " phone number must contain digits only, got '" + value + "'.");
        }
        return elevenDigits(field, value);
    }

    /** Lenient form of contact paths: punctuation such as {@code 321-654-7890} or {@code +1 (321) ...} is dropped. */
    static String lenient(String field, String value) {
        String digits = value == null ? "" : value.replaceAll("[\\s()+.\\-]", "");
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new BadRequestException("The " + field + " '" + value + "' is not a valid US phone number.");
        }
        return elevenDigits(field, digits);
    }

    private static String elevenDigits(String field, String digits) {
        if (digits.length() == 10) {
            return "1" + digits;
        }
        if (digits.length() == 11 && digits.charAt(0) == '1') {
            return digits;
        }
        throw new BadRequestException("The " + field + " phone number must be a 10 or 11 digit US number (+1 only), got '"
                + digits + "'.");
    }
}
