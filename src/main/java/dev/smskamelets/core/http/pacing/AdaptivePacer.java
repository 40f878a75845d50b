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
 *
 * <p>Waiting callers are served one slot at a time; a priority caller (a web hook event, see
 * {@link #priority(java.util.concurrent.Callable)}) takes the next slot before the background callers in line.
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
    private final AtomicLong priorityServed = new AtomicLong();
    /** Callers waiting for a slot: priority ones (web hook events) are served before background ones. */
    private final java.util.ArrayDeque<Object> urgent = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Object> background = new java.util.ArrayDeque<>();
    private static final ThreadLocal<Integer> PRIORITY = ThreadLocal.withInitial(() -> 0);

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

    /**
     * Blocks until this caller's slot. Callers are served one slot at a time, in arrival order, except that a
     * priority caller (see {@link #priority(java.util.concurrent.Callable)}: a web hook event) takes the next free
     * slot before every background caller still waiting; the slots stay {@code 1/rate} apart either way, so the
     * account's rate is never exceeded.
     */
    public void acquire() throws InterruptedException {
        acquire(PRIORITY.get() > 0);
    }

    /** Blocks until this caller's slot; {@code priority} callers go before waiting background callers. */
    public void acquire(boolean priority) throws InterruptedException {
        Object ticket = new Object();
        synchronized (this) {
            (priority ? urgent : background).addLast(ticket);
            try {
                while (true) {
                    Object head = !urgent.isEmpty() ? urgent.peekFirst() : background.peekFirst();
                    long now = System.nanoTime();
                    if (head == ticket) {
                        long wait = nextSlotNanos - now;
                        if (wait <= 0) {
                            (priority ? urgent : background).removeFirst();
                            nextSlotNanos = Math.max(now, nextSlotNanos) + (long) (1e9 / rate);
                            if (priority) {
                                priorityServed.incrementAndGet();
                            }
                            notifyAll(); // the next head starts waiting for its slot
                            break;
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, wait);
                    } else {
                        wait(); // not first in line: woken when a slot is taken or the line changes
                    }
                }
            } catch (InterruptedException e) {
                urgent.remove(ticket);
                background.remove(ticket);
                notifyAll();
                throw e;
            }
        }
        acquired.incrementAndGet();
    }

    /** Callers waiting for a slot (priority and background). */
    public synchronized int waiting() {
        return urgent.size() + background.size();
    }

    /** Slots taken by priority callers. */
    public long priorityServed() {
        return priorityServed.get();
    }

    /**
     * Runs {@code work} with this thread's vendor calls paced as priority calls (every account's pacer): the calls
     * of a web hook event take the next free slot before the calls of a draining backlog. Nests.
     */
    public static <T> T priority(java.util.concurrent.Callable<T> work) throws Exception {
        PRIORITY.set(PRIORITY.get() + 1);
        try {
            return work.call();
        } finally {
            int depth = PRIORITY.get() - 1;
            if (depth == 0) {
                PRIORITY.remove();
            } else {
                PRIORITY.set(depth);
            }
        }
    }

    /** True when this thread's vendor calls are paced as priority calls. */
    public static boolean isPriority() {
        return PRIORITY.get() > 0;
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
        notifyAll(); // the caller first in line waits for the new slot
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
