package dev.smskamelets.core.phone;

import dev.smskamelets.core.deadletter.DescribedFailure;

/**
 * A phone number that cannot be normalized for its target; names the field and the value, and is a permanent
 * {@link DescribedFailure} (code {@value #CODE}) so the record goes to the dead-letter store.
 */
public class InvalidPhoneNumberException extends IllegalArgumentException implements DescribedFailure {

    /** Vendor code recorded in dead letters. */
    public static final String CODE = "INVALID_PHONE_NUMBER";
    private final String field;
    private final String value;
    private final String target;

    public InvalidPhoneNumberException(String field, String value, String target, String reason) {
        super("Invalid phone number in " + field + ": '" + value + "' (" + reason + ")"
                + (target == null ? "" : " for " + target));
        this.field = field;
        this.value = value;
        this.target = target;
    }

    /** The field (header or body field) that held the number. */
    public String field() {
        return field;
    }

    /** The value as received. */
    public String value() {
        return value;
    }

    @Override
    public String vendor() {
        return target;
    }

    @Override
    public String operation() {
        return field;
    }

    @Override
    public int status() {
        return 0;
    }

    @Override
    public String vendorCode() {
        return CODE;
    }
}
