package dev.smskamelets.textable;

import dev.smskamelets.core.deadletter.DescribedFailure;

/**
 * A Textable request refused before it was sent: names the operation, the field and the value. A permanent
 * {@link DescribedFailure} with code {@value #CODE}, so a dead-letter channel stores it with its reason.
 */
public class TextableValidationException extends IllegalArgumentException implements DescribedFailure {

    /** Vendor code recorded in dead letters. */
    public static final String CODE = "INVALID_REQUEST";
    private final String operation;
    private final String field;

    public TextableValidationException(String operation, String field, Object value, String rule) {
        super("textable " + operation + ": " + field + " " + rule + ", got "
                + (value == null ? "nothing" : "'" + value + "'"));
        this.operation = operation;
        this.field = field;
    }

    /** The field that failed. */
    public String field() {
        return field;
    }

    @Override
    public String vendor() {
        return "textable";
    }

    @Override
    public String operation() {
        return operation;
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
