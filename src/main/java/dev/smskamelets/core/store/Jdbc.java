package dev.smskamelets.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Small JDBC helpers shared by the JDBC (cluster-mode) repositories: table-name checks and table creation. */
public final class Jdbc {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private Jdbc() {
    }

    /** The table name if it is a plain (optionally schema-qualified) SQL identifier, else a clear error. */
    public static String tableName(String field, String value) {
        if (value == null || !TABLE.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + field + " '" + value
                    + "': expected an SQL identifier such as sms_kamelets_state or myschema.my_table");
        }
        return value;
    }

    /** The data source, or a clear error naming the bean property when it was not configured. */
    public static DataSource require(DataSource dataSource, String owner) {
        if (dataSource == null) {
            throw new IllegalStateException(owner + ": property dataSource is not set (e.g. dataSource: \"#bean:smsDataSource\")");
        }
        return dataSource;
    }

    /**
     * Runs statements ({@code CREATE TABLE IF NOT EXISTS ...}) in one connection. PostgreSQL's
     * {@code IF NOT EXISTS} races when several nodes create the same table at once (unique violation on
     * {@code pg_type}); such a statement is run once more, when the table then exists.
     */
    public static void execute(DataSource dataSource, String... statements) {
        try {
            run(dataSource, statements);
        } catch (SQLException e) {
            // a concurrent CREATE ... IF NOT EXISTS: unique_violation on the catalogue, duplicate_table, or
            // duplicate_object ("type ... already exists", the table's row type); the second run sees the table
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())
                    && !"42710".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot prepare table: " + e.getMessage(), e);
            }
            try {
                run(dataSource, statements);
            } catch (SQLException again) {
                throw new IllegalStateException("Cannot prepare table: " + again.getMessage(), again);
            }
        }
    }

    /** Work on one connection inside a transaction (see {@link #inTransaction}). */
    @FunctionalInterface
    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a connection of {@code dataSource}: committed when it returns, rolled
     * back when it throws; the connection's auto-commit is restored either way.
     */
    public static void inTransaction(DataSource dataSource, Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private static void run(DataSource dataSource, String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
