package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not in the suite): pages 1,000,000 Listrak opt-outs at count=5000 through a standalone sandbox JVM
 * ({@code SandboxMain}, {@code -Xmx64m}, GC log) with the JDK HTTP client, and reports records/s and the sandbox
 * JVM's peak heap (largest heap occupancy before any GC, from its GC log). Run with
 * {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=ListrakOptOutPagingBenchmark}.
 */
@Tag("benchmark")
class ListrakOptOutPagingBenchmark {

    private static final int OPT_OUTS = 1_000_000;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void pageAMillionOptOuts() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path gcLog = Files.createTempFile("sandbox-gc-", ".log");
        Path out = Files.createTempFile("sandbox-out-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sandbox = new ProcessBuilder(java, "-Xmx64m", "-Xlog:gc:file=" + gcLog, "-cp",
                System.getProperty("java.class.path"), "dev.smskamelets.sandbox.SandboxMain", "--port", Integer.toString(port),
                "--option", "listrak.optOuts=" + OPT_OUTS, "--option", "listrak.contacts=1000")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitUp(base);
            String token = Json.read(send(HttpRequest.newBuilder(URI.create(base + "/OAuth2/Token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sandbox-sms-client"
                            + "&client_secret=sandbox-sms-secret"))).body().getBytes()).get("access_token").asText();

            Run cold = walk(base, token);
            Run warm = walk(base, token);
            for (Run run : new Run[] {cold, warm}) {
                assertThat(run.records).isEqualTo(OPT_OUTS);
                assertThat(run.distinctPhones).isEqualTo(OPT_OUTS);
                assertThat(run.pages).isEqualTo(OPT_OUTS / 5000);
            }
            // A full GC after the walks shows what the sandbox really keeps (its live set).
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(sandbox.pid()), "GC.run").redirectErrorStream(true).start().waitFor();
            Thread.sleep(500);
            long peakMb = 0;
            long liveMb = -1;
            int gcs = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find() && line.contains("Pause")) {
                    gcs++;
                    peakMb = Math.max(peakMb, Long.parseLong(m.group(1)));
                    if (line.contains("Pause Full")) {
                        liveMb = Long.parseLong(m.group(2));
                    }
                }
            }
            String report = String.format("Listrak opt-out paging benchmark: %,d opt-outs, count=5000, sandbox JVM -Xmx64m%n"
                            + "  cold walk: %.2f s, %,.0f records/s%n  warm walk: %.2f s, %,.0f records/s%n"
                            + "  sandbox peak heap (largest occupancy before a GC, %d GCs): %d MB; live heap after a full GC at the end: %d MB%n",
                    OPT_OUTS, cold.seconds, OPT_OUTS / cold.seconds, warm.seconds, OPT_OUTS / warm.seconds, gcs, peakMb, liveMb);
            System.out.print(report);
            Files.writeString(Path.of("target", "benchmark-listrak-optouts.txt"), report);
        } finally {
            sandbox.destroy();
            sandbox.waitFor();
        }
    }

    private record Run(long records, long distinctPhones, int pages, double seconds) {
    }

    private Run walk(String base, String token) throws Exception {
        long[] phones = new long[OPT_OUTS + 1];
        int n = 0;
        int pages = 0;
        String next = base + "/sms/v1/ShortCode/1234/OptOut?count=5000";
        long started = System.nanoTime();
        while (next != null) {
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(next)).header("Authorization", "Bearer " + token));
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode json = Json.MAPPER.readTree(page.body());
            for (JsonNode r : json.get("data")) {
                phones[n++] = Long.parseLong(r.get("phoneNumber").asText());
            }
            pages++;
            next = json.hasNonNull("nextPageCursor") ? json.get("nextPageCursor").asText() : null;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = Arrays.copyOf(phones, n);
        Arrays.sort(sorted);
        long distinct = n == 0 ? 0 : 1;
        for (int i = 1; i < n; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return new Run(n, distinct, pages, seconds);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitUp(String base) throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                if (send(HttpRequest.newBuilder(URI.create(base + "/sandbox/info"))).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("sandbox did not start on " + base);
    }
}
