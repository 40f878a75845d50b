package dev.smskamelets.core.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.apache.camel.util.TimeUtils;

/** The counts of the current run of one route, and its totals since the start. Thread-safe. */
final class RunStats {

    private static final List<String> GROUPS = List.of("applied", "already", "absent");
    private final String route;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> totals = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private volatile long startNanos = System.nanoTime();
    private volatile long lastProgressNanos = System.nanoTime();
    /** When the run under way last counted a record (0: none yet). */
    private volatile long lastRecordNanos;
    private final AtomicLong lagCount = new AtomicLong();
    private final AtomicLong lagSumMillis = new AtomicLong();
    private final AtomicLong lagMaxMillis = new AtomicLong();

    RunStats(String route) {
        this.route = route;
    }

    String route() {
        return route;
    }

    void begin() {
        if (active.getAndIncrement() == 0) {
            startNanos = System.nanoTime();
            lastProgressNanos = startNanos;
            lastRecordNanos = 0;
        }
    }

    /** A run of this route is under way. */
    boolean inProgress() {
        return active.get() > 0;
    }

    /** Time since the run under way last counted a record; null when none is under way or it counted none yet. */
    Duration sinceLastRecord() {
        long last = lastRecordNanos;
        return !inProgress() || last == 0 ? null : Duration.ofNanos(System.nanoTime() - last);
    }

    /** True when the last active root of the run ended. */
    boolean end() {
        return active.decrementAndGet() <= 0 && active.getAndSet(0) >= 0;
    }

    void count(String outcome) {
        lastRecordNanos = System.nanoTime();
        counts.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        totals.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** Adds {@code n} to an outcome without counting a record (a cost: requests a poll made). */
    void add(String outcome, long n) {
        lastRecordNanos = System.nanoTime();
        counts.computeIfAbsent(outcome, k -> new LongAdder()).add(n);
        totals.computeIfAbsent(outcome, k -> new LongAdder()).add(n);
    }

    void lag(Duration lag) {
        long ms = Math.max(0, lag.toMillis());
        lagCount.incrementAndGet();
        lagSumMillis.addAndGet(ms);
        lagMaxMillis.accumulateAndGet(ms, Math::max);
    }

    boolean progressDue(Duration every) {
        long now = System.nanoTime();
        long last = lastProgressNanos;
        if (active.get() > 0 && now - last >= every.toNanos()) {
            lastProgressNanos = now;
            return true;
        }
        return false;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    String progress() {
        Duration took = elapsed();
        long read = value(counts, "read");
        double perSecond = read / Math.max(0.001, took.toMillis() / 1000.0);
        return "%s so far, %.0f records/s, %s".formatted(describe(), perSecond, TimeUtils.printDuration(took, true));
    }

    String summary(Duration took) {
        return describe() + " in " + TimeUtils.printDuration(took, true);
    }

    private String describe() {
        Map<String, Long> now = snapshot(counts);
        StringBuilder b = new StringBuilder("read ").append(now.getOrDefault("read", 0L));
        for (String group : GROUPS) {
            String items = now.entrySet().stream().filter(e -> e.getKey().startsWith(group + "."))
                    .map(e -> e.getKey().substring(group.length() + 1) + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            b.append(", ").append(group).append(items.isEmpty() ? " 0" : " " + items);
        }
        now.forEach((k, v) -> {
            if (!k.equals("read") && GROUPS.stream().noneMatch(g -> k.startsWith(g + "."))) {
                b.append(", ").append(k).append(' ').append(v);
            }
        });
        long lags = lagCount.get();
        if (lags > 0) {
            b.append(", lag avg ").append(TimeUtils.printDuration(lagSumMillis.get() / lags, true))
                    .append(" max ").append(TimeUtils.printDuration(lagMaxMillis.get(), true));
        }
        return b.toString();
    }

    void reset() {
        completed.incrementAndGet();
        counts.clear();
        lagCount.set(0);
        lagSumMillis.set(0);
        lagMaxMillis.set(0);
    }

    long completed() {
        return completed.get();
    }

    Map<String, Long> totals() {
        return snapshot(totals);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> map) {
        Map<String, Long> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(k, v.sum()));
        return new LinkedHashMap<>(sorted);
    }

    private static long value(Map<String, LongAdder> map, String key) {
        LongAdder adder = map.get(key);
        return adder == null ? 0 : adder.sum();
    }
}
