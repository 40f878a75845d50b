package dev.smskamelets.core.idempotent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p><b>Memory.</b> One process per file; live keys are held in memory (≈200 bytes each). What bounds them: keys a
 * paged source confirms through {@link BatchIdempotentRepository#confirmAll} carry their record's time and are
 * forgotten once the source's re-read horizon (its checkpoint's watermark minus lookback, see
 * {@link PageIdempotency}) has passed them, since no later pass can read them again; so such a source holds only the
 * keys of its lookback window and of the page in progress, whatever its history. Keys confirmed through Camel's
 * per-key {@link #confirm} (a job's sink-side keys) are kept until removed. The log is compacted (write-then-rename)
 * whenever dead lines outnumber live keys, so the file stays proportional to the live keys. Page claims
 * ({@link #claimAll}) live in memory only: the file has one process, so at open nothing is in flight and a record
 * claimed by a killed process is claimed again at once. For several nodes use {@link JdbcIdempotentRepository}. Properties: {@code filePath} (default {@code data/sms-kamelets-idempotent.log}),
 * {@code pendingTimeout}, {@code fsync} (default false: survives a process crash; true also survives power loss).
 */
public class FileIdempotentRepository extends ServiceSupport implements BatchIdempotentRepository {

    private String filePath = "data/sms-kamelets-idempotent.log";
    private Duration pendingTimeout = Duration.ofMinutes(15);
    private boolean fsync;
    private Clock clock = Clock.systemUTC();
    private FileIdempotentStore store;
    private int addsSinceSweep;
    /** Adds between two sweeps of expired pending keys. */
    static final int SWEEP_EVERY = 1024;
    /** Keys claimed by a page in progress (not written: one process per file) → the claim call that took them. */
    private final Map<String, Long> claimed = new HashMap<>();
    private long claimCalls;

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
        if (claimed.containsKey(key) || state != null && (state == FileIdempotentStore.CONFIRMED || !expired(state, now))) {
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
        return claimed.containsKey(key) || state != null && (state == FileIdempotentStore.CONFIRMED || !expired(state, clock.millis()));
    }

    @Override
    public synchronized boolean remove(String key) {
        boolean wasClaimed = claimed.remove(key) != null;
        if (!store().remove(key)) {
            return wasClaimed;
        }
        store.append("- " + key);
        return true;
    }

    @Override
    public synchronized boolean confirm(String key) {
        claimed.remove(key);
        Long old = store().keys().put(key, FileIdempotentStore.CONFIRMED);
        if (old == null || old != FileIdempotentStore.CONFIRMED) {
            store.append("= " + key);
        }
        return true;
    }

    @Override
    public synchronized void clear() {
        claimed.clear();
        store().clear();
        store.append("!");
    }

    @Override
    public synchronized Claims claimAll(Collection<String> keys) {
        Set<String> got = new LinkedHashSet<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> inFlight = new LinkedHashSet<>();
        long now = clock.millis();
        for (String key : keys) {
            IdempotentKey.check("key", key);
            Long state = store().keys().get(key);
            if (state != null && state == FileIdempotentStore.CONFIRMED) {
                done.add(key);
            } else if (claimed.containsKey(key) || state != null && !expired(state, now)) {
                inFlight.add(key);
            } else {
                claimed.put(key, 0L);
                got.add(key);
            }
        }
        return new Claims(got, done, inFlight);
    }

    @Override
    public synchronized void confirmAll(String scope, Map<String, Instant> times) {
        List<String> lines = new ArrayList<>(times.size());
        FileIdempotentStore s = store();
        String sc = scope == null ? null : checkScope(scope);
        times.forEach((key, time) -> {
            IdempotentKey.check("key", key);
            claimed.remove(key);
            if (time != null && sc != null) {
                s.confirmScoped(sc, key, time.toEpochMilli());
                lines.add("T " + time.toEpochMilli() + " " + sc + " " + key);
            } else if (!Long.valueOf(FileIdempotentStore.CONFIRMED).equals(s.keys().put(key, FileIdempotentStore.CONFIRMED))) {
                lines.add("= " + key);
            }
        });
        s.append(lines);
    }

    @Override
    public synchronized byte[] claimEach(List<String> keys) {
        byte[] outcome = new byte[keys.size()];
        Map<String, Long> states = store().keys();
        long now = clock.millis();
        Long call = ++claimCalls;
        for (int i = 0; i < outcome.length; i++) {
            String key = keys.get(i);
            IdempotentKey.check("key", key);
            Long state = states.get(key);
            if (state != null && state == FileIdempotentStore.CONFIRMED) {
                outcome[i] = DONE;
            } else if (state != null && !expired(state, now)) {
                outcome[i] = IN_FLIGHT;
            } else {
                Long by = claimed.putIfAbsent(key, call);
                outcome[i] = by == null ? CLAIMED : by.equals(call) ? DUPLICATE : IN_FLIGHT;
            }
        }
        return outcome;
    }

    @Override
    public synchronized void confirmEach(String scope, List<String> keys, long[] times) {
        String sc = scope == null ? null : checkScope(scope);
        for (String key : keys) {
            IdempotentKey.check("key", key);
            claimed.remove(key);
        }
        store().confirmAll(sc, keys, times);
    }

    @Override
    public synchronized void removeAll(Collection<String> keys) {
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            claimed.remove(key);
            if (store().remove(key)) {
                lines.add("- " + key);
            }
        }
        store.append(lines);
    }

    @Override
    public synchronized int expireBefore(String scope, Instant horizon) {
        String sc = checkScope(scope);
        int n = store().expire(sc, horizon.toEpochMilli());
        if (n > 0) {
            store.append("X " + sc + " " + horizon.toEpochMilli());
        }
        return n;
    }

    @Override
    public boolean expires() {
        return true;
    }

    /** Live keys held in memory (confirmed and pending; not counting the claims of a page in progress). */
    public synchronized int size() {
        return store().size();
    }

    private static String checkScope(String scope) {
        if (scope == null || scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Idempotent scope must be a non-empty word without spaces, got '" + scope + "'");
        }
        return scope;
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
        claimed.clear();
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
