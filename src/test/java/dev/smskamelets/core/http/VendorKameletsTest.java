package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalogue's two example kamelets built on the core, against the sandbox's Listrak SMS and Text Request APIs
 * (skipped until those sandbox APIs are on the branch): every record exactly once across many pages, under faults.
 */
class VendorKameletsTest {

    static final int OPT_OUTS = 4_321;
    static final int CONTACTS = 950;

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.optOuts", OPT_OUTS)
            .option("textrequest.contacts", CONTACTS).option("textrequest.dashboards", 1);

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode info(Sandbox sandbox, String api) {
        JsonNode apis = JSON.valueToTree(sandbox.info()).path("apis");
        assumeTrue(apis.has(api), "the sandbox serves no " + api + " API yet");
        return apis.get(api);
    }

    @Test
    void listrakOptOutSourceReadsEveryOptOutOnceThroughRetriesAndATokenRevocation(Sandbox sandbox) throws Exception {
        JsonNode listrak = info(sandbox, "listrak-sms");
        sandbox.faults().add(new Faults.Rule().api("listrak-sms").operation("*").errors(100, 503).maxFaults(2));
        sandbox.faults().add(new Faults.Rule().api("listrak-sms").operation("*").rateLimit(0.001, "http-date")
                .maxFaults(1));
        try (KameletCamel camel = new KameletCamel(Map.of("secret", listrak.get("clientSecret").asText()))) {
            camel.bind("smsStateRepository", new org.apache.camel.support.processor.state.MemoryStateRepository())
                    .bind("smsIdempotentRepository",
                            org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository
                                    .memoryIdempotentRepository(10_000));
            camel.beforeCollect = exchange -> {
                if (camel.records.size() == 1_000) { // mid-run: the cached token dies, the next page gets a 401
                    sandbox.faults().revokeTokens(listrak.get("integration").asText());
                }
            };
            camel.start("""
                    - route:
                        from:
                          uri: "kamelet:listrak-sms-optout-source"
                          parameters:
                            baseUrl: "%s"
                            authUrl: "%s"
                            clientId: "%s"
                            clientSecret: "{{secret}}"
                            senderCodeId: %s
                            schedule: "%s"
                            pageSize: 500
                            requestsPerSecond: 50
                          steps:
                            - process:
                                ref: collector
                    """.formatted(listrak.get("baseUrl").asText(), listrak.get("tokenUrl").asText(),
                    listrak.get("clientId").asText(), listrak.at("/seed/senderCodeId").asText(), dev.smskamelets.test.Cron.once()));
            assertThat(camel.awaitPass(180)).isTrue();
            List<String> phones = camel.bodies().stream().map(r -> read(r).get("phoneNumber").asText()).toList();
            assertThat(phones).hasSize(OPT_OUTS).doesNotHaveDuplicates();
        }
        List<RequestLog.Entry> calls = sandbox.requests().entries(e -> "Contact_GetOptOuts".equals(e.operationId()));
        assertThat(calls.stream().filter(e -> e.status() == 200)).hasSize(9); // 8 x 500 + 321
        assertThat(calls.stream().filter(e -> e.status() >= 400)).extracting(RequestLog.Entry::status)
                .containsExactlyInAnyOrder(503, 503, 429, 401);
        assertThat(sandbox.requests().count("listrak-auth", "token")).isEqualTo(2);
    }

    @Test
    void pausedListrakIntegrationStopsThePassWithOneClearAuthError(Sandbox sandbox) throws Exception {
        JsonNode listrak = info(sandbox, "listrak-sms");
        sandbox.faults().pause(listrak.get("integration").asText(), true);
        String text;
        try (LogCapture logs = LogCapture.start(org.apache.logging.log4j.Level.INFO);
             KameletCamel camel = new KameletCamel(Map.of("secret", listrak.get("clientSecret").asText()))) {
            camel.bind("smsStateRepository", new org.apache.camel.support.processor.state.MemoryStateRepository())
                    .bind("smsIdempotentRepository",
                            org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository
                                    .memoryIdempotentRepository(100));
            camel.start("""
                    - route:
                        from:
                          uri: "kamelet:listrak-sms-optout-source"
                          parameters:
                            baseUrl: "%s"
                            authUrl: "%s"
                            clientId: "%s"
                            clientSecret: "{{secret}}"
                            senderCodeId: %s
                            schedule: "%s"
                          steps:
                            - process:
                                ref: collector
                    """.formatted(listrak.get("baseUrl").asText(), listrak.get("tokenUrl").asText(),
                    listrak.get("clientId").asText(), listrak.at("/seed/senderCodeId").asText(), dev.smskamelets.test.Cron.once()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (!logs.text().contains("VendorApiException") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            text = logs.text();
        }
        assertThat(text).contains("token request of integration", listrak.get("tokenUrl").asText(), "HTTP 401",
                "ERROR_INVALID_CREDENTIALS", "paused", "(auth)").doesNotContain(listrak.get("clientSecret").asText());
        assertThat(sandbox.requests().count("listrak-auth", "token")).isEqualTo(1);
        assertThat(sandbox.requests().count("listrak-sms", "Contact_GetOptOuts")).isZero();
    }

    @Test
    void textRequestContactSourceReadsEveryContactOnce(Sandbox sandbox) throws Exception {
        JsonNode tr = info(sandbox, "textrequest");
        JsonNode dashboard = tr.get("dashboards").get(0);
        try (KameletCamel camel = new KameletCamel(Map.of("key", tr.get("apiKey").asText()))) {
            camel.start("""
                    - route:
                        from:
                          uri: "kamelet:textrequest-contact-source"
                          parameters:
                            baseUrl: "%s"
                            apiKey: "{{key}}"
                            dashboardId: %s
                            schedule: "%s"
                          steps:
                            - process:
                                ref: collector
                    """.formatted(tr.get("baseUrl").asText(), dashboard.get("id").asText(), dev.smskamelets.test.Cron.once()));
            assertThat(camel.awaitPass(180)).isTrue();
            assertThat(camel.bodies().stream().map(r -> read(r).get("phone_number").asText()))
                    .hasSize(dashboard.get("contacts").asInt()).doesNotHaveDuplicates();
        }
        int pages = (dashboard.get("contacts").asInt() + 99) / 100;
        assertThat(sandbox.requests().entries(e -> "Contacts_getMatches".equals(e.operationId())))
                .hasSize(pages).allMatch(e -> e.query().contains("page_size=100"));
    }

    @Test
    void textableMessageSinkSendsOneMessagePerExchangeRetryingServerErrors(Sandbox sandbox) throws Exception {
        JsonNode textable = info(sandbox, "textable");
        JsonNode user = textable.get("users").get(0);
        sandbox.faults().add(new Faults.Rule().api("textable").operation("sendMessage").errors(100, 503).maxFaults(2));
        try (KameletCamel camel = new KameletCamel(Map.of("token", user.get("token").asText()))) {
            camel.start("""
                    - route:
                        from:
                          uri: "direct:send"
                          steps:
                            - to:
                                uri: "kamelet:textable-message-sink"
                                parameters:
                                  baseUrl: "%s"
                                  bearerToken: "{{token}}"
                    """.formatted(textable.get("baseUrl").asText()));
            var producer = camel.context.createProducerTemplate();
            for (int i = 0; i < 5; i++) {
                Object answer = producer.requestBody("direct:send", Map.of("to", "+1555010000" + i,
                        "from", user.get("phoneNumber").asText(), "message", "Hello " + i));
                assertThat(answer.toString()).contains("true");
            }
        }
        List<RequestLog.Entry> sends = sandbox.requests().entries(e -> "sendMessage".equals(e.operationId()));
        assertThat(sends).extracting(RequestLog.Entry::status).containsExactly(503, 503, 200, 200, 200, 200, 200);
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }
}
