package dev.smskamelets.sandbox.textable;

import dev.smskamelets.sandbox.BadRequestException;
import java.util.regex.Pattern;

/** Textable phone numbers are E.164: {@code +} then 8 to 15 digits, no leading zero. */
final class TxPhones {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");

    private TxPhones() {
    }

    static String e164(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("Missing parameter " + field);
        }
        String trimmed = value.trim();
        if (!E164.matcher(trimmed).matches()) {
            throw new BadRequestException("Invalid parameter " + field + ": '" + value + "' is not an E.164 phone number");
        }
        return trimmed;
    }
}
