package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;

import dev.smskamelets.core.job.JobRuns;
import dev.smskamelets.sandbox.RateLimits;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: what the Text Request safety-net polls of the opt-out job cost as the suppressions grow (not part of the
 * suite; a few minutes):
 * <pre>mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=OptOutPollCostBenchmark</pre>
 * For 1,000 and for 100,000 suppressed contacts on each of the two dashboards (seeded with the job's marker, so they
 * are its own echo and nothing is propagated), the job runs against the sandbox (limit 10 requests/s per account)
 * with the shipped schedules but for the full re-read, which runs every {@value #FULL_READ_MINUTES} minutes instead of
 * 30 so that it is seen several times. Measured per poll route: requests per pass (its run summaries); then requests
 * per hour at the shipped schedules (incremental poll every 20 s, full re-read every 30 min) and their share of the
 * Text Request account's budget (10 requests/s = 36,000 an hour). Written to
 * {@code target/benchmark-optout-poll-cost.txt}.
 */
@Tag("benchmark")
class OptOutPollCostBenchmark {

    static final int LIMIT = 10;
    static final int FULL_READ_MINUTES = 2;
    static final int INCREMENTAL_PASSES_PER_HOUR = 3600 / 20;
    static final int FULL_READS_PER_HOUR = 2;

    @TempDir
    Path data;

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder("Text Request safety-net polls (sandbox limit " + LIMIT
                + " requests/s per account; per hour at the shipped schedules)\n");
        for (int suppressed : new int[] {1_000, 100_000}) {
            report.append(measure(suppressed, data.resolve("s" + suppressed)));
        }
        System.out.println(report);
        Path out = Path.of("target", "benchmark-optout-poll-cost.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private String measure(int suppressed, Path dir) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("rateLimit.default", String.valueOf(LIMIT));
        options.put("textrequest.contacts", String.valueOf(suppressed + 100));
        options.put("textrequest.suppressed", String.valueOf(suppressed));
        options.put("textrequest.optedOut", String.valueOf(0));
        options.put("textrequest.blocked", String.valueOf(0));
        options.put("textrequest.conversations", String.valueOf(10));
        options.put("textrequest.suppressedReason", "Suppressed by the opt-out job (sms-kamelets)");
        options.put("listrak.optOuts", String.valueOf(0));
        options.put("listrak.contacts", String.valueOf(10));
        options.put("textable.contacts", String.valueOf(10));
        options.put("textable.optedOut", String.valueOf(0));
        Sandbox sandbox = Sandbox.builder().port(0).seed(42).options(options).start();
        try {
            OptOutSandbox vendors = new OptOutSandbox(sandbox);
            Map<String, String> p = vendors.jobProperties(dir, JobRuntime.freePort(), "poll-cost-benchmark-secret-0123456789",
                    "0/20 * * * * ?");
            p.put("optout.textrequest.full-read-schedule", "0 0/" + FULL_READ_MINUTES + " * * * ?");
            p.put("optout.textrequest.webhook-url", "");
            try (JobRuntime job = JobRuntime.start(p)) {
                JobRuns runs = job.bean("optoutJob", JobRuns.class);
                List<String> full = List.of("optout-textrequest-suppressed-poll",
                        "optout-textrequest-full-read-101-suppressed", "optout-textrequest-full-read-101-opted-out",
                        "optout-textrequest-full-read-102-suppressed", "optout-textrequest-full-read-102-opted-out");
                // two scheduled passes of every full re-read (the first-start reads come on top), and the incremental
                // poll's passes meanwhile
                await("two scheduled full re-reads", Duration.ofMinutes(4L * FULL_READ_MINUTES + 5),
                        () -> full.stream().allMatch(r -> runs.completedRuns(r) >= 3));
                StringBuilder b = new StringBuilder(String.format("  %,d suppressed contacts per dashboard:%n", suppressed));
                double perHour = 0;
                long incrementalPasses = runs.completedRuns("optout-textrequest-poll");
                double incremental = perPass(runs, "optout-textrequest-poll");
                b.append(String.format("    %-45s %6.1f requests/pass (%d passes) -> %7.0f requests/h (every 20 s)%n",
                        "optout-textrequest-poll (incremental)", incremental, incrementalPasses,
                        incremental * INCREMENTAL_PASSES_PER_HOUR));
                perHour += incremental * INCREMENTAL_PASSES_PER_HOUR;
                for (String route : full) {
                    double cost = perPass(runs, route);
                    b.append(String.format("    %-45s %6.1f requests/pass (%d passes) -> %7.0f requests/h (every 30 min)%n",
                            route, cost, runs.completedRuns(route), cost * FULL_READS_PER_HOUR));
                    perHour += cost * FULL_READS_PER_HOUR;
                }
                b.append(String.format("    all Text Request safety-net polls: %.0f requests/h = %.1f%% of the account's "
                        + "budget (%d requests/h)%n", perHour, 100 * perHour / (LIMIT * 3600.0), LIMIT * 3600));
                for (RateLimits.AccountCounters a : sandbox.rateLimits().counters()) {
                    if ("textrequest".equals(a.api())) {
                        b.append(String.format("    measured at the sandbox over the run: %,d requests in %.0f s, %d 429s%n",
                                a.allowed(), a.seconds(), a.throttled()));
                    }
                }
                return b.toString();
            }
        } finally {
            sandbox.stop();
        }
    }

    /** Mean requests per completed pass of a poll route (its run summaries' {@code requests}). */
    private static double perPass(JobRuns runs, String route) {
        long passes = runs.completedRuns(route);
        return passes == 0 ? Double.NaN : runs.totals(route).getOrDefault("requests", 0L) / (double) passes;
    }
}
