package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.core.checkpoint.JdbcStateRepository;
import dev.smskamelets.core.cluster.PassGuard;
import dev.smskamelets.core.idempotent.JdbcIdempotentRepository;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.Postgres;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode's one switch, on one node against the local PostgreSQL: the stores are the JDBC ones, Quartz runs
 * the clustered JDBC job store (its tables created from the jar's DDL), the pass guard is bound, and a Textable relay
 * STOP goes through the inbox table (nothing in the inbox folder) to every target.
 */
class ClusterModeTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int PORT = JobRuntime.freePort();
    static final String SECRET = "cluster-mode-test-secret-0123456789";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("listrak.contacts", 10).option("listrak.optOuts", 2)
            .option("textrequest.contacts", 5).option("textrequest.optedOut", 0).option("textrequest.suppressed", 0)
            .option("textable.contacts", 5).option("textable.optedOut", 0)
            .option("textable.relayWebhook", "http://127.0.0.1:" + PORT + "/textable/relay/" + SECRET);

    @TempDir
    Path data;

    @Test
    void theSwitchPutsEverySharedPieceOnPostgres(Sandbox sandbox) throws Exception {
        String schema = "cluster_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Postgres pg = new Postgres()) {
            try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            try {
                OptOutSandbox vendors = new OptOutSandbox(sandbox);
                Map<String, String> p = vendors.jobProperties(data, PORT, SECRET, "0/2 * * * * ?");
                p.put("sms-kamelets.cluster.enabled", "true");
                p.put("sms-kamelets.cluster.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
                p.put("sms-kamelets.cluster.username", "postgres");
                p.put("sms-kamelets.cluster.node-id", "node-a");
                try (JobRuntime job = JobRuntime.start(p)) {
                    assertThat(job.bean("smsStateRepository", Object.class)).isInstanceOf(JdbcStateRepository.class);
                    assertThat(job.bean("smsIdempotentRepository", Object.class)).isInstanceOf(JdbcIdempotentRepository.class);
                    assertThat(job.context().getRegistry().findSingleByType(PassGuard.class)).isNotNull();
                    assertThat(job.context().getComponent("quartz", QuartzComponent.class).getScheduler().getMetaData()
                            .isJobStoreClustered()).isTrue();
                    String phone = vendors.listrakSubscribed(1);
                    vendors.stopAtTextable(phone);
                    await("the relay STOP applied at Listrak and both dashboards", WAIT,
                            () -> vendors.listrakOptOuts(1234, phone).size() == 1
                                    && vendors.textRequestSuppressions(101, phone).size() == 1
                                    && vendors.textRequestSuppressions(102, phone).size() == 1);
                    assertThat(Files.exists(data.resolve("inbox"))).as("no inbox folder in cluster mode").isFalse();
                    assertThat(job.bean("optoutJob", dev.smskamelets.core.job.JobRuns.class).sharedSuccess())
                            .as("the job's last success recorded for the cluster's health").isNotNull();
                    String polled = vendors.listrakSubscribed(2);
                    vendors.stopAtListrak(polled);
                    await("the Listrak STOP polled and applied at both dashboards", WAIT,
                            () -> vendors.textRequestSuppressions(101, polled).size() == 1
                                    && vendors.textRequestSuppressions(102, polled).size() == 1);
                    // a dead letter (an inbox event) replayed with the CLI into the inbox table is applied by the node
                    String replayed = vendors.listrakSubscribed(3);
                    var deadLetters = new dev.smskamelets.core.deadletter.JdbcDeadLetterStore(pg.dataSource(),
                            schema + ".sms_kamelets_dead_letter");
                    deadLetters.add(new dev.smskamelets.core.deadletter.DeadLetter("20261205T000000000Z-0000cafe",
                            java.time.Instant.now().toString(), "optout-propagation", "optout-inbox", "textable", 1,
                            new dev.smskamelets.core.deadletter.DeadLetter.Error("java.lang.IllegalStateException", "test",
                                    null, null, null, null, true), Map.of(),
                            "{\"origin\":\"textable\",\"phone\":\"+1" + replayed + "\",\"at\":\"2026-12-05T00:00:00Z\","
                                    + "\"detail\":\"replayed\"}"));
                    System.setProperty("sms-kamelets.cluster.enabled", "true");
                    System.setProperty("sms-kamelets.cluster.jdbc-url", p.get("sms-kamelets.cluster.jdbc-url"));
                    System.setProperty("sms-kamelets.cluster.username", "postgres");
                    System.setProperty("camel.server.enabled", "false");
                    System.setProperty("camel.management.enabled", "false");
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    try {
                        dev.smskamelets.core.deadletter.DeadLetters.run(new String[] {"--jdbc-url", p.get("sms-kamelets.cluster.jdbc-url"),
                                "--table", schema + ".sms_kamelets_dead_letter", "replay", "sms-inbox:optout"},
                                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
                    } finally {
                        for (String key : List.of("sms-kamelets.cluster.enabled", "sms-kamelets.cluster.jdbc-url",
                                "sms-kamelets.cluster.username", "camel.server.enabled", "camel.management.enabled")) {
                            System.clearProperty(key);
                        }
                    }
                    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("Result[replayed=1, succeeded=1");
                    await("the replayed dead letter applied by the node", WAIT,
                            () -> vendors.listrakOptOuts(1234, replayed).size() == 1
                                    && vendors.textRequestSuppressions(101, replayed).size() == 1);
                    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
                        List<String> triggers = new java.util.ArrayList<>();
                        try (ResultSet rs = s.executeQuery("SELECT trigger_name FROM " + schema + ".qrtz_cron_triggers"
                                + " WHERE trigger_group = 'sms-kamelets'")) {
                            while (rs.next()) {
                                triggers.add(rs.getString(1));
                            }
                        }
                        assertThat(triggers).as("one shared trigger per polled route, named after it").doesNotHaveDuplicates()
                                .contains("optout-listrak-sms-poll", "optout-textrequest-poll", "optout-textrequest-suppressed-poll");
                        // the entry is deleted once its last target was written (just after the writes seen above)
                        await("the inbox table drained", WAIT, () -> {
                            try {
                                return count(s, "SELECT count(*) FROM " + schema + ".sms_kamelets_inbox") == 0;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        assertThat(count(s, "SELECT count(*) FROM " + schema + ".sms_kamelets_idempotent")).as("echo keys").isPositive();
                        assertThat(count(s, "SELECT count(*) FROM " + schema + ".sms_kamelets_optout_audit")).isPositive();
                    }
                }
            } finally {
                try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    @Test
    void aBadSwitchOrAMissingDatabaseIsAClearErrorNamingTheProperty(Sandbox sandbox) {
        OptOutSandbox vendors = new OptOutSandbox(sandbox);
        Map<String, String> p = vendors.jobProperties(data, JobRuntime.freePort(), SECRET, "0/2 * * * * ?");
        p.put("sms-kamelets.cluster.enabled", "yes");
        assertThatThrownBy(() -> JobRuntime.start(p)).hasStackTraceContaining("Invalid sms-kamelets.cluster.enabled 'yes'");
        p.put("sms-kamelets.cluster.enabled", "true");
        p.put("sms-kamelets.cluster.jdbc-url", "jdbc:mysql://db/sms?password=secret");
        assertThatThrownBy(() -> JobRuntime.start(p)).hasStackTraceContaining("Invalid sms-kamelets.cluster.jdbc-url 'jdbc:mysql://db/sms?...'")
                .satisfies(e -> {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    e.printStackTrace(new java.io.PrintWriter(trace));
                    assertThat(trace.toString()).as("the URL's query (a password) is not repeated").doesNotContain("password=secret");
                });
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
