package dev.smskamelets.textrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.checkpoint.AtomicFileStateRepository;
import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.Cron;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code textrequest-contact-source} with {@code incrementalBy: last-message}: the first pass emits every opted-out
 * contact and stores the latest last-message date; a second pass (a new CamelContext over the same files, as after a
 * restart) asks only for contacts last messaged after that watermark minus the lookback and emits only the customers
 * who texted STOP in between.
 */
class TextRequestContactIncrementalTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textrequest.contacts", 40)
            .option("textrequest.dashboards", 1).option("textrequest.tenDlcDashboards", 0)
            .option("textrequest.optedOut", 6).option("textrequest.suppressed", 2);

    @TempDir
    Path dir;

    List<JsonNode> pass(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox)) {
            camel.context.getRegistry().bind("state", new AtomicFileStateRepository(dir.resolve("state.properties").toString()));
            camel.context.getRegistry().bind("seen", new FileIdempotentRepository(dir.resolve("seen.log").toString()));
            camel.start("""
                    - route:
                        from:
                          uri: "kamelet:textrequest-contact-source"
                          parameters:
                            baseUrl: "{{base}}"
                            apiKey: "{{key}}"
                            dashboardId: 101
                            hasOptedOut: "true"
                            incrementalBy: last-message
                            lookback: PT1M
                            stateRepository: state
                            idempotentRepository: seen
                            pageSize: 4
                            schedule: "%s"
                          steps:
                            - process:
                                ref: collector
                    """.formatted(Cron.once()));
            assertThat(camel.awaitPasses(1, 60)).isTrue();
            return camel.bodies().stream().map(KameletCamel::read).toList();
        }
    }

    @Test
    void aSecondPassReadsFromTheWatermarkAndEmitsOnlyNewOptOuts(Sandbox sandbox) throws Exception {
        List<JsonNode> first = pass(sandbox);
        assertThat(first).hasSize(6).allMatch(c -> !c.path("opted_out_utc").isNull());
        Instant latest = first.stream().map(c -> Instant.parse(c.get("last_contact_date_utc").asText()))
                .max(Instant::compareTo).orElseThrow();
        AtomicFileStateRepository state = new AtomicFileStateRepository(dir.resolve("state.properties").toString());
        state.start();
        assertThat(Instant.parse(state.getState("textrequest-contacts/textrequest-contact-101-last-message")))
                .isEqualTo(latest);

        for (String phone : List.of("3215557001", "3215557002")) {
            stop(sandbox, phone);
        }
        sandbox.resetObservations();
        List<JsonNode> second = pass(sandbox);
        assertThat(second).extracting(c -> c.get("phone_number").asText()).containsExactlyInAnyOrder("13215557001", "13215557002");
        RequestLog.Entry request = sandbox.requests().entries(e -> "Contacts_getMatches".equals(e.operationId())).get(0);
        assertThat(URLDecoder.decode(request.query(), StandardCharsets.UTF_8))
                .contains("has_opted_out=true", "last_message_timestamp_after_utc=" + latest.minus(Duration.ofMinutes(1)));
    }

    private static void stop(Sandbox sandbox, String phone) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/sandbox/textrequest/inbound"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dashboard_id\":101,\"from\":\"" + phone + "\",\"body\":\"STOP\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }
}
