package dev.smskamelets.core.http.pacing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client-side rate limit for one vendor account, shared by every kamelet using that account (see
 * {@link Pacers}). None of the vendors publishes a rate limit, so the configured {@code requestsPerSecond} (default
 * 10) is a guess and the ceiling: the pacer starts there and never goes above it, and learns a lower real limit from
 * the vendor's 429s. Requests are spaced evenly at the current rate. The rate adapts AIMD-style: a 429 halves it
 * (at most once per second, so one burst of 429s counts once) and pauses every caller for the vendor's
 * {@code Retry-After}; each success adds {@code 1/rate} requests/s back (about +1 request/s per second) up to 90% of
 * the lowest rate that was throttled, and a tenth of that above it (a slow probe), never above the configured ceiling.
 * A job therefore settles just under the vendor's real limit without a retry storm.
 */
public final class AdaptivePacer {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptivePacer.class);
    private static final double MIN_RATE = 0.2;

    private final String account;
    private double ceiling;
    private double rate;
    private long nextSlotNanos;
    private long lastDecreaseNanos;
    private boolean decreased;
    /** The lowest rate the vendor throttled us at; above 90% of it the rate only creeps (probing). */
    private double throttledAt = Double.MAX_VALUE;
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong acquired = new AtomicLong();

    public AdaptivePacer(String account, double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond of account '" + account + "' must be > 0, got "
                    + requestsPerSecond);
        }
        this.account = account;
        this.ceiling = requestsPerSecond;
        this.rate = requestsPerSecond;
        this.nextSlotNanos = System.nanoTime();
    }

    /** Blocks until this caller's slot; callers are served in slot order. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlotNanos);
            nextSlotNanos = slot + (long) (1e9 / rate);
            wait = slot - now;
        }
        acquired.incrementAndGet();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** The vendor answered 429: halve the rate and hold every caller back for {@code retryAfter}. */
    public synchronized void onThrottled(Duration retryAfter) {
        throttled.incrementAndGet();
        long now = System.nanoTime();
        if (!decreased || now - lastDecreaseNanos > 1_000_000_000L) { // nanoTime's origin is arbitrary
            decreased = true;
            throttledAt = Math.min(throttledAt, rate);
            rate = Math.max(MIN_RATE, rate / 2);
            lastDecreaseNanos = now;
            LOG.debug("Account {} throttled by the vendor: pacing down to {} requests/s", account, rate);
        }
        long resumeAt = now + (retryAfter == null ? 0 : retryAfter.toNanos());
        nextSlotNanos = Math.max(nextSlotNanos, resumeAt);
    }

    /** A request went through: creep back up towards the ceiling. */
    public synchronized void onSuccess() {
        if (rate < ceiling) {
            double step = rate < 0.9 * throttledAt ? 1.0 / rate : 0.1 / rate;
            rate = Math.min(ceiling, rate + step);
        }
    }

    /** Another kamelet of the account asks for a lower limit: the lowest configured one wins. */
    public synchronized void limitTo(double requestsPerSecond) {
        if (requestsPerSecond > 0 && requestsPerSecond < ceiling) {
            ceiling = requestsPerSecond;
            rate = Math.min(rate, ceiling);
        }
    }

    public synchronized double currentRate() {
        return rate;
    }

    public synchronized double ceiling() {
        return ceiling;
    }

    /** 429s seen on this account. */
    public long throttled() {
        return throttled.get();
    }

    public long acquired() {
        return acquired.get();
    }

    public String account() {
        return account;
    }
}
