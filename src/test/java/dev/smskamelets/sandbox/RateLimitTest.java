package dev.smskamelets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.test.SandboxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-account request-rate limit ({@code rateLimit.*}): a burst above the limit is answered 429 with
 * {@code Retry-After} in the vendor's own error shape, traffic below it is not, accounts and APIs are metered
 * independently, and {@code /sandbox/rate-limits} counts what it let through and refused. Limits are chosen so low
 * (or so high) that the outcome does not depend on how fast the machine sends.
 */
class RateLimitTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;
    private JsonNode info;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.info = Json.MAPPER.valueToTree(sandbox.info()).path("apis");
    }

    @AfterEach
    void noLimits() {
        for (VendorApi api : sandbox.apis()) {
            sandbox.rateLimits().limit(api.id(), 0);
        }
        sandbox.rateLimits().defaultLimit(0);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> textRequestDashboards() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v3/dashboards"))
                .header("x-api-key", info.path("textrequest").path("apiKey").asText()));
    }

    private HttpResponse<String> textableUser(int n) throws Exception {
        JsonNode user = info.path("textable").path("users").get(n);
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v2/users/" + user.path("id").asText()))
                .header("Authorization", "Bearer " + user.path("token").asText()));
    }

    private String listrakToken() throws Exception {
        JsonNode sms = info.path("listrak-sms");
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(sms.path("tokenUrl").asText()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + sms.path("clientId").asText() + "&client_secret=" + sms.path("clientSecret").asText())));
        return Json.read(answer.body().getBytes()).get("access_token").asText();
    }

    private HttpResponse<String> listrakSenderCodes(String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sms/v1/ShortCode"))
                .header("Authorization", "Bearer " + token));
    }

    private static JsonNode body(HttpResponse<String> answer) {
        return Json.read(answer.body().getBytes());
    }

    @Test
    void aBurstAboveTheLimitIsAnswered429WithRetryAfterInTheVendorsShape() throws Exception {
        // 0.2 requests/s: a bucket of one request, refilled after 5 s; six requests in a row cannot all pass.
        sandbox.rateLimits().limit("textrequest", 0.2);
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(textRequestDashboards());
        }
        assertThat(answers.get(0).statusCode()).isEqualTo(200);
        List<HttpResponse<String>> limited = answers.stream().filter(a -> a.statusCode() == 429).toList();
        assertThat(limited).hasSizeGreaterThanOrEqualTo(4);
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(200, 429));
        HttpResponse<String> first429 = limited.get(0);
        long retryAfter = Long.parseLong(first429.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("whole seconds until the next request is allowed").isBetween(1L, 5L);
        JsonNode error = body(first429);
        assertThat(error.path("status").asInt()).isEqualTo(429);
        assertThat(error.has("errorCode")).as("Text Request's error shape").isTrue();
        assertThat(error.path("message").asText()).contains("0.2 requests per second");
        assertThat(sandbox.requests().entries(e -> "rate-limit".equals(e.outcome()))).hasSize(limited.size());
    }

    @Test
    void eachVendorAnswersTheLimitInItsOwnErrorShape() throws Exception {
        sandbox.rateLimits().defaultLimit(0.2);
        String token = listrakToken();
        assertThat(listrakSenderCodes(token).statusCode()).isEqualTo(200);
        HttpResponse<String> listrak = listrakSenderCodes(token);
        assertThat(listrak.statusCode()).isEqualTo(429);
        assertThat(listrak.headers().firstValue("Retry-After")).isPresent();
        assertThat(body(listrak).path("error").asText()).isEqualTo("ERROR_TOO_MANY_REQUESTS");
        assertThat(body(listrak).path("status").asInt()).isEqualTo(429);

        assertThat(textableUser(0).statusCode()).isEqualTo(200);
        HttpResponse<String> textable = textableUser(0);
        assertThat(textable.statusCode()).isEqualTo(429);
        assertThat(textable.headers().firstValue("Retry-After")).isPresent();
        assertThat(body(textable).path("errors").get(0).asText()).startsWith("Rate limit exceeded");
        assertThat(body(textable).path("error").asText()).startsWith("Rate limit exceeded");

        assertThat(sandbox.rateLimits().counters()).extracting(RateLimits.AccountCounters::api)
                .as("the token endpoint names no account and is never limited").doesNotContain("listrak-auth");
    }

    @Test
    void trafficBelowTheLimitIsNeverRefused() throws Exception {
        sandbox.rateLimits().limit("textrequest", 10_000);
        for (int i = 0; i < 40; i++) {
            assertThat(textRequestDashboards().statusCode()).isEqualTo(200);
        }
        RateLimits.AccountCounters counters = sandbox.rateLimits().counters().stream()
                .filter(c -> c.api().equals("textrequest")).findFirst().orElseThrow();
        assertThat(counters.allowed()).isEqualTo(40);
        assertThat(counters.throttled()).isZero();
        assertThat(counters.account()).startsWith("key-").doesNotContain(info.path("textrequest").path("apiKey").asText());
    }

    @Test
    void accountsAndApisAreMeteredIndependently() throws Exception {
        sandbox.rateLimits().limit("textable", 0.2);
        sandbox.rateLimits().limit("textrequest", 0.2);
        assertThat(textableUser(0).statusCode()).isEqualTo(200);
        assertThat(textableUser(0).statusCode()).isEqualTo(429);
        assertThat(textableUser(1).statusCode()).as("another Textable user has its own budget").isEqualTo(200);
        assertThat(textRequestDashboards().statusCode()).as("another API has its own budget").isEqualTo(200);
        assertThat(textableUser(1).statusCode()).isEqualTo(429);

        String user0 = "user-" + info.path("textable").path("users").get(0).path("id").asText();
        String user1 = "user-" + info.path("textable").path("users").get(1).path("id").asText();
        assertThat(sandbox.rateLimits().counters("textable", user0).allowed()).isEqualTo(1);
        assertThat(sandbox.rateLimits().counters("textable", user0).throttled()).isEqualTo(1);
        assertThat(sandbox.rateLimits().counters("textable", user1).allowed()).isEqualTo(1);
        assertThat(sandbox.rateLimits().counters("textable", user1).throttled()).isEqualTo(1);
    }

    @Test
    void requestsWithoutValidCredentialsAreNeitherLimitedNorCounted() throws Exception {
        sandbox.rateLimits().limit("textrequest", 0.2);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrongKey = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v3/dashboards"))
                    .header("x-api-key", "not-the-key"));
            assertThat(wrongKey.statusCode()).isEqualTo(401);
        }
        assertThat(textRequestDashboards().statusCode()).isEqualTo(200);
        assertThat(sandbox.rateLimits().counters()).hasSize(1);
    }

    @Test
    void countersOnTheControlApiMatchWhatTheClientSaw() throws Exception {
        sandbox.rateLimits().limit("textrequest", 0.2);
        int ok = 0;
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            int status = textRequestDashboards().statusCode();
            ok += status == 200 ? 1 : 0;
            refused += status == 429 ? 1 : 0;
        }
        assertThat(ok + refused).isEqualTo(8);

        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/rate-limits")));
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode control = body(answer);
        assertThat(control.path("limits").path("textrequest").path("requestsPerSecond").asDouble()).isEqualTo(0.2);
        assertThat(control.path("limits").path("textrequest").path("burst").asDouble()).isEqualTo(1.0);
        JsonNode account = control.path("accounts").get(0);
        assertThat(account.path("api").asText()).isEqualTo("textrequest");
        assertThat(account.path("allowed").asLong()).isEqualTo(ok);
        assertThat(account.path("throttled").asLong()).isEqualTo(refused);
        assertThat(account.path("limitPerSecond").asDouble()).isEqualTo(0.2);
        // allowed ≤ burst + limit × elapsed always holds, so the share is at most 1
        double share = account.path("shareOfAllowedRate").asDouble();
        assertThat(share).isGreaterThan(0).isLessThanOrEqualTo(1.0);
        assertThat(share).isEqualTo(ok / (1.0 + 0.2 * account.path("seconds").asDouble()), org.assertj.core.data.Offset.offset(1e-9));

        HttpResponse<String> reset = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/rate-limits")).DELETE());
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(sandbox.rateLimits().counters()).isEmpty();
        assertThat(sandbox.rateLimits().limitFor("textrequest").requestsPerSecond()).as("limits stay").isEqualTo(0.2);
    }

    @Test
    void limitsAreSetAndRemovedThroughTheControlApi() throws Exception {
        HttpResponse<String> set = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/rate-limits"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api\":\"textable\",\"requestsPerSecond\":7}")));
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(sandbox.rateLimits().limitFor("textable")).isEqualTo(new RateLimits.Limit(7, 7));

        HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/rate-limits"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"api\":\"nope\",\"requestsPerSecond\":7}")));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("nope").contains("textable");

        send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/rate-limits"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"api\":\"textable\",\"requestsPerSecond\":0}")));
        assertThat(sandbox.rateLimits().limitFor("textable")).isNull();
    }

    @Test
    void optionsConfigureLimitsAndNameTheirMistakes() {
        List<String> apis = List.of("listrak-sms", "textrequest", "textable");
        RateLimits limits = new RateLimits(new SandboxConfig("127.0.0.1", 0, 1,
                Map.of("rateLimit.listrak-sms", "10", "rateLimit.default", "4", "rateLimit.burstSeconds", "2")), apis);
        assertThat(limits.limitFor("listrak-sms")).isEqualTo(new RateLimits.Limit(10, 20));
        assertThat(limits.limitFor("textable")).isEqualTo(new RateLimits.Limit(4, 8));
        assertThat(new RateLimits(new SandboxConfig("127.0.0.1", 0, 1, Map.of()), apis).limitFor("textable"))
                .as("off unless configured").isNull();

        assertThatThrownBy(() -> new RateLimits(new SandboxConfig("127.0.0.1", 0, 1,
                Map.of("rateLimit.listrak", "10")), apis))
                .hasMessageContaining("rateLimit.listrak").hasMessageContaining("textrequest");
        assertThatThrownBy(() -> new RateLimits(new SandboxConfig("127.0.0.1", 0, 1,
                Map.of("rateLimit.textable", "fast")), apis))
                .hasMessageContaining("rateLimit.textable").hasMessageContaining("'fast'");
    }
}
