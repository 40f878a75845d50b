package dev.smskamelets.jobs.optout.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Queries the opt-out audit trail from the command line.
 * <pre>
 * java -cp sms-kamelets.jar:... dev.smskamelets.jobs.optout.audit.AuditCli [options] journey +15125550123
 * java -cp ... dev.smskamelets.jobs.optout.audit.AuditCli [options] report 2026-01-01 2026-01-31 &gt; report.csv
 * </pre>
 * Options: {@code --dir <directory>} (file store, default {@code data/audit}); {@code --jdbc-url <url>} with
 * {@code --user <name>} and the password in the environment variable {@code AUDIT_DB_PASSWORD} (never an argument),
 * {@code --table <name>} (PostgreSQL store); {@code --sla <business days>} (default 10); {@code --zone <zone>}
 * (default America/New_York); {@code --targets a,b,c} (targets every opt-out must reach). The journey is JSON,
 * the report CSV, on standard output. Exit 2 on bad arguments.
 */
public final class AuditCli {

    private AuditCli() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        OptOutAudit audit = new OptOutAudit();
        audit.setMeterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        List<String> rest = new ArrayList<>();
        String jdbcUrl = null;
        String user = null;
        String table = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--dir" -> audit.setDirectory(args[++i]);
                    case "--jdbc-url" -> jdbcUrl = args[++i];
                    case "--user" -> user = args[++i];
                    case "--table" -> table = args[++i];
                    case "--sla" -> audit.setSlaBusinessDays(Integer.parseInt(args[++i]));
                    case "--zone" -> audit.setZone(args[++i]);
                    case "--targets" -> audit.setTargets(args[++i]);
                    default -> rest.add(args[i]);
                }
            }
        } catch (RuntimeException e) {
            err.println("Bad option: " + e.getMessage());
            return usage(err);
        }
        if (jdbcUrl != null) {
            audit.setDataSource(dataSource(jdbcUrl, user, System.getenv("AUDIT_DB_PASSWORD")));
            if (table != null) {
                audit.setTableName(table);
            }
        }
        try (AuditStore store = audit.store()) {
            if (rest.size() == 2 && rest.get(0).equals("journey")) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(audit.journey(rest.get(1))));
                return 0;
            }
            if (rest.size() == 3 && rest.get(0).equals("report")) {
                AuditReport report = audit.report(LocalDate.parse(rest.get(1)), LocalDate.parse(rest.get(2)));
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                report.writeCsv(w);
                w.flush();
                AuditReport.Summary s = report.summary();
                err.println(report.rows().size() + " row(s); " + s.breaches() + " SLA breach(es) (" + report.slaBusinessDays()
                        + " US business days); " + s.unapplied() + " not applied");
                return 0;
            }
        } catch (java.time.format.DateTimeParseException e) {
            err.println("Bad date: " + e.getParsedString() + " (expected YYYY-MM-DD)");
            return 2;
        }
        return usage(err);
    }

    private static int usage(PrintStream err) {
        err.println("usage: AuditCli [--dir DIR | --jdbc-url URL --user USER [--table T]] [--sla DAYS] [--zone ZONE]"
                + " [--targets a,b] (journey +15125550123 | report 2026-01-01 2026-01-31)");
        return 2;
    }

    private static DataSource dataSource(String url, String user, String password) {
        return new javax.sql.DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return DriverManager.getConnection(url, user, password);
            }

            @Override
            public Connection getConnection(String u, String p) throws SQLException {
                return DriverManager.getConnection(url, u, p);
            }

            @Override
            public java.io.PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(java.io.PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
