package dev.smskamelets.core.checkpoint;

import dev.smskamelets.core.store.JdbcTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.spi.StateRepository;

/**
 * PostgreSQL {@link StateRepository} for cluster mode: one row per key, written with
 * {@code INSERT ... ON CONFLICT (state_key) DO UPDATE}, so every node sees the same watermark. The table is created
 * when missing. Properties: {@code dataSource} (e.g. a HikariCP pool), {@code tableName}
 * (default {@code sms_kamelets_state}), {@code createTable} (default true).
 */
public class JdbcStateRepository extends JdbcTable implements StateRepository<String, String> {

    public JdbcStateRepository() {
        super("sms_kamelets_state");
    }

    public JdbcStateRepository(DataSource dataSource, String tableName) {
        this();
        setDataSource(dataSource);
        setTableName(tableName);
    }

    @Override
    protected String createTableSql(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (state_key VARCHAR(512) PRIMARY KEY, "
                + "state_value TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())";
    }

    @Override
    public void setState(String key, String value) {
        String sql = value == null ? "DELETE FROM " + table() + " WHERE state_key = ?"
                : "INSERT INTO " + table() + " (state_key, state_value, updated_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (state_key) DO UPDATE SET state_value = EXCLUDED.state_value, updated_at = now()";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            if (value != null) {
                ps.setString(2, value);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write state '" + key + "' to " + table() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getState(String key) {
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement("SELECT state_value FROM " + table() + " WHERE state_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read state '" + key + "' from " + table() + ": " + e.getMessage(), e);
        }
    }
}
