package dev.smskamelets.core.idempotent;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The per-page contract of the library's idempotent repositories, on top of Camel's {@link IdempotentRepository}
 * (which stays fully honoured): a source claims a whole page's keys in one lookup-and-write, and confirms the keys it
 * handed off in one write (one append for the file store, one transaction for JDBC), instead of a lookup, an add
 * and a confirm per record. {@link PageIdempotency} uses it when the repository implements it and falls back to
 * Camel's per-key calls otherwise.
 */
public interface BatchIdempotentRepository extends IdempotentRepository {

    /** What {@link #claimAll} found and did, per key. */
    record Claims(Set<String> claimed, Set<String> done, Set<String> inFlight) {
    }

    /**
     * One lookup-and-claim for a page: every key neither confirmed nor pending elsewhere (or pending longer than the
     * pending timeout) becomes pending for this caller ({@code claimed}); {@code done} are confirmed keys,
     * {@code inFlight} keys another caller holds pending. Atomic per key: of several callers claiming the same key,
     * exactly one gets it.
     */
    Claims claimAll(Collection<String> keys);

    /**
     * Confirms keys in one write. {@code times} maps each key to the time of its record in the source's order, or
     * null: a key with a time belongs to {@code scope} and may be forgotten once {@link #expireBefore} passes it.
     */
    void confirmAll(String scope, Map<String, Instant> times);

    /** Releases pending keys (claimed, then not handed off) in one write, so the next pass claims them again. */
    void removeAll(Collection<String> keys);

    /**
     * Forgets the confirmed keys of {@code scope} whose record time is before {@code horizon}: the earliest time the
     * source can still re-read (its watermark minus lookback). Keys at or after the horizon are kept. Returns how
     * many were forgotten; repositories that keep nothing in memory may keep everything and return 0.
     */
    int expireBefore(String scope, Instant horizon);

    /**
     * Whether {@link #expireBefore} really forgets keys (the file store, which holds its keys in memory). A source
     * then does not confirm the keys its checkpoint already moved past at all (they would be forgotten at once);
     * one that keeps every key (the JDBC store) has them confirmed as any other. Default false.
     */
    default boolean expires() {
        return false;
    }

    /** {@link #claimEach} outcome: the key is now pending for this caller. */
    byte CLAIMED = 0;
    /** {@link #claimEach} outcome: the key is confirmed. */
    byte DONE = 1;
    /** {@link #claimEach} outcome: another caller holds the key pending. */
    byte IN_FLIGHT = 2;
    /** {@link #claimEach} outcome: the key repeats one earlier in the same list (which has the outcome). */
    byte DUPLICATE = 3;
    /** A {@link #confirmEach} time meaning "none": the key never expires. */
    long NO_TIME = Long.MIN_VALUE;

    /**
     * {@link #claimAll} answered by position ({@link #CLAIMED}, {@link #DONE}, {@link #IN_FLIGHT}; {@link #DUPLICATE}
     * for a key repeating an earlier one of the list): the same contract without building sets per page. The default
     * delegates to {@link #claimAll}.
     */
    default byte[] claimEach(List<String> keys) {
        Set<String> distinct = new LinkedHashSet<>(keys);
        Claims claims = claimAll(distinct);
        Set<String> seen = new HashSet<>();
        byte[] outcome = new byte[keys.size()];
        for (int i = 0; i < outcome.length; i++) {
            String key = keys.get(i);
            outcome[i] = !seen.add(key) ? DUPLICATE : claims.claimed().contains(key) ? CLAIMED
                    : claims.done().contains(key) ? DONE : IN_FLIGHT;
        }
        return outcome;
    }

    /**
     * {@link #confirmAll} by position: {@code keys.get(i)} with record time {@code times[i]} (epoch millis, or
     * {@link #NO_TIME}). The default delegates to {@link #confirmAll}.
     */
    default void confirmEach(String scope, List<String> keys, long[] times) {
        Map<String, Instant> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), times[i] == NO_TIME ? null : Instant.ofEpochMilli(times[i]));
        }
        confirmAll(scope, map);
    }
}
