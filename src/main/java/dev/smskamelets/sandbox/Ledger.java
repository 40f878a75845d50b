package dev.smskamelets.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Every state change the sandbox makes, with the request that caused it, so that tests can prove "nothing
 * lost, nothing written twice". Entries are kept up to a capacity (a benchmark writing millions of rows keeps
 * only counts past it); the per-key write counts are always exact.
 */
public final class Ledger {

    /** One state change. {@code entity} is e.g. {@code contact}, {@code key} its identity at that vendor. */
    public record Entry(long seq, Instant at, String api, String operationId, String entity, String key,
                        String change, String requestId) {
    }

    private final int capacity;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, AtomicLong> writesPerKey = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();

    public Ledger(int capacity) {
        this.capacity = capacity;
    }

    public Entry record(String api, String operationId, String entity, String key, String change, String requestId) {
        Entry entry = new Entry(seq.incrementAndGet(), Instant.now(), api, operationId, entity, key, change, requestId);
        writesPerKey.computeIfAbsent(keyOf(api, entity, key), k -> new AtomicLong()).incrementAndGet();
        synchronized (entries) {
            if (entries.size() < capacity) {
                entries.add(entry);
            }
        }
        return entry;
    }

    /** Sequence number of the newest entry; take it before an action and pass it to {@link #since(long)}. */
    public long mark() {
        return seq.get();
    }

    public List<Entry> since(long mark) {
        return entries(e -> e.seq() > mark);
    }

    public List<Entry> entries() {
        return entries(e -> true);
    }

    public List<Entry> entries(Predicate<Entry> filter) {
        synchronized (entries) {
            return entries.stream().filter(filter).toList();
        }
    }

    /** How many state changes touched this entity at this vendor, whatever the capacity. */
    public long writes(String api, String entity, String key) {
        AtomicLong n = writesPerKey.get(keyOf(api, entity, key));
        return n == null ? 0 : n.get();
    }

    public long size() {
        return seq.get();
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
            writesPerKey.clear();
        }
    }

    private static String keyOf(String api, String entity, String key) {
        return api + '\u0000' + entity + '\u0000' + key;
    }
}
