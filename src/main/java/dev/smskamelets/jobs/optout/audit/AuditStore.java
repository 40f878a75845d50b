package dev.smskamelets.jobs.optout.audit;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Where the audit trail lives: append-only, queried per number and per time range, expired by retention. */
public interface AuditStore extends AutoCloseable {

    /** Appends one entry durably (per the store's sync policy). */
    void append(AuditEntry entry);

    /** Every entry about this number (its events and their outcomes), in the order they were appended. */
    List<AuditEntry> journey(String number);

    /** Every entry filed at or after {@code from} (events received, outcomes happened), in append order. */
    void scan(Instant from, Consumer<AuditEntry> sink);

    /** Deletes what was filed before {@code horizon} (whole months for the file store); returns what was removed. */
    long expireBefore(Instant horizon);

    @Override
    default void close() {
    }
}
