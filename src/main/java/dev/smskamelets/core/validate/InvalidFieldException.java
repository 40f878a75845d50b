package dev.smskamelets.core.validate;

import dev.smskamelets.core.deadletter.DescribedFailure;

/**
 * A record refused before any request: it names the vendor, the field and the offending value, so the caller's
 * error handler (or the dead-letter store, which records {@code vendorCode = INVALID_FIELD} and the field as the
 * operation) says exactly what to fix. Never retryable.
 */
public class InvalidFieldException extends IllegalArgumentException implements DescribedFailure {

    private final String vendor;
    private final String field;
    private final String value;

    public InvalidFieldException(String vendor, String field, String value, String rule) {
        super(vendor + ": " + field + " " + rule + ", got '" + abbreviate(value) + "'");
        this.vendor = vendor;
        this.field = field;
        this.value = value;
    }

    /** The refused value (as given). */
    public String value() {
        return value;
    }

    /** The refused field. */
    public String field() {
        return field;
    }

    @Override public String vendor() { return vendor; }
    @Override public String operation() { return field; }
    @Override public int status() { return 0; }
    @Override public String vendorCode() { return "INVALID_FIELD"; }

    private static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() > 80 ? value.substring(0, 77) + "... (" + value.length() + " characters)" : value;
    }
}
