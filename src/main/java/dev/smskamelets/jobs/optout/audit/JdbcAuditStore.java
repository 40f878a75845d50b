package dev.smskamelets.jobs.optout.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.smskamelets.core.store.JdbcTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The audit trail in PostgreSQL (cluster mode): every node appends to one table
 * ({@code sms_kamelets_optout_audit} by default, created at start with {@code CREATE TABLE IF NOT EXISTS} and its
 * indexes). Columns: {@code seq} (append order), {@code entry_type}, {@code event_id}, {@code number} (events),
 * {@code filed_at} (an event's receivedAt, an outcome's time) and {@code entry}, the entry's JSON as the file store
 * writes it. The journey of a number uses the {@code number} and {@code event_id} indexes; a report the
 * {@code filed_at} index; retention deletes rows filed before the horizon. The application only ever INSERTs and
 * (for retention) DELETEs: grant it no UPDATE.
 */
public class JdbcAuditStore extends JdbcTable implements AuditStore {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writerFor(AuditEntry.class);
    private static final ObjectReader READER = MAPPER.readerFor(AuditEntry.class);

    public JdbcAuditStore() {
        super("sms_kamelets_optout_audit");
    }

    public JdbcAuditStore(DataSource dataSource, String tableName) {
        this();
        setDataSource(dataSource);
        setTableName(tableName);
    }

    @Override
    protected String createTableSql(String table) {
        String index = table.replace('.', '_');
        return "CREATE TABLE IF NOT EXISTS " + table + " (seq BIGSERIAL PRIMARY KEY, entry_type VARCHAR(16) NOT NULL, "
                + "event_id VARCHAR(64) NOT NULL, number VARCHAR(32), filed_at TIMESTAMPTZ NOT NULL, entry TEXT NOT NULL);"
                + "CREATE INDEX IF NOT EXISTS " + index + "_number ON " + table + " (number) WHERE number IS NOT NULL;"
                + "CREATE INDEX IF NOT EXISTS " + index + "_event ON " + table + " (event_id);"
                + "CREATE INDEX IF NOT EXISTS " + index + "_filed ON " + table + " (filed_at)";
    }

    @Override
    public void append(AuditEntry entry) {
        String sql = "INSERT INTO " + table() + " (entry_type, event_id, number, filed_at, entry) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, entry.type());
            ps.setString(2, entry.eventId());
            ps.setString(3, entry.number());
            ps.setTimestamp(4, Timestamp.from(Instant.parse(entry.time())));
            ps.setString(5, WRITER.writeValueAsString(entry));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot append to audit table " + table() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<AuditEntry> journey(String number) {
        String sql = "SELECT entry FROM " + table() + " WHERE event_id IN (SELECT event_id FROM " + table()
                + " WHERE number = ?) ORDER BY seq";
        List<AuditEntry> entries = new ArrayList<>();
        query(sql, ps -> ps.setString(1, number), entries::add);
        return entries;
    }

    @Override
    public void scan(Instant from, Consumer<AuditEntry> sink) {
        query("SELECT entry FROM " + table() + " WHERE filed_at >= ? ORDER BY seq",
                ps -> ps.setTimestamp(1, Timestamp.from(from)), sink);
    }

    @Override
    public long expireBefore(Instant horizon) {
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + table() + " WHERE filed_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(horizon));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot expire audit table " + table() + ": " + e.getMessage(), e);
        }
    }

    /** Stops this store (the data source is the application's and stays open). */
    @Override
    public void close() {
        stop();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void query(String sql, Binder binder, Consumer<AuditEntry> sink) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.setFetchSize(1000);
            c.setAutoCommit(false); // PostgreSQL streams (fetch size) only inside a transaction
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(READER.readValue(rs.getString(1)));
                }
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot query audit table " + table() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable audit row in " + table() + ": " + e.getMessage(), e);
        }
    }
}
