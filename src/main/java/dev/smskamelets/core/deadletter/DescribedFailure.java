package dev.smskamelets.core.deadletter;

/**
 * A failure that can describe itself to the dead-letter store: which vendor and operation failed, the HTTP status
 * and the vendor's own error code. Exceptions of the HTTP client core and the phone normalizer implement it; the
 * {@link DeadLetterProcessor} records whatever they expose. Every method may return {@code null} (or {@code 0} for
 * {@link #status()}) when the value does not apply.
 */
public interface DescribedFailure {

    /** Vendor (e.g. {@code listrak-sms}, {@code textrequest}), or {@code null}. */
    String vendor();

    /** Operation or field that failed (e.g. {@code ContactUnsubscribe}, {@code phone}), or {@code null}. */
    String operation();

    /** HTTP status of the vendor's answer, {@code 0} when there was none (connection error, validation). */
    int status();

    /** The vendor's error code (e.g. {@code ERROR_PHONE_NUMBER_NOT_FOUND}), or {@code null}. */
    String vendorCode();

    /** How many times the call was attempted (the HTTP core's own retries), {@code 0} when unknown. */
    default int attempts() {
        return 0;
    }

    /** Whether retrying the same record later may succeed (429, 5xx, timeouts); permanent failures say false. */
    default boolean retryable() {
        return false;
    }
}
