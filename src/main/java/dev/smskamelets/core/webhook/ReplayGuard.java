package dev.smskamelets.core.webhook;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Remembers the signatures of recent deliveries so that a captured request sent again inside the timestamp window
 * is refused. By default an in-memory LRU of {@code capacity} entries (size it above the deliveries expected per
 * window); name a Camel {@link IdempotentRepository} bean (core-store's file or JDBC repository) to remember them
 * across restarts and cluster members. Beyond the window the timestamp check refuses a replay by itself.
 */
public final class ReplayGuard {

    private final String repositoryName;
    private final int capacity;
    private volatile IdempotentRepository repository;

    public ReplayGuard(String repositoryName, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replayCacheSize must be at least 1, got " + capacity);
        }
        this.repositoryName = repositoryName == null || repositoryName.isBlank() ? null : repositoryName.strip();
        this.capacity = capacity;
    }

    /** True the first time {@code key} is seen (atomically: of two concurrent equal requests only one wins). */
    public boolean firstSeen(CamelContext context, String key) {
        return repository(context).add(key);
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
        return found;
    }
}
