package dev.smskamelets.core.http;

import dev.smskamelets.core.deadletter.DescribedFailure;
import java.time.Duration;

/**
 * The one error every vendor call ends in: which vendor and operation failed, the HTTP status (0 when no answer
 * came), the vendor's own error code (Listrak {@code ERROR_*}, Text Request {@code errorCode}, Cross Channel
 * {@code meta.errors[]}) and message, and how the failure is classified for retries.
 *
 * <p>Error handlers and the dead-letter store ({@link DescribedFailure}) read the fields; {@link #getMessage()} names all of them so a log line
 * alone explains the failure. The message never contains credentials.
 */
public class VendorApiException extends RuntimeException implements DescribedFailure {

    /** How a failure is treated: retried with back-off, given up at once, or an authentication problem. */
    public enum Kind {
        /** 429, 500/502/503/504, connection reset, timeout: retried with back-off. */
        RETRYABLE,
        /** Other 4xx and contract errors (a body that is not the promised JSON): never retried. */
        PERMANENT,
        /** 401/403 or a token-endpoint refusal (paused integration, wrong secret): never retried in a loop. */
        AUTH
    }

    private final String vendor;
    private final String operation;
    private final int status;
    private final String vendorCode;
    private final String vendorMessage;
    private final Kind kind;
    private final Duration retryAfter;
    private volatile int attempts = 1;

    public VendorApiException(String vendor, String operation, int status, String vendorCode, String vendorMessage,
                              Kind kind, Duration retryAfter, Throwable cause) {
        super(describe(vendor, operation, status, vendorCode, vendorMessage, kind), cause);
        this.vendor = vendor;
        this.operation = operation;
        this.status = status;
        this.vendorCode = vendorCode;
        this.vendorMessage = vendorMessage;
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public VendorApiException(String vendor, String operation, int status, String vendorCode, String vendorMessage,
                              Kind kind) {
        this(vendor, operation, status, vendorCode, vendorMessage, kind, null, null);
    }

    private static String describe(String vendor, String operation, int status, String code, String message, Kind kind) {
        StringBuilder text = new StringBuilder(vendor).append(' ').append(operation).append(" failed");
        text.append(status > 0 ? " with HTTP " + status : " without an HTTP answer");
        if (code != null) {
            text.append(" [").append(code).append(']');
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        return text.append(" (").append(kind.name().toLowerCase(java.util.Locale.ROOT)).append(')').toString();
    }

    public String getVendor() {
        return vendor;
    }

    public String getOperation() {
        return operation;
    }

    /** HTTP status, 0 when the call got no answer (reset, timeout). */
    public int getStatus() {
        return status;
    }

    /** The vendor's error code, e.g. {@code ERROR_PHONE_NUMBER_NOT_FOUND}, or null. */
    public String getVendorCode() {
        return vendorCode;
    }

    public String getVendorMessage() {
        return vendorMessage;
    }

    public Kind getKind() {
        return kind;
    }

    public boolean isRetryable() {
        return kind == Kind.RETRYABLE;
    }

    /** How many times the call was sent before giving up (retries included). */
    public int getAttempts() {
        return attempts;
    }

    VendorApiException attempts(int value) {
        this.attempts = value;
        return this;
    }

    @Override
    public String vendor() {
        return vendor;
    }

    @Override
    public String operation() {
        return operation;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String vendorCode() {
        return vendorCode;
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public boolean retryable() {
        return isRetryable();
    }

    /** The wait the vendor asked for with {@code Retry-After}, or null. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
