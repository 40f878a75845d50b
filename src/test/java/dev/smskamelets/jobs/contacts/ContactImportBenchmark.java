package dev.smskamelets.jobs.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.Await;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1,000,000-row CSV through the contact import job, the job in its own JVM capped at {@code -Xmx128m} (the sandbox
 * in this JVM), not part of the suite:
 * <pre>mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=ContactImportBenchmark</pre>
 * Prints rows/s (from the job's report) and the job JVM's peak heap (largest heap-in-use before a collection, from its
 * GC log).
 */
@Tag("benchmark")
class ContactImportBenchmark {

    static final int ROWS = 1_000_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.contacts", 100)
            .option("textrequest.contacts", 10).option("textable.contacts", 10);

    @TempDir
    Path data;

    @Test
    void importAMillionRows(Sandbox sandbox) throws Exception {
        Path csv = data.resolve("million.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("Mobile,Email,First Name,Last Name,Birthday,ZIP,Favorite Store\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("407%07d,c%d@example.com,Ann,Lee,1990-02-03,32801,Store %d\n".formatted(2_000_000 + i, i, i % 7));
            }
        }
        Path inbox = data.resolve("inbox");
        Map<String, String> p = JobRuntime.properties("routes/contact-import.yaml", sandbox, data, JobRuntime.freePort());
        p.put("contacts.inbox", inbox.toString());
        p.put("contacts.requests-per-second", "500");
        p.put("camel.beans.contactImports.chunkSize", "500");
        p.put("camel.metrics.enabled", "false");
        p.put("optout.textable.relay-secret", "benchmark-secret-0123456789");
        Path gcLog = data.resolve("gc.log");
        Process job = JobRuntime.spawn(p, data.resolve("job.log"), "-Xmx128m", "-Xlog:gc:file=" + gcLog);
        try {
            Files.createDirectories(inbox);
            Files.copy(csv, inbox.resolve(".million.part"));
            Files.move(inbox.resolve(".million.part"), inbox.resolve("million.csv"), StandardCopyOption.ATOMIC_MOVE);
            Path done = inbox.resolve("done");
            Await.until("the report", Duration.ofMinutes(20), () -> {
                try (var files = Files.list(done)) {
                    return files.anyMatch(f -> f.toString().endsWith(".report.json"));
                } catch (Exception e) {
                    return false;
                }
            });
            Path report;
            try (var files = Files.list(done)) {
                report = files.filter(f -> f.toString().endsWith(".report.json")).findFirst().orElseThrow();
            }
            JsonNode r = JSON.readTree(report.toFile());
            System.out.printf("contact import of %,d rows (%,d bytes): status %s, %,d valid, %,d rejected, %.1f s, %,.0f rows/s; "
                            + "job JVM -Xmx128m, peak heap in use %d MB; job alive: %s%n", r.get("rows").asLong(), Files.size(csv),
                    r.get("status").asText(), r.get("valid").asLong(), r.get("rejected").asLong(), r.get("seconds").asDouble(),
                    r.get("rows").asLong() / r.get("seconds").asDouble(), peakHeapMb(gcLog), job.isAlive());
        } finally {
            job.destroy();
            job.waitFor();
            System.out.println(String.join("\n", Files.readAllLines(data.resolve("job.log")).stream()
                    .filter(l -> l.contains("contact import") || l.contains("OutOfMemory")).toList()));
        }
    }

    /** Largest "before" heap of the GC log's pause lines ("Pause Young ... 45M->12M(128M)"). */
    static long peakHeapMb(Path gcLog) throws Exception {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }
}
