package dev.smskamelets.core.deadletter;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Bounds how often a file consumer (an inbox, a drop folder) retries a file that fails: use it as the {@code onWhen}
 * of a {@code doCatch} that dead-letters the file, e.g.
 * <pre>
 * - doCatch:
 *     - exception: [java.lang.Exception]
 *       onWhen: { simple: "${bean:inboxAttempts?method=giveUp(${exchange})}" }
 *       steps: [ { process: { ref: smsDeadLetters } } ]
 * </pre>
 * {@link #giveUp} answers, for the failure of the file in the exchange ({@code CamelFileAbsolutePath}):
 * <ul>
 *   <li>false for a transient vendor failure ({@link DescribedFailure#retryable()}: 429, 5xx, timeouts after the
 *       client's own retries): the file stays for the next poll, as the vendor outage is not the record's fault;</li>
 *   <li>true at once for bad input ({@link IllegalArgumentException}, e.g. an invalid phone or field): retrying
 *       cannot help;</li>
 *   <li>otherwise (an unreadable file, an unexpected error) false until the file has failed {@code maxAttempts}
 *       times in this process, then true.</li>
 * </ul>
 * When it gives up it sets header {@code SmsKameletsDeadLetterAttempts} so the dead letter records the attempts.
 * Counts live in memory (at most {@code 10000} files), so a restart allows {@code maxAttempts} more; an entry of the
 * cluster's inbox table brings its claims across nodes ({@value #CLAIMS_PROPERTY}), which count too.
 */
public class FileAttempts {

    private static final int MAX_FILES = 10_000;
    private static final String DECIDED = "SmsKameletsFileAttemptsGiveUp";
    /**
     * Exchange property naming the file when headers may not survive the route ({@code CamelFilePath} is read
     * otherwise); the opt-out inbox sets it before applying the event.
     */
    public static final String FILE_PROPERTY = "SmsKameletsFile";
    /**
     * Exchange property: how often the record was taken so far on every node, this time included (the cluster
     * inbox's {@code sms-inbox:} consumer sets it); when set, the attempts are the larger of it and this process's
     * count, so several nodes together give up after {@code maxAttempts} too.
     */
    public static final String CLAIMS_PROPERTY = "SmsInboxAttempts";
    private final Map<String, Integer> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_FILES;
        }
    };
    private int maxAttempts = 3;

    /** Whether the failed file of this exchange is to be dead-lettered now (see the class comment). */
    public boolean giveUp(Exchange exchange) {
        Boolean decided = exchange.getProperty(DECIDED, Boolean.class);
        if (decided != null) {
            return decided; // Camel may evaluate a doCatch's onWhen more than once for one failure
        }
        boolean answer = decide(exchange);
        exchange.setProperty(DECIDED, answer);
        return answer;
    }

    private boolean decide(Exchange exchange) {
        Throwable failure = DeadLetterRecords.failure(exchange);
        DescribedFailure described = DeadLetterRecords.described(failure);
        if (described != null && described.retryable()) {
            return false;
        }
        String file = exchange.getProperty(FILE_PROPERTY, String.class);
        if (file == null) {
            file = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        }
        if (file == null) {
            file = exchange.getMessage().getHeader(Exchange.FILE_NAME, exchange.getExchangeId(), String.class);
        }
        boolean badInput = false;
        for (Throwable t = failure; t != null && !badInput; t = t.getCause() == t ? null : t.getCause()) {
            badInput = t instanceof IllegalArgumentException;
        }
        // an entry of the cluster's inbox table carries how often any node claimed it: the bound is the cluster's
        Integer claims = exchange.getProperty(CLAIMS_PROPERTY, Integer.class);
        int attempts;
        synchronized (failures) {
            attempts = Math.max(failures.merge(file, 1, Integer::sum), claims == null ? 0 : claims);
            if (!badInput && attempts < maxAttempts) {
                return false;
            }
            failures.remove(file);
        }
        int previous = exchange.getMessage().getHeader(DeadLetterRecords.PREVIOUS_ATTEMPTS, 0, Integer.class);
        exchange.getMessage().setHeader(DeadLetterRecords.PREVIOUS_ATTEMPTS, previous + attempts - 1);
        return true;
    }

    /** Failures counted so far for a file path (0 when none). */
    public int failures(String file) {
        synchronized (failures) {
            return failures.getOrDefault(file, 0);
        }
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Attempts before an unreadable file is dead-lettered (default 3, at least 1). */
    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }
}
