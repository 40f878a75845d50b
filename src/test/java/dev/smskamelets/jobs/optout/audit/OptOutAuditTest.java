package dev.smskamelets.jobs.optout.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.test.Postgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail called the way the opt-out job calls it, on the file store and on PostgreSQL. */
class OptOutAuditTest {

    private static final String NUMBER = "+15125550123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private OptOutAudit fileAudit(TestClock clock) {
        OptOutAudit audit = new OptOutAudit();
        audit.setDirectory(dir.resolve("audit").toString());
        audit.setClock(clock);
        audit.setMeterRegistry(new SimpleMeterRegistry());
        return audit;
    }

    @Test
    void journeyAcrossWebhookAndPollingOriginsAndAllTargetsOnFiles() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-16T15:00:00Z"));
        OptOutAudit audit = fileAudit(clock);
        audit.start();
        journeyAndReport(audit, clock);
        audit.stop();
        // one JSON line per entry, in month files, nothing but the keyword of the inbound message
        try (Stream<Path> files = Files.walk(dir.resolve("audit"))) {
            List<Path> jsonl = files.filter(p -> p.toString().endsWith(".jsonl")).toList();
            // rotation by month: the replay's outcome (February) is in the February files
            assertThat(jsonl.stream().map(p -> p.getParent().getFileName().toString()).distinct())
                    .containsExactlyInAnyOrder("2026-01", "2026-02");
            String all = jsonl.stream().map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining());
            assertThat(all.lines()).hasSize(11).allSatisfy(l -> assertThat(JSON.readTree(l).isObject()).isTrue());
            assertThat(all).doesNotContain("secret-token");
        }
    }

    @Test
    void journeyAcrossWebhookAndPollingOriginsAndAllTargetsOnPostgres() throws Exception {
        try (Postgres pg = new Postgres()) {
            TestClock clock = new TestClock(Instant.parse("2026-01-16T15:00:00Z"));
            OptOutAudit audit = new OptOutAudit();
            audit.setDataSource(pg.dataSource());
            audit.setTableName(pg.uniqueTable("audit"));
            audit.setClock(clock);
            audit.setMeterRegistry(new SimpleMeterRegistry());
            audit.start();
            assertThat(audit.store()).isInstanceOf(JdbcAuditStore.class);
            journeyAndReport(audit, clock);
            audit.stop();
        }
    }

    /** The scenario: the same number opted out by a Text Request web hook, then a Listrak poll, then Textable. */
    private void journeyAndReport(OptOutAudit audit, TestClock clock) throws Exception {
        // Text Request contact_updated web hook (Friday 16 Jan 2026, before MLK weekend)
        String hook = audit.received(NUMBER, "textrequest", "101", "webhook", null, null, "evt-9", null,
                "2026-01-16T14:58:00Z");
        audit.outcome(hook, "listrak-sms:1234", "applied", "opted out");
        audit.outcome(hook, "textrequest:101", "already", null);
        audit.outcome(hook, "textrequest:202", "applied", null);
        // Textable: the vendor refuses permanently, the job dead-letters it (failed until replayed)
        audit.outcome(hook, "textable", "dead-lettered", "HTTP 400 Authorization: Bearer secret-token");

        // a Listrak poll 2 hours later (the vendor's date without zone, read as UTC)
        clock.advance(Duration.ofHours(2));
        String poll = audit.received(NUMBER, "listrak-sms", "1234", "poll", null, null, null, "Stop",
                "2026-01-16T16:30:00");
        audit.outcome(poll, "textrequest:101", "already", null);
        audit.outcome(poll, "textable", "absent", null);
        // a number that is not this one
        audit.received("+15125550999", "textable", "user-7", "inbound", "STOP", "msg-1", null, null, null);

        // the same web hook opt-out received again (the inbox file retried): same id
        assertThat(audit.received(NUMBER, "textrequest", "101", "webhook", null, null, "evt-9", null,
                "2026-01-16T14:58:00Z")).isEqualTo(hook);

        OptOutAudit.Journey journey = audit.journey(NUMBER);
        assertThat(journey.events()).hasSize(2);
        OptOutAudit.EventJourney first = journey.events().get(0);
        assertThat(first.event().eventId()).isEqualTo(hook);
        assertThat(first.event().originVendor()).isEqualTo("textrequest");
        assertThat(first.event().channel()).isEqualTo("webhook");
        assertThat(first.event().webhookEventId()).isEqualTo("evt-9");
        assertThat(first.targets().keySet()).containsExactly("listrak-sms:1234", "textrequest:101", "textrequest:202",
                "textable");
        assertThat(first.targets().get("textable").get(0).outcome()).isEqualTo("dead-lettered");
        assertThat(first.targets().get("textable").get(0).detail()).doesNotContain("secret-token").contains("***");
        OptOutAudit.EventJourney second = journey.events().get(1);
        assertThat(second.event().originVendor()).isEqualTo("listrak-sms");
        assertThat(second.event().originAccount()).isEqualTo("1234");
        assertThat(second.event().channel()).isEqualTo("poll");
        assertThat(second.event().reason()).isEqualTo("Stop");
        assertThat(second.event().vendorAt()).isEqualTo("2026-01-16T16:30:00Z");
        assertThat(second.targets()).containsOnlyKeys("textrequest:101", "textable");
        assertThat(JSON.readTree(JSON.writeValueAsString(journey)).path("events").size()).isEqualTo(2);

        // 11 business days later (MLK Day skipped) the dead-lettered target is failed and breaches the SLA
        clock.now = Instant.parse("2026-02-03T15:00:00Z");
        AuditReport report = audit.report(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
        Map<String, AuditReport.Row> rows = rowsOf(report, hook);
        assertThat(rows.get("textable").status()).isEqualTo("failed");
        assertThat(rows.get("textable").lastOutcome()).isEqualTo("dead-lettered");
        assertThat(rows.get("textable").notApplied()).isTrue();
        assertThat(rows.get("textable").lagBusinessDays()).isEqualTo(11);
        assertThat(rows.get("textable").slaBreach()).isTrue();
        assertThat(rows.get("listrak-sms:1234").status()).isEqualTo("done");
        assertThat(rows.get("listrak-sms:1234").lagHours()).isCloseTo(2.0 / 60, org.assertj.core.data.Offset.offset(0.01));
        assertThat(rows.get("listrak-sms:1234").lagBusinessDays()).isZero();
        assertThat(rows.get("listrak-sms:1234").slaBreach()).isFalse();
        assertThat(report.rows()).hasSize(4 + 2 + 1); // the other number has no outcome yet: pending, target *
        assertThat(report.rows()).filteredOn(r -> r.event().number().equals("+15125550999"))
                .singleElement().satisfies(r -> {
                    assertThat(r.target()).isEqualTo("*");
                    assertThat(r.status()).isEqualTo("pending");
                    assertThat(r.event().keyword()).isEqualTo("STOP");
                });
        AuditReport.Summary summary = audit.summary();
        assertThat(summary.openBreaches()).isEqualTo(2); // textable dead-lettered + the pending other number
        String csv = report.csv();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", AuditReport.COLUMNS));
        // Jackson quotes a value starting with + or * (a spreadsheet does not read it as a formula)
        assertThat(csv).contains(hook + ",\"" + NUMBER + "\",textrequest,101,webhook,,,evt-9,");
        assertThat(csv.lines().filter(l -> l.contains(",textable,failed,dead-lettered,"))).hasSize(1);

        // the dead letter is replayed: applied; the report shows it done (late: still an SLA breach, no longer open)
        audit.outcome(hook, "textable", "applied", "replayed");
        rows = rowsOf(audit.report(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)), hook);
        assertThat(rows.get("textable").status()).isEqualTo("done");
        assertThat(rows.get("textable").notApplied()).isFalse();
        assertThat(rows.get("textable").doneAt()).isEqualTo(clock.now);
        assertThat(rows.get("textable").slaBreach()).isTrue();
        assertThat(audit.summary().openBreaches()).isEqualTo(1);
    }

    private static Map<String, AuditReport.Row> rowsOf(AuditReport report, String eventId) {
        return report.rows().stream().filter(r -> r.event().eventId().equals(eventId))
                .collect(Collectors.toMap(AuditReport.Row::target, r -> r));
    }

    @Test
    void healthIsDownOnAnOpenBreachAndMetricsCountIt() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-16T15:00:00Z"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            OptOutAudit audit = fileAudit(clock);
            audit.setMeterRegistry(meters);
            audit.setCamelContext(camel);
            camel.start();
            assertThat(audit.isStarted()).isTrue();
            HealthCheck check = org.apache.camel.health.HealthCheckRegistry.get(camel).getCheck("optout-audit")
                    .map(HealthCheck.class::cast).orElseThrow();
            String id = audit.received(NUMBER, "textable", "user-7", "inbound", "STOP", "m-1", null, null, null);
            audit.outcome(id, "listrak-sms:1234", "failed", "HTTP 503");
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
            clock.now = Instant.parse("2026-02-03T15:00:00Z"); // 11 business days later
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(check.call().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("10 US business days"));
            assertThat(meters.get("sms.optout.audit.sla.breaches").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("sms.optout.audit.oldest.unapplied.age").gauge().value())
                    .isEqualTo((double) Duration.between(Instant.parse("2026-01-16T15:00:00Z"), clock.now).toSeconds());
            audit.outcome(id, "listrak-sms:1234", "applied", null);
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(meters.get("sms.optout.audit.unapplied").gauge().value()).isZero();
        }
    }

    @Test
    void retentionDeletesExpiredMonths() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2020-03-10T12:00:00Z"));
        OptOutAudit audit = fileAudit(clock);
        audit.setRetention("P5Y");
        String old = audit.received(NUMBER, "textable", "u", "inbound", "STOP", "m-old", null, null, null);
        audit.outcome(old, "listrak-sms:1", "applied", null);
        clock.now = Instant.parse("2025-03-20T12:00:00Z");
        audit.received(NUMBER, "textable", "u", "inbound", "STOP", "m-new", null, null, null);
        assertThat(audit.journey(NUMBER).events()).hasSize(2); // March 2020 ends after 20 March 2020 + 5 years
        clock.now = Instant.parse("2025-04-02T00:00:00Z");
        assertThat(audit.expire()).isPositive();
        assertThat(dir.resolve("audit/2020-03")).doesNotExist();
        assertThat(audit.journey(NUMBER).events()).singleElement()
                .satisfies(e -> assertThat(e.event().messageId()).isEqualTo("m-new"));
        audit.stop();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndValue() {
        OptOutAudit audit = fileAudit(new TestClock(Instant.parse("2026-01-16T15:00:00Z")));
        assertThatThrownBy(() -> audit.received("5125550123", "textable", null, null, null, null, null, null, null))
                .hasMessageContaining("number").hasMessageContaining("'5125550123'");
        assertThatThrownBy(() -> audit.outcome("x", "textable", "applied", null)).hasMessageContaining("eventId 'x'");
        assertThatThrownBy(() -> audit.outcome("0a1b-00", "textable", "maybe", null)).hasMessageContaining("'maybe'");
        assertThatThrownBy(() -> audit.setRetention("5 years")).hasMessageContaining("retention '5 years'");
        String id = audit.received(NUMBER, "textable", null, null, null, null, null, null, "yesterday");
        assertThat(audit.journey(NUMBER).events().get(0).event().vendorAt()).isEqualTo("unreadable: yesterday");
        assertThat(id).matches("[0-9a-f]{4}-[0-9a-f]{16}");
    }

    @Test
    void aRevocationHeldForReviewIsListedByTheReport() {
        TestClock clock = new TestClock(Instant.parse("2026-01-16T15:00:00Z"));
        OptOutAudit audit = fileAudit(clock);
        audit.setTargets("listrak-sms:1234,textrequest:101,textable"); // as the job configures it: still one review row
        String id = audit.received(NUMBER, "textable", "user-7", "inbound", "STOP", "m-9", null, null, null, "review");
        AuditReport report = audit.report(LocalDate.of(2026, 1, 16), LocalDate.of(2026, 1, 16));
        assertThat(report.rows()).singleElement().satisfies(r -> {
            assertThat(r.event().eventId()).isEqualTo(id);
            assertThat(r.status()).isEqualTo("review");
            assertThat(r.notApplied()).isTrue();
        });
        assertThat(report.csv()).contains(",\"*\",review,");
        audit.stop();
    }
}
