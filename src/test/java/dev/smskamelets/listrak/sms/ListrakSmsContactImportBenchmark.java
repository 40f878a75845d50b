package dev.smskamelets.listrak.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.listrak.SmsSeed;
import dev.smskamelets.test.ChildJvm;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not in the suite): {@code listrak-sms-contact-import-sink} imports a generated 200 MB CSV. The sandbox
 * and the kamelet each run in their own JVM; the kamelet's JVM is capped at {@code -Xmx128m} and its GC log gives
 * the peak heap. The file must be split into compliant imports (≤ 195,000,000 bytes) and every row applied.
 * Run: {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=ListrakSmsContactImportBenchmark}.
 */
@Tag("benchmark")
class ListrakSmsContactImportBenchmark {

    static final long CSV_BYTES = 200_000_000L;
    static final int DISTINCT = 200_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void importsA200MegabyteCsvInCompliantPartsWithASmallHeap() throws Exception {
        Path work = Files.createTempDirectory("listrak-import-bench-");
        Path csv = work.resolve("contacts.csv");
        Path result = work.resolve("result.json");
        Path gcLog = work.resolve("kamelet-gc.log");
        List<Process> processes = new ArrayList<>();
        try {
            long rows = writeCsv(csv);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String base = "http://127.0.0.1:" + port;
            processes.add(ChildJvm.java("3g", null, "dev.smskamelets.sandbox.SandboxMain", "--port", "" + port, "--seed", "42",
                    "--option", "listrak.contacts=" + DISTINCT, "--option", "listrak.optOuts=0",
                    "--option", "listrak.import.stepMillis=200").redirectOutput(work.resolve("sandbox.log").toFile())
                    .start());
            ChildJvm.awaitSandbox(base);
            long started = System.nanoTime();
            Process kamelet = ChildJvm.java("128m", gcLog, ImportBenchmarkMain.class.getName(), base + "/sms",
                    base + "/OAuth2/Token", "sandbox-sms-client", "sandbox-sms-secret", csv.toString(), result.toString())
                    .redirectOutput(work.resolve("kamelet.log").toFile()).start();
            processes.add(kamelet);
            int exit = kamelet.waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(exit).as(Files.readString(work.resolve("kamelet.log"))).isZero();
            JsonNode status = JSON.readTree(Files.readString(result));
            assertThat(status.get("status").asText()).isEqualTo("Completed");
            assertThat(status.get("rows").asLong()).isEqualTo(rows);
            assertThat(status.get("imports").size()).isEqualTo(2);
            long updated = 0;
            for (JsonNode imp : status.get("imports")) {
                assertThat(imp.get("bytes").asLong()).isLessThanOrEqualTo(195_000_000L);
                JsonNode details = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        base + "/sandbox/listrak/sms/imports/" + imp.get("importFileId").asText())).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(details.get("failed").asLong()).isZero();
                assertThat(details.get("skipped").asLong()).isZero();
                updated += details.get("updated").asLong();
            }
            assertThat(updated).isEqualTo(rows);
            ChildJvm.GcPeaks gc = ChildJvm.gcPeaks(gcLog);
            long peak = gc.beforeMb();
            int gcs = gc.gcs();
            String report = String.format("Listrak SMS contact import sink benchmark: %,d-byte CSV, %,d rows, %d imports"
                            + " (%s bytes)%n  kamelet JVM -Xmx128m: peak heap before GC %d MB (%d GCs); all %,d rows"
                            + " applied in the sandbox; %.1f s end to end (upload, processing, polling)%n",
                    Files.size(csv), rows, status.get("imports").size(),
                    status.get("imports").findValuesAsText("bytes"), peak, gcs, updated, seconds);
            System.out.print(report);
            Files.writeString(Path.of("target", "benchmark-listrak-sms-import.txt"), report);
            assertThat(peak).isLessThan(128);
        } finally {
            for (Process p : processes) {
                p.destroy();
                p.waitFor();
            }
            try (var files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    static long writeCsv(Path csv) throws Exception {
        SmsSeed seed = new SmsSeed(new dev.smskamelets.sandbox.SandboxConfig("127.0.0.1", 0, 42,
                java.util.Map.of("listrak.contacts", "" + DISTINCT, "listrak.optOuts", "0")));
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("mobile,store,points,anniversary\n");
            long bytes = 32;
            while (bytes < CSV_BYTES) {
                String line = "+1" + seed.phone(rows % DISTINCT) + ",Store number " + (rows % 9973) + " of the north-east,"
                        + (rows % 100000) + ",2025-" + String.format("%02d-%02d", rows % 12 + 1, rows % 28 + 1) + "\n";
                out.write(line);
                bytes += line.length();
                rows++;
            }
        }
        return rows;
    }
}
