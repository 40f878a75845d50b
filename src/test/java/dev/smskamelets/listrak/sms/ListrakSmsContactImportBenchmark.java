package dev.smskamelets.listrak.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.listrak.SmsSeed;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

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
            processes.add(java("3g", null, "dev.smskamelets.sandbox.SandboxMain", "--port", "" + port, "--seed", "42",
                    "--option", "listrak.contacts=" + DISTINCT, "--option", "listrak.optOuts=0",
                    "--option", "listrak.import.stepMillis=200").redirectOutput(work.resolve("sandbox.log").toFile())
                    .start());
            awaitUp(base);
            long started = System.nanoTime();
            Process kamelet = java("128m", gcLog, ImportBenchmarkMain.class.getName(), base + "/sms",
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
            long peak = 0;
            int gcs = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find() && line.contains("Pause")) {
                    gcs++;
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
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

    static ProcessBuilder java(String heap, Path gcLog, String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        if (gcLog != null) {
            command.add("-Xlog:gc:file=" + gcLog);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    static void awaitUp(String base) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                if (HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/sandbox/info")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("sandbox did not start on " + base);
    }

    /** Rows cycle over the seeded (existing) contacts: phone, a 40-character store, points, a date. */
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
