package dev.smskamelets.core.checkpoint;

import dev.smskamelets.core.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * PostgreSQL {@link StateRepository} for cluster mode: one row per key, written with
 * {@code INSERT ... ON CONFLICT (state_key) DO UPDATE}, so every node sees the same watermark. The table is created
 * when missing. Properties: {@code dataSource} (e.g. a HikariCP pool), {@code tableName}
 * (default {@code sms_kamelets_state}), {@code createTable} (default true).
 */
public class JdbcStateRepository extends ServiceSupport implements StateRepository<String, String> {

    private DataSource dataSource;
    private String tableName = "sms_kamelets_state";
    private boolean createTable = true;
    private volatile boolean prepared;

    public JdbcStateRepository() {
    }

    public JdbcStateRepository(DataSource dataSource, String tableName) {
        this.dataSource = dataSource;
        this.tableName = tableName;
    }

    @Override
    public void setState(String key, String value) {
        prepare();
        String sql = value == null ? "DELETE FROM " + tableName + " WHERE state_key = ?"
                : "INSERT INTO " + tableName + " (state_key, state_value, updated_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (state_key) DO UPDATE SET state_value = EXCLUDED.state_value, updated_at = now()";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            if (value != null) {
                ps.setString(2, value);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write state '" + key + "' to " + tableName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getState(String key) {
        prepare();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT state_value FROM " + tableName + " WHERE state_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read state '" + key + "' from " + tableName + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStart() {
        prepare();
    }

    private void prepare() {
        if (prepared) {
            return;
        }
        synchronized (this) {
            Jdbc.require(dataSource, "JdbcStateRepository");
            Jdbc.tableName("tableName", tableName);
            if (createTable) {
                Jdbc.execute(dataSource, "CREATE TABLE IF NOT EXISTS " + tableName + " (state_key VARCHAR(512) PRIMARY KEY, "
                        + "state_value TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            }
            prepared = true;
        }
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = Jdbc.tableName("tableName", tableName);
        this.prepared = false;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }
}
