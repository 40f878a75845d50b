package dev.smskamelets.sandbox.textrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How fast the sandbox pages Text Request contacts (so it is never what limits a contact-source benchmark):
 * 100,000 contacts in one dashboard, walked with a plain HTTP client at page_size 1000, unfiltered and filtered.
 * Run: {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=TextRequestPagingBenchmark}.
 */
@Tag("benchmark")
class TextRequestPagingBenchmark {

    private static final int CONTACTS = 100_000;

    @Test
    void pagesOneHundredThousandContacts() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().port(0).seed(42).option("textrequest.dashboards", 1)
                .option("textrequest.tenDlcDashboards", 0).option("textrequest.contacts", CONTACTS)
                .option("textrequest.optedOut", 10_000).option("textrequest.conversations", 10_000).start()) {
            walk(sandbox, "", CONTACTS);
            walk(sandbox, "&has_opted_out=true", 10_000);
        }
    }

    private static void walk(Sandbox sandbox, String filter, int expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String key = sandbox.api(TextRequestApi.class).apiKey();
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        long started = System.nanoTime();
        for (int page = 0; ; page++) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                    + "/api/v3/dashboards/101/contacts?page_size=1000&page=" + page + filter)).header("x-api-key", key).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            bytes += r.body().length;
            JsonNode body = Json.read(r.body());
            body.get("items").forEach(c -> seen.add(c.get("phone_number").asText()));
            if ((page + 1) * 1000L >= body.get("meta").get("total_items").asLong()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("Text Request contacts%s: %d records in %.2f s = %.0f records/s, %.1f MB of JSON, heap used %d MB%n",
                filter.isEmpty() ? "" : " (" + filter.substring(1) + ")", seen.size(), seconds, seen.size() / seconds,
                bytes / 1e6, (rt.totalMemory() - rt.freeMemory()) / 1_000_000);
        System.out.printf("  server time per page (request log): %.1f ms%n", sandbox.requests().entries().stream()
                .mapToLong(e -> e.millis()).average().orElse(0));
        sandbox.requests().clear();
        assertThat(seen).hasSize(expected);
    }
}
