package dev.smskamelets.core.webhook;

import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import dev.smskamelets.core.idempotent.JdbcIdempotentRepository;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Refuses a signed delivery that was accepted before (a replay) inside its timestamp window. The key is what the
 * sender signed, e.g. {@code textrequest-webhook:<timestamp>:<SHA-256 of the body>}, never the signature text (a
 * re-encoded signature is the same signed request). By default an in-memory LRU of {@code capacity} keys (size it
 * above the deliveries expected per window), which a restart forgets; name a Camel {@link IdempotentRepository} bean
 * to keep the keys in the job's store instead (core-store's {@code smsIdempotentRepository}: a file by default,
 * PostgreSQL in cluster mode), so a replay is refused after a restart and on every node.
 *
 * <p>Keys are only {@link IdempotentRepository#add added} (pending), never confirmed: with core-store's
 * repositories a pending key is taken over after their {@code pendingTimeout}, which therefore must be longer than
 * the whole window (twice the tolerance; checked). Beyond the window the timestamp check refuses a replay by itself.
 */
public final class ReplayGuard {

    private final String repositoryName;
    private final int capacity;
    private final Duration window;
    private volatile IdempotentRepository repository;

    /**
     * @param repositoryName registry name of an IdempotentRepository, or null/blank for in memory
     * @param capacity       keys kept in memory when no repository is named
     * @param window         how long a key must be remembered (the whole timestamp window)
     */
    public ReplayGuard(String repositoryName, int capacity, Duration window) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replayCacheSize must be at least 1, got " + capacity);
        }
        this.repositoryName = repositoryName == null || repositoryName.isBlank() ? null : repositoryName.strip();
        this.capacity = capacity;
        this.window = window;
    }

    /** True the first time {@code key} is seen (atomically: of two concurrent equal requests only one wins). */
    public boolean firstSeen(CamelContext context, String key) {
        return repository(context).add(key);
    }

    /** Forgets {@code key} (the delivery was not taken, e.g. the sink failed): the sender may deliver it again. */
    public void forget(CamelContext context, String key) {
        repository(context).remove(key);
    }

    private IdempotentRepository repository(CamelContext context) {
        IdempotentRepository current = repository;
        if (current == null) {
            synchronized (this) {
                if (repository == null) {
                    repository = repositoryName == null
                            ? MemoryIdempotentRepository.memoryIdempotentRepository(capacity)
                            : lookup(context);
                }
                current = repository;
            }
        }
        return current;
    }

    private IdempotentRepository lookup(CamelContext context) {
        IdempotentRepository found = context.getRegistry().lookupByNameAndType(repositoryName, IdempotentRepository.class);
        if (found == null) {
            throw new IllegalArgumentException("replayRepository '" + repositoryName
                    + "' is not an IdempotentRepository bean in the Camel registry");
        }
        Duration pending = found instanceof FileIdempotentRepository file ? file.getPendingTimeout()
                : found instanceof JdbcIdempotentRepository jdbc ? jdbc.getPendingTimeout() : Duration.ZERO;
        if (!pending.isZero() && pending.compareTo(window) <= 0) {
            throw new IllegalArgumentException("replayRepository '" + repositoryName + "' forgets a key after its"
                    + " pendingTimeout " + pending + ", not longer than the replay window " + window
                    + " (twice toleranceSeconds): a replay inside the window would be accepted");
        }
        return found;
    }
}
