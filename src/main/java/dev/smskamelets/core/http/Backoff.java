package dev.smskamelets.core.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter, capped, that gives way to a vendor's {@code Retry-After}: the wait before
 * retry {@code n} (1-based) is a random value in {@code [base/2, base]} with {@code base = initial * 2^(n-1)}
 * capped at {@code max}; a {@code Retry-After} longer than that wins, itself capped at {@code retryAfterCap}.
 *
 * @param maxAttempts   total attempts including the first (1 = never retry)
 * @param initial       base delay before the first retry
 * @param max           cap of the exponential delay
 * @param retryAfterCap cap of a vendor's Retry-After (a vendor asking for an hour does not stall a job for an hour)
 */
public record Backoff(int maxAttempts, Duration initial, Duration max, Duration retryAfterCap) {

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public static Backoff defaults() {
        return new Backoff(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    /** Wait before retry number {@code retry} (1 = first retry), honouring the vendor's Retry-After. */
    public Duration delay(int retry, Duration retryAfter) {
        long base = Math.min(max.toMillis(), initial.toMillis() << Math.min(30, retry - 1));
        long jittered = base <= 1 ? base : ThreadLocalRandom.current().nextLong(base / 2, base + 1);
        Duration capped = capped(retryAfter);
        long wanted = capped == null ? 0 : capped.toMillis();
        return Duration.ofMillis(Math.max(jittered, wanted));
    }

    /**
     * A vendor's {@code Retry-After} as honoured: at most {@code retryAfterCap}, for the retry and for the pause of the
     * account's other calls alike (null stays null).
     */
    public Duration capped(Duration retryAfter) {
        return retryAfter == null || retryAfter.compareTo(retryAfterCap) <= 0 ? retryAfter : retryAfterCap;
    }
}
