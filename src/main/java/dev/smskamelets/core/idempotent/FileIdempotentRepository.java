package dev.smskamelets.core.idempotent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import dev.smskamelets.core.store.Durations;

/**
 * File-based {@link IdempotentRepository} (the embedded default) that never forgets a confirmed key. Camel's
 * {@code FileIdempotentRepository} is an LRU cache over a file it trims when it grows past {@code maxFileStoreSize}
 * (dropping the oldest keys) and rewrites in place on remove, so an old record can be written twice; this one keeps
 * every key, appends to a log (see {@link FileIdempotentStore}) and compacts by write-then-rename.
 *
 * <p>Keys go through two states, matching Camel's {@code idempotentConsumer} with {@code eager: true}:
 * {@link #add} marks a key <em>pending</em> (atomically: a second add returns false), {@link #confirm} marks it
 * <em>done</em> once the write succeeded, {@link #remove} (from {@code removeOnFailure}) forgets it so it is retried.
 * A pending key whose process died mid-write (never confirmed nor removed) is taken over by the next {@code add}
 * after {@code pendingTimeout} (default 15m; 0 = never), so a crash does not lose the record. Such an expired pending
 * key is as good as absent, so it is dropped at start and every {@value #SWEEP_EVERY} adds (the log is compacted when
 * mostly dead): keys added only to be remembered for a while (a web hook replay guard) do not pile up.
 *
 * <p>One process per file; all keys are held in memory (≈100 bytes each). For several nodes use
 * {@link JdbcIdempotentRepository}. Properties: {@code filePath} (default {@code data/sms-kamelets-idempotent.log}),
 * {@code pendingTimeout}, {@code fsync} (default false: survives a process crash; true also survives power loss).
 */
public class FileIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private String filePath = "data/sms-kamelets-idempotent.log";
    private Duration pendingTimeout = Duration.ofMinutes(15);
    private boolean fsync;
    private Clock clock = Clock.systemUTC();
    private FileIdempotentStore store;
    private int addsSinceSweep;
    /** Adds between two sweeps of expired pending keys. */
    static final int SWEEP_EVERY = 1024;

    public FileIdempotentRepository() {
    }

    public FileIdempotentRepository(String filePath) {
        this.filePath = filePath;
    }

    @Override
    public synchronized boolean add(String key) {
        IdempotentKey.check("key", key);
        Long state = store().keys().get(key);
        long now = clock.millis();
        if (state != null && (state == FileIdempotentStore.CONFIRMED || !expired(state, now))) {
            return false;
        }
        store.keys().put(key, now);
        store.append("+ " + now + " " + key);
        if (++addsSinceSweep >= SWEEP_EVERY) {
            addsSinceSweep = 0;
            store.sweep(since -> expired(since, now));
        }
        return true;
    }

    @Override
    public synchronized boolean contains(String key) {
        Long state = store().keys().get(key);
        return state != null && (state == FileIdempotentStore.CONFIRMED || !expired(state, clock.millis()));
    }

    @Override
    public synchronized boolean remove(String key) {
        if (store().keys().remove(key) == null) {
            return false;
        }
        store.append("- " + key);
        return true;
    }

    @Override
    public synchronized boolean confirm(String key) {
        Long old = store().keys().put(key, FileIdempotentStore.CONFIRMED);
        if (old == null || old != FileIdempotentStore.CONFIRMED) {
            store.append("= " + key);
        }
        return true;
    }

    @Override
    public synchronized void clear() {
        store().keys().clear();
        store.append("!");
    }

    private boolean expired(long pendingSince, long now) {
        return !pendingTimeout.isZero() && now - pendingSince >= pendingTimeout.toMillis();
    }

    private FileIdempotentStore store() {
        if (store == null) {
            FileIdempotentStore s = new FileIdempotentStore(filePath, fsync);
            long now = clock.millis();
            try {
                s.open(since -> expired(since, now));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open idempotent store " + filePath, e);
            }
            store = s;
        }
        return store;
    }

    @Override
    protected synchronized void doStart() {
        store();
    }

    @Override
    protected synchronized void doStop() throws IOException {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    public String getFilePath() {
        return filePath;
    }

    public void setFilePath(String filePath) {
        this.filePath = filePath;
    }

    public Duration getPendingTimeout() {
        return pendingTimeout;
    }

    /** ISO-8601 ({@code PT15M}) or Camel style ({@code 15m}); {@code 0} keeps pending keys forever. */
    public void setPendingTimeout(String pendingTimeout) {
        this.pendingTimeout = Durations.parse("pendingTimeout", pendingTimeout);
    }

    public boolean isFsync() {
        return fsync;
    }

    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }

    /** For tests: the clock deciding when a pending key expires. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
