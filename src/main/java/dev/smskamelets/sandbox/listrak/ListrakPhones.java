package dev.smskamelets.sandbox.listrak;

/**
 * Phone numbers as Listrak uses them: 10-digit US numbers without country code ({@code 2125550123}). Input with
 * punctuation, a leading {@code +1} or {@code 1} is accepted and normalised; anything else is
 * {@code ERROR_INVALID_PHONE_NUMBER}.
 */
public final class ListrakPhones {

    private ListrakPhones() {
    }

    /** The normalised 10-digit form; throws Listrak's 400 naming the field and value when it is not a phone. */
    public static String normalize(String field, String value) {
        StringBuilder kept = new StringBuilder(12);
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (" ().+-".indexOf(c) < 0 && !Character.isWhitespace(c)) {
                    kept.append(c);
                }
            }
        }
        String digits = kept.toString();
        if (digits.length() == 11 && digits.charAt(0) == '1') {
            digits = digits.substring(1);
        }
        if (digits.length() != 10 || !digits.chars().allMatch(Character::isDigit) || digits.charAt(0) < '2') {
            throw ListrakError.badRequest("ERROR_INVALID_PHONE_NUMBER",
                    field + " '" + value + "' is not a valid phone number (10-digit US number expected).");
        }
        return digits;
    }

    /** The Two-Way SMS phone id of a phone number: country code and number as one integer (15558675309). */
    public static long phoneId(String phone) {
        return Long.parseLong("1" + phone);
    }

    /** The phone number of a Two-Way SMS phone id, or null when the id is not a US phone. */
    public static String phoneOf(long phoneId) {
        String s = Long.toString(phoneId);
        return s.length() == 11 && s.charAt(0) == '1' ? s.substring(1) : null;
    }
}
