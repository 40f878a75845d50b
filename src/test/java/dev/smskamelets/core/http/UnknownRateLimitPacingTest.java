package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.pacing.AdaptivePacer;
import dev.smskamelets.core.http.pacing.Pacers;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.RateLimits;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No vendor publishes a rate limit, so a client starts from a guess. Here the sandbox meters the Text Request account
 * at 10 requests/s (its per-account limiter, as a vendor gateway would) and the client guesses twice that: the pacer
 * must learn the limit from the 429s — few of them — and then use most of what the limit allows. Measured by the
 * sandbox's own counters (requests allowed, 429s, share of the allowed rate), not by wall-clock assertions.
 */
class UnknownRateLimitPacingTest {

    private static final double VENDOR_LIMIT = 10;
    private static final int CALLS = 300;

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.withOption("rateLimit.textrequest", VENDOR_LIMIT);

    DefaultCamelContext camel;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private static VendorClient textRequest(Sandbox sandbox, double guess) {
        JsonNode info = Json.MAPPER.valueToTree(sandbox.info()).path("apis").path("textrequest");
        VendorClient client = new VendorClient();
        client.setVendor("textrequest");
        client.setBaseUrl(info.path("baseUrl").asText());
        client.setAuthType("api-key");
        client.setApiKeyHeader("x-api-key");
        client.setApiKey(info.path("apiKey").asText());
        client.setRequestsPerSecond(guess);
        return client;
    }

    @Test
    void aGuessTwiceTheUnknownLimitLearnsItAndUsesMostOfIt(Sandbox sandbox) throws Exception {
        // Two clients of one account (two routes of the job), four threads: they share the account's pacer.
        VendorClient dashboards = textRequest(sandbox, 20);
        VendorClient contacts = textRequest(sandbox, 20);
        String dashboard = Json.MAPPER.valueToTree(sandbox.info()).path("apis").path("textrequest").path("dashboards")
                .get(0).path("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<VendorResponse>> done = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            VendorClient client = i % 2 == 0 ? dashboards : contacts;
            String path = i % 2 == 0 ? "/dashboards" : "/dashboards/" + dashboard + "/contacts?page_size=1";
            done.add(pool.submit(() -> Clients.get(client, camel, path)));
        }
        for (Future<VendorResponse> f : done) {
            assertThat(f.get().status()).isEqualTo(200);
        }
        pool.shutdown();

        List<RateLimits.AccountCounters> counters = sandbox.rateLimits().counters();
        assertThat(counters).hasSize(1);
        RateLimits.AccountCounters account = counters.get(0);
        AdaptivePacer pacer = Pacers.of(camel).get(CallerAssembly.account(dashboards));
        System.out.printf("unknown limit: %d allowed, %d x 429 in %.1f s, share of the allowed rate %.2f, pacer %.1f/s%n",
                account.allowed(), account.throttled(), account.seconds(), account.shareOfAllowedRate(),
                pacer.currentRate());

        assertThat(account.allowed()).as("every call went through once").isEqualTo(CALLS);
        assertThat(pacer.throttled()).as("the pacer heard every 429").isEqualTo(account.throttled());
        assertThat(account.throttled()).as("429s while learning the limit").isLessThanOrEqualTo(CALLS / 10);
        assertThat(account.shareOfAllowedRate()).as("share of the allowed rate used").isGreaterThanOrEqualTo(0.8);
        assertThat(pacer.currentRate()).as("the guess came down").isLessThan(20);
    }
}
