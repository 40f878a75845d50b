package dev.smskamelets.jobs.optout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trail size on disk per opt-out (each with 3 targets' outcomes) and the time to read one number's journey at that
 * size, on the file store (64 shards by number hash per month: a journey reads 1/64 of each month). Size from
 * {@code -Daudit.bench.opt-outs} (default 1,000,000), spread over 12 months. Not a timed assertion: it prints.
 * Run: {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=AuditTrailBenchmark}.
 */
@Tag("benchmark")
class AuditTrailBenchmark {

    @TempDir
    Path dir;

    @Test
    void sizeAndJourneyQueryTime() {
        int n = Integer.getInteger("audit.bench.opt-outs", 1_000_000);
        FileAuditStore store = new FileAuditStore(dir.resolve("audit"), 64, "none");
        OptOutAudit audit = new OptOutAudit();
        audit.setStore(store);
        audit.setMeterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        long stepMillis = Duration.ofDays(365).toMillis() / n;
        OptOutAuditTest.TestClock clock = new OptOutAuditTest.TestClock(start);
        audit.setClock(clock);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            clock.now = start.plusMillis(i * stepMillis);
            String number = "+1512" + String.format("%07d", i);
            String id = audit.received(number, "listrak-sms", "1234", "poll", null, null, null, "Stop",
                    clock.now.minusSeconds(600).toString());
            audit.outcome(id, "textrequest:101", "applied", null);
            audit.outcome(id, "textrequest:202", "already", null);
            audit.outcome(id, "textable", "absent", null);
        }
        long writeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long bytes = store.sizeOnDisk();
        // journey of a few numbers (first one warms up the file cache the way a repeated query would)
        audit.journey("+15120000007");
        long q0 = System.nanoTime();
        int queries = 10;
        for (int q = 0; q < queries; q++) {
            OptOutAudit.Journey j = audit.journey("+1512" + String.format("%07d", (q * 7919) % n));
            assertThat(j.events()).hasSize(1);
            assertThat(j.events().get(0).targets()).hasSize(3);
        }
        double queryMs = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - q0) / 1000.0 / queries;
        System.out.printf("AUDIT BENCH opt-outs=%d entries=%d bytes=%d (%.1f MB, %.0f B/opt-out, %.0f MB per 1M)"
                + " write=%d ms (sync none) journeyQuery=%.1f ms avg of %d%n", n, n * 4L, bytes, bytes / 1e6,
                (double) bytes / n, bytes / (double) n * 1_000_000 / 1e6, writeMs, queryMs, queries);
        store.close();
    }
}
