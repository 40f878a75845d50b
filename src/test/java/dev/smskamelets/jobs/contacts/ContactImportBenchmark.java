package dev.smskamelets.jobs.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.SandboxConfig;
import dev.smskamelets.sandbox.listrak.SmsSeed;
import dev.smskamelets.test.ChildJvm;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not in the suite): {@code routes/contact-import.yaml} imports a generated 1,000,000-row CSV (1% bad
 * rows) into Listrak SMS and Text Request (see {@link #TARGETS}). The sandbox and the job run in their own JVMs; the job's is capped at
 * {@code -Xmx128m}, its GC log gives the peak heap (before and after each collection). Every valid row must be applied at
 * each vendor. Run: {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=ContactImportBenchmark}.
 */
@Tag("benchmark")
class ContactImportBenchmark {

    static final int ROWS = 1_000_000;
    static final int BATCH = 5000;
    /**
     * Textable is left out: the sandbox finds a Textable contact by phone with a linear scan over all its contacts,
     * so a million batch upserts are quadratic there (measured: the sandbox, not the job, at 100% CPU).
     */
    static final String TARGETS = System.getProperty("contacts.benchmark.targets", "listrak-sms,textrequest");

    @Test
    void importsAMillionRowCsvIntoThreeVendorsWithASmallHeap() throws Exception {
        Path work = Files.createTempDirectory("contact-import-bench-");
        Path csv = work.resolve("million.csv");
        Path gcLog = work.resolve("job-gc.log");
        List<Process> processes = new ArrayList<>();
        try {
            SmsSeed seed = new SmsSeed(new SandboxConfig("127.0.0.1", 0, 42,
                    Map.of("listrak.contacts", "" + ROWS, "listrak.optOuts", "0")));
            long bad = 0;
            try (BufferedWriter out = Files.newBufferedWriter(csv)) {
                out.write("Mobile,Email,First Name,Last Name,Birthday,ZIP,Favorite Store\n");
                for (int i = 0; i < ROWS; i++) {
                    boolean wrong = i % 100 == 7;
                    bad += wrong ? 1 : 0;
                    out.write((wrong ? "555-12" : "+1" + seed.phone(i)) + ",c" + i + "@example.com,Ann,\"Lee, Jr.\",1990-02-03,32801,Store "
                            + (i % 977) + "\n");
                }
            }
            long bytes = Files.size(csv);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String base = "http://127.0.0.1:" + port;
            processes.add(ChildJvm.java("6g", null, "dev.smskamelets.sandbox.SandboxMain", "--port", "" + port, "--seed", "42",
                    "--option", "listrak.contacts=" + ROWS, "--option", "listrak.optOuts=0",
                    "--option", "listrak.import.stepMillis=200", "--option", "ledger.capacity=10")
                    .redirectOutput(work.resolve("sandbox.log").toFile()).start());
            ChildJvm.awaitSandbox(base);
            long started = System.nanoTime();
            Process job = ChildJvm.java("128m", gcLog, ContactImportBenchmarkMain.class.getName(), base,
                    work.resolve("data").toString(), csv.toString(), "" + BATCH, TARGETS)
                    .redirectOutput(work.resolve("job.log").toFile()).start();
            processes.add(job);
            int exit = job.waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            String log = Files.readString(work.resolve("job.log"));
            assertThat(exit).as(log).isZero();
            JsonNode report = new ObjectMapper().readTree(line(log, "REPORT "));
            ChildJvm.GcPeaks peaks = ChildJvm.gcPeaks(gcLog);
            long gcPeak = peaks.beforeMb();
            long livePeak = peaks.afterMb();
            int gcs = peaks.gcs();
            long valid = ROWS - bad;
            JsonNode counts = report.path("counts");
            String result = String.format("Contact import benchmark: %,d-row CSV (%,d bytes, %,d bad rows), batches of %d, targets %s%n"
                            + "  status %s; applied listrak-sms %d, textrequest %d, textable %d; rejected %d%n"
                            + "  %s%n  job JVM -Xmx128m: peak heap before GC %d MB (%d GCs), largest heap after GC %d MB; %.1f s end"
                            + " to end incl. the job JVM's start%n",
                    ROWS, bytes, bad, BATCH, TARGETS, report.path("status").asText(), counts.path("applied.listrak-sms").asLong(),
                    counts.path("applied.textrequest").asLong(), counts.path("applied.textable").asLong(),
                    report.path("rejected").asLong(), report.path("summary").asText(), gcPeak, gcs, livePeak, seconds);
            System.out.print(result);
            Files.writeString(Path.of("target", "benchmark-contact-import.txt"), result);
            assertThat(report.path("status").asText()).isEqualTo("imported");
            assertThat(report.path("rejected").asLong()).isEqualTo(bad);
            assertThat(counts.path("applied.listrak-sms").asLong()).isEqualTo(valid);
            for (String target : TARGETS.split(",")) {
                assertThat(counts.path("applied." + target).asLong()).as(target).isEqualTo(valid);
            }
            assertThat(gcPeak).isLessThan(128);
        } finally {
            for (Process p : processes) {
                p.destroy();
                p.waitFor();
            }
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String line(String log, String prefix) {
        return log.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in the job's output:\n" + log))
                .substring(prefix.length());
    }
}
