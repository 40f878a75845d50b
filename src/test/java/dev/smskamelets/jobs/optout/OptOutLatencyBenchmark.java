package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;

import dev.smskamelets.core.job.JobRuns;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-out-to-suppressed time of the opt-out job, measured on the sandbox (not part of the suite):
 * <pre>mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=OptOutLatencyBenchmark</pre>
 * Web hook paths: a customer texts STOP to Text Request (or Textable) and the time until Listrak SMS recorded the
 * opt-out. Polling path: a STOP at Listrak SMS and the time until Text Request recorded the suppression, with the
 * Listrak pass every {@value #POLL_SECONDS} s. Each from the STOP's request to the target's ledger entry.
 */
@Tag("benchmark")
class OptOutLatencyBenchmark {

    static final int POLL_SECONDS = 10;
    static final int SAMPLES = 10;
    static final int PORT = JobRuntime.freePort();
    static final String RELAY_SECRET = "latency-benchmark-secret-0123456789";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("listrak.contacts", 200).option("listrak.optOuts", 1)
            .option("textrequest.contacts", 10).option("textrequest.optedOut", 0).option("textrequest.suppressed", 0)
            .option("textable.contacts", 5).option("textable.optedOut", 0)
            .option("textable.relayWebhook", "http://127.0.0.1:" + PORT + "/textable/relay/" + RELAY_SECRET);

    @TempDir
    static Path data;

    @Test
    void measure(Sandbox sandbox) throws Exception {
        OptOutSandbox vendors = new OptOutSandbox(sandbox);
        Map<String, String> p = vendors.jobProperties(data, PORT, RELAY_SECRET, "0/" + POLL_SECONDS + " * * * * ?");
        try (JobRuntime job = JobRuntime.start(p)) {
            JobRuns runs = job.bean("optoutJob", JobRuns.class);
            await("first passes", Duration.ofSeconds(60), () -> runs.completedRuns("optout-listrak-sms-poll") >= 1);
            int next = 1;
            List<Long> textRequestHook = new ArrayList<>();
            List<Long> textableRelay = new ArrayList<>();
            List<Long> listrakPoll = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                String a = vendors.listrakSubscribed(next++);
                textRequestHook.add(sample(sandbox, () -> vendors.stopAtTextRequest(101, a), () -> vendors.listrakOptOuts(1234, a)));
                String b = vendors.listrakSubscribed(next++);
                textableRelay.add(sample(sandbox, () -> vendors.stopAtTextable(b), () -> vendors.listrakOptOuts(1234, b)));
                String c = vendors.listrakSubscribed(next++);
                listrakPoll.add(sample(sandbox, () -> vendors.stopAtListrak(c), () -> vendors.textRequestSuppressions(101, c)));
            }
            System.out.println("Opt-out to suppressed, " + SAMPLES + " samples each (ms):");
            report("Text Request STOP -> Listrak (web hook)", textRequestHook);
            report("Textable STOP -> Listrak (relay web hook)", textableRelay);
            report("Listrak STOP -> Text Request (polling every " + POLL_SECONDS + " s)", listrakPoll);
        }
    }

    interface Stop {
        void send() throws Exception;
    }

    private static long sample(Sandbox sandbox, Stop stop, java.util.function.Supplier<List<Ledger.Entry>> applied)
            throws Exception {
        Instant sent = Instant.now();
        stop.send();
        await("applied", Duration.ofSeconds(3L * POLL_SECONDS + 30), () -> !applied.get().isEmpty());
        return Duration.between(sent, applied.get().get(0).at()).toMillis();
    }

    private static void report(String path, List<Long> ms) {
        List<Long> sorted = ms.stream().sorted().toList();
        Function<Double, Long> pct = q -> sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
        System.out.printf("  %-55s median %6d  p95 %6d  max %6d%n", path, pct.apply(0.5), pct.apply(0.95),
                sorted.get(sorted.size() - 1));
    }
}
