package dev.smskamelets.core.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates Quartz's job store tables on PostgreSQL when missing, from the DDL that ships in the Quartz jar
 * ({@code org/quartz/impl/jdbcjobstore/tables_postgres.sql}): its {@code DROP TABLE} statements are left out and its
 * {@code CREATE TABLE}/{@code CREATE INDEX} made {@code IF NOT EXISTS}, all in one transaction under an advisory
 * lock, so nodes starting together create them once and a restart changes nothing.
 */
public final class QuartzTables {

    static final String DDL = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    private static final long LOCK = "sms-kamelets:quartz-ddl".hashCode();

    private QuartzTables() {
    }

    /** The idempotent statements (no drops). */
    public static List<String> statements() {
        String script;
        try (InputStream in = org.quartz.Scheduler.class.getClassLoader().getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException("Quartz DDL " + DDL + " is not on the class path (quartz jar missing?)");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read Quartz DDL " + DDL + ": " + e.getMessage(), e);
        }
        StringBuilder text = new StringBuilder();
        script.lines().filter(l -> !l.strip().startsWith("--")).forEach(l -> text.append(l).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String raw : text.toString().split(";")) {
            String sql = raw.strip();
            String upper = sql.toUpperCase(Locale.ROOT);
            if (sql.isEmpty() || upper.startsWith("DROP ") || upper.equals("COMMIT") || upper.startsWith("BEGIN")) {
                continue;
            }
            sql = sql.replaceFirst("(?i)^CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ")
                    .replaceFirst("(?i)^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ");
            statements.add(sql);
        }
        return statements;
    }

    /** Creates the missing tables and indexes (one transaction, serialised across nodes). */
    public static void create(DataSource dataSource) {
        try {
            dev.smskamelets.core.store.Jdbc.inTransaction(dataSource, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                    for (String sql : statements()) {
                        s.execute(sql);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the Quartz tables: " + e.getMessage(), e);
        }
    }
}
