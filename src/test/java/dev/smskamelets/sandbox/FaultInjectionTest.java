package dev.smskamelets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.test.SandboxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every fault mode of the sandbox, shown once on a Listrak SMS operation ({@code Contact_GetOptOuts}) and on the
 * Listrak token endpoint: 429 with Retry-After (seconds and HTTP-date), a percentage of 5xx, dropped connections,
 * delays, truncated JSON, HTML error pages with 200 and 502, and rules set through the control endpoint.
 */
class FaultInjectionTest {

    private static final String API = "listrak-sms";
    private static final String OPERATION = "Contact_GetOptOuts";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;
    private String token;

    @BeforeEach
    void token(Sandbox sandbox) throws Exception {
        this.sandbox = sandbox;
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/OAuth2/Token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sandbox-sms-client"
                        + "&client_secret=sandbox-sms-secret")).build(), HttpResponse.BodyHandlers.ofString());
        token = Json.read(answer.body().getBytes()).get("access_token").asText();
    }

    private HttpResponse<String> optOuts() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sms/v1/ShortCode/1234/OptOut?count=10"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Faults.Rule rule() {
        return new Faults.Rule().api(API).operation(OPERATION);
    }

    @Test
    void rateLimitAnswers429WithRetryAfterSeconds() throws Exception {
        Faults.Rule rule = sandbox.faults().add(rule().rateLimit(0.1, "seconds"));
        rule.retryAfterSeconds = 7;
        assertThat(optOuts().statusCode()).isEqualTo(200);
        HttpResponse<String> limited = optOuts();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(sandbox.requests().entries()).anySatisfy(e -> assertThat(e.outcome()).isEqualTo("fault-rate-limit"));
    }

    @Test
    void rateLimitAnswers429WithRetryAfterHttpDate() throws Exception {
        sandbox.faults().add(rule().rateLimit(0.1, "http-date"));
        optOuts();
        HttpResponse<String> limited = optOuts();
        assertThat(limited.statusCode()).isEqualTo(429);
        String retryAfter = limited.headers().firstValue("Retry-After").orElseThrow();
        ZonedDateTime at = ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(at).isAfter(ZonedDateTime.now().minusSeconds(2));
    }

    @Test
    void aPercentageOfRequestsFailWith5xx() throws Exception {
        sandbox.faults().add(rule().errors(30));
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            statuses.merge(optOuts().statusCode(), 1, Integer::sum);
        }
        assertThat(statuses.keySet()).isSubsetOf(200, 500, 502, 503);
        int failures = 100 - statuses.getOrDefault(200, 0);
        assertThat(failures).isBetween(10, 55);
    }

    @Test
    void onlyTheTargetedOperationFailsAndMaxFaultsStopsTheRule() throws Exception {
        sandbox.faults().add(rule().errors(100, 503).maxFaults(2));
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sms/v1/ShortCode"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(optOuts().statusCode()).isEqualTo(503);
        assertThat(optOuts().statusCode()).isEqualTo(503);
        assertThat(optOuts().statusCode()).isEqualTo(200);
    }

    @Test
    void droppedConnectionGivesTheClientNoAnswer() {
        sandbox.faults().add(rule().resets(100));
        assertThatThrownBy(this::optOuts).isInstanceOf(IOException.class);
    }

    @Test
    void slowResponsesAreDelayed() throws Exception {
        sandbox.faults().add(rule().delay(400));
        long started = System.nanoTime();
        assertThat(optOuts().statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void malformedJsonIsTruncated() throws Exception {
        sandbox.faults().add(rule().malformedJson(100));
        HttpResponse<String> answer = optOuts();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Json.MAPPER.readTree(answer.body())).isInstanceOf(IOException.class);
    }

    @Test
    void htmlErrorPagesWithStatus200And502() throws Exception {
        sandbox.faults().add(rule().html(100, 200).maxFaults(1));
        HttpResponse<String> ok = optOuts();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(ok.body()).startsWith("<html>");
        sandbox.faults().clear();
        sandbox.faults().add(rule().html(100, 502));
        HttpResponse<String> gateway = optOuts();
        assertThat(gateway.statusCode()).isEqualTo(502);
        assertThat(gateway.body()).contains("Bad Gateway");
    }

    @Test
    void faultRulesCanBeSetThroughTheControlEndpointAndHitTheTokenEndpoint() throws Exception {
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api\":\"listrak-auth\",\"operation\":\"token\","
                        + "\"errorPercent\":100,\"errorStatuses\":[503],\"maxFaults\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(201);
        HttpRequest tokenRequest = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/OAuth2/Token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sandbox-sms-client"
                        + "&client_secret=sandbox-sms-secret")).build();
        assertThat(http.send(tokenRequest, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        assertThat(http.send(tokenRequest, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(optOuts().statusCode()).as("the SMS API is not affected").isEqualTo(200);
    }
}
