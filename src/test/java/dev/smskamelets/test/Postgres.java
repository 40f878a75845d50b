package dev.smskamelets.test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Cluster-mode test support: a HikariCP pool on the PostgreSQL every machine runs (127.0.0.1:5432, database
 * {@code test}, user {@code postgres}) and unique table names per test run, dropped on {@link #close()}.
 */
public final class Postgres implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final List<String> tables = new ArrayList<>();

    public Postgres() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getProperty("test.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        config.setUsername(System.getProperty("test.jdbc.user", "postgres"));
        config.setMaximumPoolSize(16);
        config.setPoolName("test-" + UUID.randomUUID().toString().substring(0, 8));
        dataSource = new HikariDataSource(config);
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** A table name no other test run uses, e.g. {@code t_state_1a2b3c4d}; dropped on close. */
    public String uniqueTable(String prefix) {
        String name = "t_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        tables.add(name);
        return name;
    }

    /** Drops this table too on {@link #close()}. */
    public void dropLater(String table) {
        tables.add(table);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        } finally {
            dataSource.close();
        }
    }
}
