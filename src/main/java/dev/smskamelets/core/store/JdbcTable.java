package dev.smskamelets.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Base of the JDBC (cluster-mode) stores: the bean properties they share ({@code dataSource}, {@code tableName},
 * {@code createTable}) and creating the table once, before the first statement. Subclasses give the DDL.
 */
public abstract class JdbcTable extends ServiceSupport {

    private DataSource dataSource;
    private String tableName;
    private boolean createTable = true;
    private volatile boolean prepared;

    protected JdbcTable(String defaultTableName) {
        this.tableName = defaultTableName;
    }

    /** {@code CREATE TABLE IF NOT EXISTS <table> (...)} for this store. */
    protected abstract String createTableSql(String table);

    /** The configured table name (validated as an SQL identifier by {@link #setTableName(String)}). */
    protected final String table() {
        return tableName;
    }

    /** A connection, after checking the configuration and creating the table on first use. */
    protected final Connection connection() throws SQLException {
        return prepared().getConnection();
    }

    /** The data source, after checking the configuration and creating the table on first use. */
    protected final DataSource prepared() {
        if (!prepared) {
            synchronized (this) {
                Jdbc.require(dataSource, getClass().getSimpleName());
                if (createTable && !prepared) {
                    Jdbc.execute(dataSource, createTableSql(tableName));
                }
                prepared = true;
            }
        }
        return dataSource;
    }

    @Override
    protected void doStart() {
        prepared();
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        this.prepared = false;
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
