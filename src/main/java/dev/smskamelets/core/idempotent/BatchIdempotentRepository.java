package dev.smskamelets.core.idempotent;

import java.time.Instant;
import java.util.Collection;
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
}
