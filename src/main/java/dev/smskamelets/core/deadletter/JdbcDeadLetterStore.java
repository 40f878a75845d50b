package dev.smskamelets.core.deadletter;

import dev.smskamelets.core.store.JdbcTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * PostgreSQL {@link DeadLetterStore} for cluster mode: one row per record (id, time, job, target and the record's
 * JSON). The table is created when missing. Properties: {@code dataSource}, {@code tableName}
 * (default {@code sms_kamelets_dead_letter}), {@code createTable} (default true).
 */
public class JdbcDeadLetterStore extends JdbcTable implements DeadLetterStore {

    public JdbcDeadLetterStore() {
        super("sms_kamelets_dead_letter");
    }

    public JdbcDeadLetterStore(DataSource dataSource, String tableName) {
        this();
        setDataSource(dataSource);
        setTableName(tableName);
    }

    @Override
    protected String createTableSql(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(120) PRIMARY KEY, "
                + "created_at TIMESTAMPTZ NOT NULL, job VARCHAR(200), target VARCHAR(500), record TEXT NOT NULL)";
    }

    @Override
    public void add(DeadLetter l) {
        String sql = "INSERT INTO " + table() + " (id, created_at, job, target, record) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, l.id());
            ps.setTimestamp(2, Timestamp.from(Instant.parse(l.time())));
            ps.setString(3, l.job());
            ps.setString(4, l.target());
            ps.setString(5, DeadLetterJson.write(l));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("add", e);
        }
    }

    @Override
    public List<DeadLetter> list(int max) {
        List<DeadLetter> out = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT record FROM " + table() + " ORDER BY created_at, id LIMIT ?")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(DeadLetterJson.read(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list", e);
        }
    }

    @Override
    public Optional<DeadLetter> get(String id) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT record FROM " + table() + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(DeadLetterJson.read(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("get", e);
        }
    }

    @Override
    public boolean remove(String id) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM " + table() + " WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("remove", e);
        }
    }

    @Override
    public int count() {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table());
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw failure("count", e);
        }
    }

    private IllegalStateException failure(String op, SQLException e) {
        return new IllegalStateException("Dead-letter store " + table() + ": " + op + " failed: " + e.getMessage(), e);
    }
}
