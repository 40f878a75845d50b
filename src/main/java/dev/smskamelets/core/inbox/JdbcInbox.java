package dev.smskamelets.core.inbox;

import dev.smskamelets.core.store.JdbcTable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The durable web hook inbox of cluster mode: a PostgreSQL table every node writes (an event is committed before the
 * vendor gets its 2xx) and every node drains. A node claims entries with
 * {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED)}: two claimers never take the same entry, and a
 * claim is a lease ({@code claimed_until}, the database's clock) that the claiming node renews while the entry is in
 * flight. An applied entry is deleted; a failed one is released for a retry after a delay; the claim of a node that
 * died runs out with its lease and any node claims the entry again.
 *
 * <p>Table (created when missing; {@code tableName}, default {@code sms_kamelets_inbox}): {@code id} (order of
 * arrival), {@code inbox} (name of the inbox: several share one table), {@code name}, {@code body},
 * {@code created_at}, {@code claimed_by}, {@code claimed_until}, {@code attempts}.
 */
public class JdbcInbox extends JdbcTable {

    /** A claimed entry. */
    public record Entry(long id, String name, String body, int attempts, Instant createdAt) {
    }

    public JdbcInbox() {
        super("sms_kamelets_inbox");
    }

    public JdbcInbox(DataSource dataSource, String tableName) {
        this();
        setDataSource(dataSource);
        setTableName(tableName);
    }

    @Override
    protected String createTableSql(String table) {
        String index = table.replace('.', '_') + "_claim";
        return "CREATE TABLE IF NOT EXISTS " + table + " (id BIGSERIAL PRIMARY KEY, inbox VARCHAR(200) NOT NULL, "
                + "name VARCHAR(500), body TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), "
                + "claimed_by VARCHAR(200), claimed_until TIMESTAMPTZ, attempts INT NOT NULL DEFAULT 0); "
                + "CREATE INDEX IF NOT EXISTS " + index + " ON " + table + " (inbox, id)";
    }

    /** Adds an entry (committed when this returns); its id. */
    public long add(String inbox, String name, String body) {
        if (body == null) {
            throw new IllegalArgumentException("Invalid inbox entry " + name + ": the body is empty");
        }
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + table()
                + " (inbox, name, body) VALUES (?, ?, ?) RETURNING id")) {
            ps.setString(1, inbox);
            ps.setString(2, name);
            ps.setString(3, body);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write inbox entry " + name + " to " + table() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Claims up to {@code max} entries of the inbox that nobody holds (never claimed, released, or whose lease ran
     * out), oldest first, for {@code lease}; entries another claimer is taking at this moment are skipped.
     */
    public List<Entry> claim(String inbox, String node, int max, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        String sql = "UPDATE " + table() + " SET claimed_by = ?, claimed_until = now() + ? * interval '1 millisecond', "
                + "attempts = attempts + 1 WHERE id IN (SELECT id FROM " + table() + " WHERE inbox = ? AND "
                + "(claimed_until IS NULL OR claimed_until < now()) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "RETURNING id, name, body, attempts, created_at";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, node);
            ps.setLong(2, lease.toMillis());
            ps.setString(3, inbox);
            ps.setInt(4, max);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            entries.sort(java.util.Comparator.comparingLong(Entry::id));
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot claim entries of inbox " + inbox + " in " + table() + ": " + e.getMessage(), e);
        }
    }

    /** Extends the leases of this node's entries still in flight; how many it still holds. */
    public int renew(Collection<Long> ids, String node, Duration lease) {
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("UPDATE " + table()
                + " SET claimed_until = now() + ? * interval '1 millisecond' WHERE id = ANY (?) AND claimed_by = ?")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setLong(1, lease.toMillis());
            ps.setArray(2, array);
            ps.setString(3, node);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot renew inbox leases in " + table() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes an applied entry this node holds; false when its claim had run out and another node took it. */
    public boolean done(long id, String node) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM " + table()
                + " WHERE id = ? AND claimed_by = ?")) {
            ps.setLong(1, id);
            ps.setString(2, node);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete inbox entry " + id + " from " + table() + ": " + e.getMessage(), e);
        }
    }

    /** Releases an entry that failed: any node may claim it again after {@code retryAfter}. */
    public void release(long id, String node, Duration retryAfter) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("UPDATE " + table()
                + " SET claimed_by = NULL, claimed_until = now() + ? * interval '1 millisecond' WHERE id = ? AND claimed_by = ?")) {
            ps.setLong(1, retryAfter.toMillis());
            ps.setLong(2, id);
            ps.setString(3, node);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release inbox entry " + id + " in " + table() + ": " + e.getMessage(), e);
        }
    }

    /** Entries of the inbox, claimed or not. */
    public int size(String inbox) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table()
                + " WHERE inbox = ?")) {
            ps.setString(1, inbox);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count inbox " + inbox + " in " + table() + ": " + e.getMessage(), e);
        }
    }
}
