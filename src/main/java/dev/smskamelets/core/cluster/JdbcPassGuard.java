package dev.smskamelets.core.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PassGuard} on PostgreSQL: a pass holds the session advisory lock {@code (space, hash(route id))} on a pooled
 * connection while it runs ({@code pg_try_advisory_lock}: a firing that finds it held is skipped, not queued). A node
 * killed mid-pass loses its connection and the database releases the lock at once, so the next firing anywhere runs.
 * Each pass that ran is logged at INFO with the node and its start and end ({@code cluster pass route=... node=...
 * start=... end=...}), which is how the cluster test shows that no pass ran on two nodes at once.
 */
public class JdbcPassGuard implements PassGuard {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPassGuard.class);
    private static final int SPACE = "sms-kamelets:passes".hashCode();
    private final DataSource dataSource;
    private final String node;

    public JdbcPassGuard(DataSource dataSource, String node) {
        this.dataSource = dataSource;
        this.node = node;
    }

    @Override
    public <T> T exclusive(String key, Callable<T> pass) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c, key)) {
                LOG.debug("pass of {} skipped on node {}: it runs on another node", key, node);
                return null;
            }
            Instant start = Instant.now();
            try {
                return pass.call();
            } finally {
                Instant end = Instant.now();
                unlock(c, key);
                LOG.info("cluster pass route={} node={} start={} end={}", key, node, start, end);
            }
        }
    }

    private static boolean tryLock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, SPACE);
            ps.setInt(2, key.hashCode());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, String key) {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            LOG.warn("Cannot release the pass lock of {}: {} (the database releases it with the session)", key, e.getMessage());
        }
    }

    public String getNode() {
        return node;
    }
}
