package dev.smskamelets.listrak.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.smskamelets.core.checkpoint.AtomicFileStateRepository;
import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listrak-sms-optout-source} on 100,000 seeded opt-outs: each emitted exactly once, normalised; the
 * checkpoint advances to the latest opt-out date; a second run (a new Camel context over the same files) starts at
 * the watermark minus the lookback and emits only the opt-outs that happened in between (inbound STOPs).
 */
class ListrakSmsOptOutSourceTest {

    static final int OPT_OUTS = 100_000;

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.optOuts", OPT_OUTS)
            .option("listrak.contacts", 20);

    static String route(KameletCamel camel) {
        return """
                - route:
                    from:
                      uri: "kamelet:listrak-sms-optout-source"
                      parameters:
                %s            senderCodeId: 1234
                            schedule: "%s"
                            startDate: "2024-06-01"
                            lookback: PT1H
                      steps:
                        - process:
                            ref: collector
                """.formatted(camel.connection(12), dev.smskamelets.test.Cron.once());
    }

    static KameletCamel job(Sandbox sandbox, Path dir) {
        return KameletCamel.listrakSms(sandbox)
                .bind("smsStateRepository", new AtomicFileStateRepository(dir.resolve("state.properties").toString()))
                .bind("smsIdempotentRepository", new FileIdempotentRepository(dir.resolve("idem.log").toString()));
    }

    @Test
    void emitsEveryOptOutOnceAdvancesTheCheckpointAndASecondRunEmitsOnlyNewOnes(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        List<String> first;
        try (KameletCamel camel = job(sandbox, dir)) {
            camel.beforeCollect = exchange -> {
                if (camel.count.get() == OPT_OUTS / 2) { // mid-run: the token dies, the next page gets a 401
                    sandbox.faults().revokeTokens("listrak-sms");
                }
            };
            camel.start(route(camel));
            assertThat(camel.awaitPass(300)).isTrue();
            first = List.copyOf(camel.bodies());
        }
        assertThat(first).hasSize(OPT_OUTS);
        List<JsonNode> records = first.stream().map(KameletCamel::read).toList();
        assertThat(records).extracting(r -> r.get("phoneNumber").asText()).doesNotHaveDuplicates()
                .allMatch(p -> p.matches("\\+1\\d{10}"));
        assertThat(records).allMatch(r -> r.get("phoneNumberValid").asBoolean() && r.get("senderCodeId").asInt() == 1234)
                .allMatch(r -> OptOutRecords.REASONS.contains(r.get("optOutReason").asText()));
        String latest = records.get(records.size() - 1).get("optOutDate").asText();
        AtomicFileStateRepository state = new AtomicFileStateRepository(dir.resolve("state.properties").toString());
        String key = "listrak-sms-optout/listrak-sms-optout-" + camel(sandbox).info.get("clientId").asText() + "-1234";
        assertThat(Instant.parse(state.getState(key))).isEqualTo(Instant.parse(latest));
        List<RequestLog.Entry> calls = sandbox.requests().entries(e -> "Contact_GetOptOuts".equals(e.operationId()));
        assertThat(calls.stream().filter(e -> e.status() == 401)).hasSize(1);
        assertThat(sandbox.requests().count("listrak-auth", "token")).isEqualTo(2);
        calls = calls.stream().filter(e -> e.status() != 401).toList();
        assertThat(calls).hasSize(OPT_OUTS / 5000).allMatch(e -> e.status() == 200)
                .allMatch(e -> e.query().contains("count=5000") && e.query().contains("startDate=2024-06-01T00:00:00Z"));

        // Three customers text STOP while the job is down.
        ListrakSmsApi api = sandbox.api(ListrakSmsApi.class);
        List<String> stopped = List.of(api.seed().phone(OPT_OUTS), api.seed().phone(OPT_OUTS + 1),
                api.seed().phone(OPT_OUTS + 2));
        for (String phone : stopped) {
            stop(sandbox, phone);
        }
        sandbox.resetObservations();
        try (KameletCamel camel = job(sandbox, dir)) {
            camel.start(route(camel));
            assertThat(camel.awaitPass(120)).isTrue();
            assertThat(camel.bodies()).extracting(r -> KameletCamel.read(r).get("phoneNumber").asText())
                    .containsExactlyElementsOf(stopped.stream().map(p -> "+1" + p).toList());
            assertThat(camel.bodies()).allMatch(r -> KameletCamel.read(r).get("optOutReason").asText().equals("Campaign"));
        }
        String expectedFrom = Instant.parse(latest).minus(Duration.ofHours(1)).toString();
        assertThat(sandbox.requests().entries(e -> "Contact_GetOptOuts".equals(e.operationId())))
                .hasSize(1).allMatch(e -> e.query().contains("startDate=" + expectedFrom));
        String advanced = new AtomicFileStateRepository(dir.resolve("state.properties").toString()).getState(key);
        assertThat(Instant.parse(advanced)).isAfter(Instant.parse(latest));
    }

    @Test
    void reasonIsReadAsNameOrAsItsIntegerPosition() {
        assertThat(OptOutRecords.reason(IntNode.valueOf(0))).isEqualTo("Campaign");
        assertThat(OptOutRecords.reason(IntNode.valueOf(4))).isEqualTo("API");
        assertThat(OptOutRecords.reason(TextNode.valueOf("7"))).isEqualTo("Workflow");
        assertThat(OptOutRecords.reason(TextNode.valueOf("deliveryfailure"))).isEqualTo("DeliveryFailure");
    }

    @Test
    void aRecordIsWrittenOnceAsItsShapedTreeWouldPrint() throws Exception {
        List<String> raws = List.of(
                "{\"phoneNumber\":\"+12025550143\",\"optOutDate\":\"2025-01-02T03:04:05Z\",\"optOutReason\":\"Campaign\"}",
                "{\"phoneNumber\":\"2025550143\",\"optOutDate\":\"2025-01-02T03:04:05\",\"optOutReason\":3}",
                "{\"optOutReason\":\"7\",\"phoneNumber\":\"+44 20 7946 0958\",\"optOutDate\":\"2025-01-02T03:04:05+02:00\"}",
                "{\"phoneNumber\":\"not a phone\",\"optOutDate\":\"2025-01-02T03:04:05Z\",\"optOutReason\":\"Other\"}",
                "{\"phoneNumber\":null,\"optOutDate\":\"2025-01-02T03:04:05Z\"}",
                "{\"optOutDate\":\"2025-01-02T03:04:05Z\",\"optOutReason\":null,\"extra\":{\"a\":[1,2.5,true,null,\"\\u00e9\\\"q\\\"\"]}}",
                "{\"senderCodeId\":99,\"phoneNumberValid\":\"?\",\"phoneNumber\":12025550143,\"optOutDate\":\"2025-01-02T03:04:05Z\",\"n\":12345678901234567890}");
        for (String senderCode : new String[] {"1234", null}) {
            OptOutRecords shaped = new OptOutRecords();
            shaped.setSenderCodeId(senderCode);
            OptOutRecords written = new OptOutRecords();
            written.setSenderCodeId(senderCode);
            for (String raw : raws) {
                var expected = shaped.page(List.of(raw)).get(0);
                var actual = written.record(new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw));
                assertThat(actual.body()).as(raw).isEqualTo(expected.body());
                assertThat(actual.key()).as(raw).isEqualTo(expected.key());
                assertThat(actual.time()).as(raw).isEqualTo(expected.time());
            }
        }
    }

    private static KameletCamel camel(Sandbox sandbox) {
        return KameletCamel.listrakSms(sandbox);
    }

    static void stop(Sandbox sandbox, String phone) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/sandbox/listrak/sms/inbound"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phoneNumber\":\"" + phone + "\",\"text\":\"STOP\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
