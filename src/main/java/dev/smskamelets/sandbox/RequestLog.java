package dev.smskamelets.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The requests the sandbox received (newest {@code capacity} kept) and exact per-operation counts. Headers are
 * never stored, so no credential can leak through it.
 */
public final class RequestLog {

    /** One served request. {@code outcome} says what answered it: handler, fault, contract, auth or routing. */
    public record Entry(long seq, Instant at, String api, String operationId, String method, String path,
                        String query, int status, String outcome, long millis, String requestBody) {
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();

    public RequestLog(int capacity) {
        this.capacity = capacity;
    }

    public long nextSeq() {
        return seq.incrementAndGet();
    }

    public void add(Entry entry) {
        counts.computeIfAbsent(entry.api() + " " + entry.operationId(), k -> new AtomicLong()).incrementAndGet();
        synchronized (entries) {
            entries.addLast(entry);
            while (entries.size() > capacity) {
                entries.removeFirst();
            }
        }
    }

    public List<Entry> entries() {
        return entries(e -> true);
    }

    public List<Entry> entries(Predicate<Entry> filter) {
        synchronized (entries) {
            return entries.stream().filter(filter).toList();
        }
    }

    /** Requests that reached this operation (whatever answered them). */
    public long count(String api, String operationId) {
        AtomicLong n = counts.get(api + " " + operationId);
        return n == null ? 0 : n.get();
    }

    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
            counts.clear();
        }
    }
}
