package dev.smskamelets.core.lock;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;

/**
 * Serialises work on one key (a phone number) across the threads of one process, so that two paths applying the same
 * record at once (a poll and a web hook inbox) run one after the other and the second one's read-before-write sees
 * the first one's write. Striped: a fixed array of locks chosen by the key's hash, so memory does not grow with the
 * keys seen; two keys that share a stripe merely wait for each other. In a route, {@link #call} sends the exchange to
 * an endpoint (a {@code direct:} route) while holding the key's lock: unlike a {@code doTry}/{@code doFinally} around
 * the steps, this leaves the called routes' own {@code onException} handling as it is. In Java: {@code lock(key)}
 * then, in a finally, {@code unlock(key)}.
 *
 * <p>Within one process by default. With a {@code dataSource} (PostgreSQL; cluster mode sets it, docs/cluster.md)
 * {@link #call} and {@link #callAll} also hold the same stripes across every node on that database: PostgreSQL
 * session advisory locks {@code (space, stripe)} on a connection of the pool held for the call, taken in stripe order
 * after the process's own stripes, so two nodes applying one number run one after the other too. A node that dies
 * loses its connection, and the database releases its locks at once. Every node must use the same number of stripes
 * and the same {@code name} ({@code space} is its hash). {@link #lock}/{@link #unlock} stay within the process.
 */
public class KeyedLocks {

    private final ReentrantLock[] stripes;
    private Duration timeout = Duration.ofMinutes(5);
    private final dev.smskamelets.core.job.LazyTemplate template = new dev.smskamelets.core.job.LazyTemplate();
    private javax.sql.DataSource dataSource;
    private int space = "sms-kamelets:keyed-locks".hashCode();

    public KeyedLocks() {
        this(1024);
    }

    public KeyedLocks(int stripes) {
        if (stripes < 1) {
            throw new IllegalArgumentException("stripes must be at least 1, got " + stripes);
        }
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    /** How long {@link #lock} waits before it gives up with an exception naming the key (default 5 minutes). */
    public void setTimeout(String timeout) {
        this.timeout = Duration.parse(timeout);
    }

    /** Waits until this thread holds the key's lock; fails after the timeout rather than waiting for ever. */
    public void lock(String key) throws InterruptedException {
        if (!stripe(key).tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("key " + key + " stayed locked by another thread for " + timeout);
        }
    }

    /**
     * Sends the exchange to {@code endpointUri} (synchronously, on this thread) while holding the key's lock; a failure
     * stays on the exchange for the calling route's error handling, as after a {@code to}.
     */
    public void call(String key, String endpointUri, Exchange exchange) throws InterruptedException {
        lock(key);
        try {
            java.sql.Connection shared = clusterLock(java.util.List.of(index(key)), "key " + key);
            try {
                template.of(exchange).send(endpointUri, exchange);
            } finally {
                clusterUnlock(shared);
            }
        } finally {
            unlock(key);
        }
    }

    /**
     * Sends the exchange to {@code endpointUri} while holding the locks of all the keys (a batch of numbers written in
     * bulk). The stripes are taken in index order, so two callers of this method cannot deadlock, and a caller of
     * {@link #call} holds one stripe and waits for none while holding it.
     */
    public void callAll(java.util.Collection<String> keys, String endpointUri, Exchange exchange) throws InterruptedException {
        java.util.TreeSet<Integer> indexes = new java.util.TreeSet<>();
        for (String key : keys) {
            indexes.add(index(key));
        }
        java.util.List<ReentrantLock> held = new java.util.ArrayList<>(indexes.size());
        try {
            for (int i : indexes) {
                ReentrantLock lock = stripes[i];
                if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("a key of stripe " + i + " (of " + keys.size()
                            + " keys) stayed locked by another thread for " + timeout);
                }
                held.add(lock);
            }
            java.sql.Connection shared = clusterLock(indexes, keys.size() + " keys");
            try {
                template.of(exchange).send(endpointUri, exchange);
            } finally {
                clusterUnlock(shared);
            }
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }


    /**
     * With a data source: a connection holding the advisory locks of the stripes (in the given, ascending order),
     * waiting at most the timeout; null without one.
     */
    private java.sql.Connection clusterLock(java.util.Collection<Integer> stripes, String what) {
        if (dataSource == null) {
            return null;
        }
        java.sql.Connection c = null;
        try {
            c = dataSource.getConnection();
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = " + Math.max(1, timeout.toMillis()));
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                for (int stripe : stripes) {
                    ps.setInt(1, space);
                    ps.setInt(2, stripe);
                    ps.executeQuery().close();
                }
            }
            return c;
        } catch (java.sql.SQLException e) {
            clusterUnlock(c);
            if ("55P03".equals(e.getSQLState())) {
                throw new IllegalStateException(what + " stayed locked on another node for " + timeout, e);
            }
            throw new IllegalStateException("Cannot lock " + what + " across the cluster: " + e.getMessage(), e);
        }
    }

    private static void clusterUnlock(java.sql.Connection c) {
        if (c == null) {
            return;
        }
        try (c; java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_unlock_all()");
            s.execute("RESET lock_timeout");
        } catch (java.sql.SQLException e) {
            // the connection broke: the database ended its session, and with it the locks
            org.slf4j.LoggerFactory.getLogger(KeyedLocks.class).warn("Cannot release cluster locks: {}", e.getMessage());
        }
    }

    /** PostgreSQL pool on which {@link #call} and {@link #callAll} also lock across nodes (cluster mode). */
    public void setDataSource(javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public javax.sql.DataSource getDataSource() {
        return dataSource;
    }

    /** Name of these locks across nodes (default {@code sms-kamelets:keyed-locks}): its hash is the advisory lock space. */
    public void setName(String name) {
        this.space = String.valueOf(name).hashCode();
    }

    /** Releases the key's lock if this thread holds it (safe to call in a finally after a failed {@link #lock}). */
    public void unlock(String key) {
        ReentrantLock lock = stripe(key);
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    private ReentrantLock stripe(String key) {
        return stripes[index(key)];
    }

    private int index(String key) {
        return Math.floorMod(String.valueOf(key).hashCode(), stripes.length);
    }
}
