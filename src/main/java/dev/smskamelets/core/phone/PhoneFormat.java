package dev.smskamelets.core.phone;

import java.util.Locale;

/** How a target wants phone numbers written. */
public enum PhoneFormat {
    /** {@code +15551234567}: Listrak, Textable. */
    E164,
    /** {@code 5551234567}, North American numbers only: Text Request (its default here). */
    NANP_10,
    /** {@code 15551234567}, North American numbers only: Text Request with the optional country code. */
    NANP_11;

    /**
     * The format for a target or format name: {@code textrequest} → {@link #NANP_10}; {@code listrak*},
     * {@code textable}, {@code e164} → {@link #E164}; {@code nanp_10}, {@code nanp_11} as named.
     */
    public static PhoneFormat forTarget(String target) {
        String t = target == null ? "" : target.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (t.startsWith("textrequest")) {
            return NANP_10;
        }
        if (t.startsWith("listrak") || t.startsWith("textable") || t.equals("e164")) {
            return E164;
        }
        for (PhoneFormat f : values()) {
            if (f.name().equalsIgnoreCase(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Invalid phone format or target '" + target
                + "': expected textrequest, listrak, textable, E164, NANP_10 or NANP_11");
    }
}
