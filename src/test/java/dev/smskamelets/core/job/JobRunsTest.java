package dev.smskamelets.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.MockVendor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

/**
 * A run is one root exchange of a listed route (one poll of a vendor component's source); records split off it count
 * into that run; the summary line, the
 * Micrometer counters and the health check follow from the counts.
 */
class JobRunsTest {

    @Test
    void countsTheRecordsOfOneRunIntoItsSummaryMetricsAndHealth() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        try (CamelContext camel = new DefaultCamelContext();
             LogCapture logs = LogCapture.start(org.apache.logging.log4j.Level.INFO)) {
            camel.getRegistry().bind("meters", meters);
            JobRuns runs = new JobRuns();
            runs.setJob("test-job");
            runs.setRunRoutes("poll");
            runs.setMaxAge("PT1H");
            runs.setProgressEvery("PT0S"); // a progress line at every record
            runs.setCamelContext(camel);
            camel.getRegistry().bind("runs", runs);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:poll?repeatCount=1&delay=1").routeId("poll")
                            .setBody(constant(List.of("a", "b", "b")))
                            .split(body()).to("direct:record").end();
                    from("direct:record").routeId("record")
                            .bean("runs", "count(${exchange}, 'read')")
                            .choice().when(simple("${body} == 'a'"))
                            .bean("runs", "count(${exchange}, 'applied.textable', 'textable')")
                            .bean("runs", "lag(${exchange}, '" + Instant.now().minusSeconds(90) + "')")
                            .otherwise().bean("runs", "count(${exchange}, 'already.textable', 'textable')");
                }
            });
            camel.start();
            await(() -> runs.completedRuns("poll") == 1);

            assertThat(runs.completedRuns("poll")).isEqualTo(1);
            assertThat(runs.totals("poll")).containsEntry("read", 3L).containsEntry("applied.textable", 1L)
                    .containsEntry("already.textable", 2L);
            assertThat(logs.text()).contains("test-job poll progress: read 1, applied textable=1", "records/s");
            assertThat(logs.text()).contains("test-job run poll done: read 3, applied textable=1, already textable=2, "
                    + "absent 0, lag avg 1m");
            assertThat(meters.get("sms.job.records").tags("job", "test-job", "outcome", "already.textable").counter().count())
                    .isEqualTo(2.0);
            assertThat(meters.get("sms.job.run").tags("result", "success").timer().count()).isEqualTo(1);
            HealthCheck check = HealthCheckRegistry.get(camel).getCheck("job:test-job").orElseThrow();
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

            // A max age the last success is already older than: DOWN, with the reason.
            runs.setMaxAge("PT0S");
            Thread.sleep(5);
            HealthCheck.Result down = check.call();
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("no successful run for"));
            assertThat(HealthCheckHelper.invokeReadiness(camel)).anySatisfy(r ->
                    assertThat(r.getCheck().getId()).isEqualTo("job:test-job"));
        }
    }

    /**
     * A vendor component's source hands each record over as its own root exchange: the run is the poll (told by the
     * source when it ends), and a poll that handed nothing over is a run too.
     */
    @Test
    void aPollOfAVendorSourceIsOneRunAndAnEmptyPollIsARunToo() throws Exception {
        java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        try (MockVendor listrak = new MockVendor(r -> {
                 if (r.path().endsWith("/Token")) {
                     return MockVendor.Answer.ok(MockVendor.token());
                 }
                 ObjectNode body = MockVendor.json().createObjectNode().put("status", 200);
                 ArrayNode data = body.putArray("data");
                 if (pages.getAndIncrement() == 0) {
                     data.addObject().put("phoneNumber", "2125550101");
                     data.addObject().put("phoneNumber", "2125550102");
                 }
                 return MockVendor.Answer.ok(body);
             });
             CamelContext camel = new DefaultCamelContext();
             LogCapture logs = LogCapture.start(org.apache.logging.log4j.Level.INFO)) {
            JobRuns runs = new JobRuns();
            runs.setJob("sync-job");
            runs.setRunRoutes("poll");
            runs.setCamelContext(camel);
            camel.getRegistry().bind("runs", runs);
            camel.getRegistry().bind("smsStateRepository", new MemoryStateRepository());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("listrak-sms:contacts?senderCodeId=1234&phoneListId=7&clientId=c&clientSecret=s"
                            + "&requestsPerSecond=500&initialDelay=0&delay=20&baseUrl=" + listrak.url("/sms")
                            + "&authUrl=" + listrak.url("/OAuth2/Token")).routeId("poll")
                            .bean("runs", "count(${exchange}, 'read')");
                }
            });
            camel.start();
            await(() -> runs.completedRuns("poll") >= 4);

            assertThat(runs.completedRuns("poll")).as("one run per poll, empty polls included").isGreaterThanOrEqualTo(4);
            assertThat(runs.totals("poll")).containsEntry("read", 2L);
            assertThat(logs.text()).contains("sync-job run poll done: read 2").doesNotContain("run poll done: read 1");
            // each poll's cost: one request per page it fetched, counted in its run (totals over every poll)
            long polls = runs.completedRuns("poll");
            assertThat(runs.totals("poll").get("requests")).as("requests of all polls (one page each here)")
                    .isBetween(polls, (long) pages.get());
            assertThat(logs.text()).containsPattern("sync-job run poll done: read 2, .*requests 1 in");
        }
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }

    @Test
    void withASharedStateTheLastSuccessOfAnyNodeCountsForTheHealth(@org.junit.jupiter.api.io.TempDir java.nio.file.Path inbox)
            throws Exception {
        MemoryStateRepository shared = new MemoryStateRepository();
        JobRuns otherNode = new JobRuns();
        otherNode.setJob("inbox-job");
        otherNode.setSharedState(shared);
        try (CamelContext camel = new DefaultCamelContext()) {
            JobRuns runs = new JobRuns();
            runs.setJob("inbox-job");
            runs.setRunRoutes("inbox");
            runs.setCamelContext(camel);
            runs.setSharedState(shared);
            camel.getRegistry().bind("runs", runs);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("file:" + inbox + "?delete=true&delay=50").routeId("inbox")
                            .bean("runs", "count(${exchange}, 'read')");
                }
            });
            camel.start();
            java.nio.file.Files.writeString(inbox.resolve("one.json"), "{}");
            await(() -> runs.completedRuns("inbox") == 1);
            assertThat(otherNode.getLastSuccess()).as("no run of its own").isNull();
            assertThat(otherNode.sharedSuccess()).as("the other node's success").isEqualTo(runs.getLastSuccess());
            assertThat(otherNode.lastSuccessAge()).isLessThanOrEqualTo(java.time.Duration.between(runs.getLastSuccess(),
                    java.time.Instant.now()));
        }
    }

    @Test
    void eachFileOfAnInboxIsARun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path inbox) throws Exception {
        try (CamelContext camel = new DefaultCamelContext();
             LogCapture logs = LogCapture.start(org.apache.logging.log4j.Level.INFO)) {
            JobRuns runs = new JobRuns();
            runs.setJob("inbox-job");
            runs.setRunRoutes("inbox");
            runs.setCamelContext(camel);
            camel.getRegistry().bind("runs", runs);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("file:" + inbox + "?delete=true&delay=50").routeId("inbox")
                            .bean("runs", "count(${exchange}, 'read')");
                }
            });
            camel.start();
            java.nio.file.Files.writeString(inbox.resolve("one.json"), "{}");
            java.nio.file.Files.writeString(inbox.resolve("two.json"), "{}");
            await(() -> runs.completedRuns("inbox") == 2);
            assertThat(runs.getLastSuccess()).isNotNull();
            assertThat(logs.text()).contains("inbox-job run inbox done: read 1");
        }
    }

    @Test
    void aFailedRunIsReportedAndDoesNotCountAsASuccess() throws Exception {
        try (CamelContext camel = new DefaultCamelContext();
             LogCapture logs = LogCapture.start(org.apache.logging.log4j.Level.INFO)) {
            JobRuns runs = new JobRuns();
            runs.setJob("failing");
            runs.setRunRoutes("poll");
            runs.setCamelContext(camel);
            camel.getRegistry().bind("runs", runs);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:poll?repeatCount=1&delay=1").routeId("poll").bean("runs", "count(${exchange}, 'read')")
                            .throwException(new IllegalStateException("vendor down"));
                }
            });
            camel.start();
            await(() -> runs.completedRuns("poll") == 1);
            assertThat(runs.getLastSuccess()).isNull();
            assertThat(runs.getLastFailure()).contains("poll", "IllegalStateException", "vendor down");
            assertThat(logs.text()).contains("failing run poll FAILED after read 1");
        }
    }

    /**
     * After a restart a backlog drains as one long run: no run succeeded for longer than {@code maxAge}, but the run
     * under way keeps counting records, so the job is UP; a run that stops counting records is DOWN again.
     */
    @Test
    void aLongRunMakingProgressIsNotDownAndOneThatStallsIs() throws Exception {
        java.util.concurrent.BlockingQueue<String> records = new java.util.concurrent.LinkedBlockingQueue<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            JobRuns runs = new JobRuns();
            runs.setJob("draining");
            runs.setRunRoutes("poll");
            runs.setMaxAge("PT2S");
            runs.setCamelContext(camel);
            camel.getRegistry().bind("runs", runs);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:poll?repeatCount=1&delay=1").routeId("poll").process(e -> {
                        for (String r = records.take(); !"end".equals(r); r = records.take()) {
                            runs.count(e, "read");
                            runs.count(e, "applied.textable", "textable");
                        }
                    });
                }
            });
            camel.start();
            HealthCheck check = HealthCheckRegistry.get(camel).getCheck("job:draining").orElseThrow();
            await(() -> runs.lastSuccessAge().toMillis() > 2000); // no success since the start, for over maxAge
            assertThat(runs.progressing()).as("under way, no record yet").isEmpty();
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);

            records.add("+15550100001");
            // both counts of the record landed (the route counts read, then applied: wait for the second)
            await(() -> runs.progressing().isPresent()
                    && String.valueOf(check.call().getDetails().get("run.progress")).contains("applied textable=1"));
            HealthCheck.Result draining = check.call();
            assertThat(draining.getState()).as("a run making progress is no failure").isEqualTo(HealthCheck.State.UP);
            assertThat(draining.getDetails()).containsEntry("run.in.progress", "poll");
            assertThat(String.valueOf(draining.getDetails().get("run.progress"))).contains("read 1", "applied textable=1");
            assertThat(runs.getLastSuccess()).isNull();

            // the run stalls: no record for over maxAge
            await(() -> runs.progressing().orElseThrow().getValue().toMillis() > 2000);
            HealthCheck.Result stalled = check.call();
            assertThat(stalled.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(stalled.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("no successful run for"));

            records.add("+15550100002");
            records.add("end");
            await(() -> runs.completedRuns("poll") == 1);
            assertThat(runs.progressing()).isEmpty();
            assertThat(runs.getLastSuccess()).isNotNull();
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(runs.totals("poll")).containsEntry("read", 2L);
        }
    }
}
