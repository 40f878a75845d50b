package dev.smskamelets.core.deadletter;

/**
 * A record (an inbox or drop-folder file, a queued message) that cannot be read as what it should be, e.g. a file
 * that is not JSON. Not an {@link IllegalArgumentException}: a half-written file can look like this, so the
 * consumer retries it a bounded number of times ({@link FileAttempts}) before it is dead-lettered with this reason.
 */
public class UnreadableRecordException extends RuntimeException implements DescribedFailure {

    private final String field;

    public UnreadableRecordException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    @Override public String vendor() { return null; }
    @Override public String operation() { return field; }
    @Override public int status() { return 0; }
    @Override public String vendorCode() { return "UNREADABLE"; }
}
