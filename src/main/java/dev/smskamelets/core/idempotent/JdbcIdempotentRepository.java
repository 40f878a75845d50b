package dev.smskamelets.core.idempotent;

import dev.smskamelets.core.store.Durations;
import dev.smskamelets.core.store.Jdbc;
import dev.smskamelets.core.store.JdbcTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;

/**
 * PostgreSQL {@link IdempotentRepository} for cluster mode. {@link #add} is one atomic statement,
 * {@code INSERT ... ON CONFLICT (idem_key) DO NOTHING} (camel-sql's repository checks then inserts, which races):
 * of N nodes adding the same key exactly one gets {@code true}. Keys are <em>pending</em> until {@link #confirm}
 * (what Camel's {@code idempotentConsumer} calls after success with {@code eager: true}); a pending key left by a
 * node that died mid-write is taken over after {@code pendingTimeout} (default 15m; then the conflict clause is
 * {@code DO UPDATE ... WHERE NOT confirmed AND created_at < cutoff}, still one atomic statement; 0 = pure
 * {@code DO NOTHING}).
 *
 * <p><b>Per page</b> ({@link BatchIdempotentRepository}, used by {@link PageIdempotency}): {@link #claimAll} is one
 * transaction of two statements whatever the page size, a multi-row {@code INSERT ... SELECT unnest(?) ON CONFLICT
 * (idem_key) DO NOTHING / DO UPDATE ... RETURNING} that claims the free keys and a {@code SELECT ... = ANY(?)} that
 * tells confirmed keys from those in flight elsewhere; {@link #confirmAll} and {@link #removeAll} are one statement
 * each. No per-record commit. Keys are claimed in sorted order, so two nodes claiming overlapping pages lock rows in
 * the same order. Rows live in the table, not in the heap: memory does not grow with the history, so
 * {@link #expireBefore} keeps every key.
 *
 * <p>Properties: {@code dataSource}, {@code tableName} (default {@code sms_kamelets_idempotent}),
 * {@code createTable} (default true), {@code pendingTimeout}.
 */
public class JdbcIdempotentRepository extends JdbcTable implements BatchIdempotentRepository {

    private Duration pendingTimeout = Duration.ofMinutes(15);
    private Clock clock = Clock.systemUTC();
    private final java.util.concurrent.atomic.AtomicLong adds = new java.util.concurrent.atomic.AtomicLong();
    /** Adds between two sweeps of expired pending keys. */
    static final int SWEEP_EVERY = 1024;

    public JdbcIdempotentRepository() {
        super("sms_kamelets_idempotent");
    }

    public JdbcIdempotentRepository(DataSource dataSource, String tableName) {
        this();
        setDataSource(dataSource);
        setTableName(tableName);
    }

    @Override
    protected String createTableSql(String table) {
        // fillfactor 50: the confirm of a claimed key (a new version of its row) fits on the row's own page, so
        // PostgreSQL makes it a HOT update, without a new index entry: half the time of a confirm of 200,000 keys
        return "CREATE TABLE IF NOT EXISTS " + table + " (idem_key VARCHAR(1024) PRIMARY KEY, "
                + "confirmed BOOLEAN NOT NULL DEFAULT false, created_at TIMESTAMPTZ NOT NULL DEFAULT now()) "
                + "WITH (fillfactor = 50)";
    }

    @Override
    public boolean add(String key) {
        IdempotentKey.check("key", key);
        String sql = "INSERT INTO " + table() + " AS x (idem_key, confirmed, created_at) VALUES (?, false, ?) "
                + (pendingTimeout.isZero() ? "ON CONFLICT (idem_key) DO NOTHING"
                        : "ON CONFLICT (idem_key) DO UPDATE SET created_at = EXCLUDED.created_at "
                        + "WHERE NOT x.confirmed AND x.created_at < ?");
        long now = clock.millis();
        boolean added = update(sql, "add", key, ps -> {
            ps.setTimestamp(2, new Timestamp(now));
            if (!pendingTimeout.isZero()) {
                ps.setTimestamp(3, new Timestamp(now - pendingTimeout.toMillis()));
            }
        }) == 1;
        if (!pendingTimeout.isZero() && adds.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        return added;
    }

    /**
     * Deletes the pending keys older than {@code pendingTimeout} (as good as absent: {@code add} takes them over,
     * {@code contains} is false), so keys added only to be remembered for a while (a web hook replay guard) do not
     * pile up. Runs every {@value #SWEEP_EVERY} adds of this instance; returns the rows deleted.
     */
    public int sweep(long nowMillis) {
        if (pendingTimeout.isZero()) {
            return 0;
        }
        String sql = "DELETE FROM " + table() + " WHERE NOT confirmed AND created_at < ?";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, new Timestamp(nowMillis - pendingTimeout.toMillis()));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotent repository " + table() + ": sweep of expired pending keys failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(String key) {
        String sql = "SELECT confirmed, created_at FROM " + table() + " WHERE idem_key = ?";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && (rs.getBoolean(1) || pendingTimeout.isZero()
                        || rs.getTimestamp(2).getTime() > clock.millis() - pendingTimeout.toMillis());
            }
        } catch (SQLException e) {
            throw failure("contains", key, e);
        }
    }

    @Override
    public boolean remove(String key) {
        return update("DELETE FROM " + table() + " WHERE idem_key = ?", "remove", key, ps -> { }) > 0;
    }

    @Override
    public boolean confirm(String key) {
        long now = clock.millis();
        update("INSERT INTO " + table() + " (idem_key, confirmed, created_at) VALUES (?, true, ?) "
                + "ON CONFLICT (idem_key) DO UPDATE SET confirmed = true", "confirm", key,
                ps -> ps.setTimestamp(2, new Timestamp(now)));
        return true;
    }

    @Override
    public void clear() {
        Jdbc.execute(prepared(), "DELETE FROM " + table());
    }

    @Override
    public Claims claimAll(Collection<String> keys) {
        Set<String> sorted = new TreeSet<>();
        for (String key : keys) {
            IdempotentKey.check("key", key);
            sorted.add(key);
        }
        Set<String> got = new LinkedHashSet<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> inFlight = new LinkedHashSet<>();
        if (sorted.isEmpty()) {
            return new Claims(got, done, inFlight);
        }
        long now = clock.millis();
        String claim = "INSERT INTO " + table() + " AS x (idem_key, confirmed, created_at) "
                + "SELECT k, false, ? FROM unnest(" + KEYS + ") WITH ORDINALITY AS u(k, i) ORDER BY i "
                + (pendingTimeout.isZero() ? "ON CONFLICT (idem_key) DO NOTHING"
                        : "ON CONFLICT (idem_key) DO UPDATE SET created_at = EXCLUDED.created_at "
                        + "WHERE NOT x.confirmed AND x.created_at < ?")
                + " RETURNING idem_key";
        try {
            Jdbc.inTransaction(prepared(), c -> {
                try (PreparedStatement ps = c.prepareStatement(claim)) {
                    ps.setTimestamp(1, new Timestamp(now));
                    ps.setString(2, lines(sorted));
                    if (!pendingTimeout.isZero()) {
                        ps.setTimestamp(3, new Timestamp(now - pendingTimeout.toMillis()));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            got.add(rs.getString(1));
                        }
                    }
                }
                if (got.size() < sorted.size()) {
                    Set<String> rest = new TreeSet<>(sorted);
                    rest.removeAll(got);
                    try (PreparedStatement ps = c.prepareStatement("SELECT idem_key, confirmed FROM " + table()
                            + " WHERE idem_key = ANY(" + KEYS + ")")) {
                        ps.setString(1, lines(rest));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                (rs.getBoolean(2) ? done : inFlight).add(rs.getString(1));
                            }
                        }
                    }
                }
            });
        } catch (SQLException e) {
            throw failure("claimAll", sorted.size() + " keys from " + sorted.iterator().next(), e);
        }
        return new Claims(got, done, inFlight);
    }

    @Override
    public void confirmAll(String scope, Map<String, Instant> times) {
        if (times.isEmpty()) {
            return;
        }
        Set<String> sorted = new TreeSet<>();
        for (String key : times.keySet()) {
            IdempotentKey.check("key", key);
            sorted.add(key);
        }
        String sql = "INSERT INTO " + table() + " (idem_key, confirmed, created_at) "
                + "SELECT k, true, ? FROM unnest(" + KEYS + ") WITH ORDINALITY AS u(k, i) ORDER BY i "
                + "ON CONFLICT (idem_key) DO UPDATE SET confirmed = true";
        arrayUpdate(sql, "confirmAll", sorted, true);
    }

    @Override
    public void removeAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        arrayUpdate("DELETE FROM " + table() + " WHERE idem_key = ANY(" + KEYS + ") AND NOT confirmed", "removeAll",
                new TreeSet<>(keys), false);
    }

    /**
     * Deletes the pending (claimed, never confirmed) keys starting with {@code prefix}: those a killed process left.
     * Only for a caller that knows nobody else is claiming keys of that prefix now (cluster mode: a source's pass
     * holding the cluster-wide pass guard, {@code PassGuard}); without it they would wait for {@code pendingTimeout}.
     */
    public int removePending(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("Invalid prefix '" + prefix + "': removePending needs a key prefix");
        }
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM " + table()
                + " WHERE idem_key LIKE ? ESCAPE '\\' AND NOT confirmed")) {
            ps.setString(1, like);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("removePending", prefix, e);
        }
    }

    /** Rows live in the table, not in memory: nothing to bound, every key is kept. */
    @Override
    public int expireBefore(String scope, Instant horizon) {
        return 0;
    }

    /**
     * A page's keys as one statement parameter: one text of the keys joined by line feeds, split on the server by
     * {@value #KEYS}. Keys cannot hold a line break ({@link IdempotentKey#check}), so nothing needs escaping: this
     * spares the JDBC driver's array literal, which quotes and escapes every key character by character (the largest
     * client-side cost of a page's claim, measured with JFR).
     */
    static final String KEYS = "string_to_array(?, chr(10))::varchar[]";

    private static String lines(java.util.Collection<String> keys) {
        int length = 0;
        for (String key : keys) {
            length += key.length() + 1;
        }
        StringBuilder text = new StringBuilder(length);
        for (String key : keys) {
            IdempotentKey.check("key", key); // a line break would split it in two
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(key);
        }
        return text.toString();
    }

    private void arrayUpdate(String sql, String op, Set<String> keys, boolean withTime) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (withTime) {
                ps.setTimestamp(i++, new Timestamp(clock.millis()));
            }
            ps.setString(i, lines(keys));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(op, keys.size() + " keys from " + keys.iterator().next(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, String op, String key, Binder binder) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(op, key, e);
        }
    }

    private IllegalStateException failure(String op, String key, SQLException e) {
        return new IllegalStateException("Idempotent repository " + table() + ": " + op + "('" + key + "') failed: "
                + e.getMessage(), e);
    }

    public Duration getPendingTimeout() {
        return pendingTimeout;
    }

    /** ISO-8601 ({@code PT15M}) or Camel style ({@code 15m}); {@code 0} keeps pending keys forever. */
    public void setPendingTimeout(String pendingTimeout) {
        this.pendingTimeout = Durations.parse("pendingTimeout", pendingTimeout);
    }

    /** For tests: the clock deciding when a pending key expires. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
