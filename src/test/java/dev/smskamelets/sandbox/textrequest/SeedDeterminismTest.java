package dev.smskamelets.sandbox.textrequest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.textable.TextableApi;
import dev.smskamelets.sandbox.textable.TextablePaths;
import dev.smskamelets.test.SandboxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The same seed and options give the same Text Request and Textable data (ids, phones, dates, credentials). */
class SeedDeterminismTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sameSeedSameDataOtherSeedOtherData() throws Exception {
        try (Sandbox a = start(7); Sandbox b = start(7); Sandbox c = start(8)) {
            assertThat(contacts(a)).isEqualTo(contacts(b)).contains("\"total_items\":40");
            assertThat(textable(a)).isEqualTo(textable(b));
            assertThat(a.api(TextRequestApi.class).apiKey()).isEqualTo(b.api(TextRequestApi.class).apiKey())
                    .isNotEqualTo(c.api(TextRequestApi.class).apiKey()).matches("[0-9A-F]{32}");
            assertThat(a.api(TextableApi.class).apiToken()).isNotEqualTo(c.api(TextableApi.class).apiToken());
            assertThat(contacts(a)).isNotEqualTo(contacts(c));
            for (Sandbox s : new Sandbox[] {a, b, c}) {
                SandboxExtension.assertNoContractViolations(s);
            }
        }
    }

    @Test
    void optionsSizeTheSeed() throws Exception {
        try (Sandbox s = Sandbox.builder().port(0).seed(1).option("textrequest.dashboards", 3)
                .option("textrequest.contacts", 10).option("textrequest.optedOut", 4).option("textable.contacts", 5).start()) {
            assertThat(s.api(TextRequestApi.class).dashboardIds()).containsExactly(101, 102, 103);
            String optedOut = get(s, "/api/v3/dashboards/103/contacts?has_opted_out=true", "x-api-key",
                    s.api(TextRequestApi.class).apiKey());
            assertThat(optedOut).contains("\"total_items\":4");
            assertThat(textable(s).split("\"phoneNumber\"")).hasSize(6);
        }
    }

    private static Sandbox start(long seed) {
        return Sandbox.builder().port(0).seed(seed).option("textrequest.contacts", 40).option("textable.contacts", 20).start();
    }

    private String contacts(Sandbox s) throws Exception {
        return get(s, "/api/v3/dashboards/102/contacts?page_size=500", "x-api-key", s.api(TextRequestApi.class).apiKey());
    }

    private String textable(Sandbox s) throws Exception {
        return get(s, TextablePaths.CONTACTS, "Authorization", "Bearer " + s.api(TextableApi.class).apiToken());
    }

    private String get(Sandbox s, String path, String header, String value) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
