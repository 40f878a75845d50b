package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not in the suite): pages 1,000,000 Listrak opt-outs at count=5000 through a standalone sandbox JVM
 * ({@code -Xmx64m}) with the JDK HTTP client, and reports records/s and the sandbox JVM's heap (largest occupancy
 * before a GC; live heap after a full GC at the end). Run with
 * {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=ListrakOptOutPagingBenchmark}.
 */
@Tag("benchmark")
class ListrakOptOutPagingBenchmark {

    private static final int OPT_OUTS = 1_000_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void pageAMillionOptOuts() throws Exception {
        try (SandboxProcess sandbox = new SandboxProcess("64m", "listrak.optOuts=" + OPT_OUTS, "listrak.contacts=1000")) {
            String token = Json.read(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl + "/OAuth2/Token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sandbox-sms-client"
                            + "&client_secret=sandbox-sms-secret")).build(), HttpResponse.BodyHandlers.ofString())
                    .body().getBytes()).get("access_token").asText();

            Run cold = walk(sandbox.baseUrl, token);
            Run warm = walk(sandbox.baseUrl, token);
            for (Run run : new Run[] {cold, warm}) {
                assertThat(run.records).isEqualTo(OPT_OUTS);
                assertThat(run.distinctPhones).isEqualTo(OPT_OUTS);
                assertThat(run.pages).isEqualTo(OPT_OUTS / 5000);
            }
            SandboxProcess.Heap heap = sandbox.heap();
            String report = String.format("Listrak opt-out paging benchmark: %,d opt-outs, count=5000, sandbox JVM -Xmx64m%n"
                            + "  cold walk: %.2f s, %,.0f records/s%n  warm walk: %.2f s, %,.0f records/s%n"
                            + "  sandbox peak heap (largest occupancy before a GC, %d GCs): %d MB;"
                            + " live heap after a full GC at the end: %d MB%n",
                    OPT_OUTS, cold.seconds, OPT_OUTS / cold.seconds, warm.seconds, OPT_OUTS / warm.seconds,
                    heap.gcs(), heap.peakMb(), heap.liveMb());
            System.out.print(report);
            Files.writeString(Path.of("target", "benchmark-listrak-optouts.txt"), report);
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
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
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
}
