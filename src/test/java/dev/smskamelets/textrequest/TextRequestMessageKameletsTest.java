package dev.smskamelets.textrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages against the Text Request sandbox: validation before any request, the dashboard throttle honoured
 * (measured on the sandbox's send slots and queue), the status callback delivered signed to the webhook source,
 * the dashboard message and conversation sources (204 = nothing), archive/unarchive and redact/unredact.
 */
class TextRequestMessageKameletsTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textrequest.contacts", 60)
            .option("textrequest.conversations", 12).option("textrequest.optedOut", 3)
            .option("textrequest.dashboards", 2).option("textrequest.tenDlcDashboards", 1);

    static String routes(String callback) {
        return """
                - route:
                    from:
                      uri: "direct:send"
                      steps:
                        - to: "kamelet:textrequest-message-sink?baseUrl={{base}}&apiKey={{key}}&dashboardId=101%s"
                - route:
                    from:
                      uri: "direct:conversation"
                      steps:
                        - toD: "kamelet:textrequest-conversation-action?baseUrl=RAW({{base}})&apiKey=RAW({{key}})&dashboardId=101&operation=${header.op}"
                - route:
                    from:
                      uri: "direct:get"
                      steps:
                        - to: "kamelet:textrequest-contact-get-action?baseUrl={{base}}&apiKey={{key}}&dashboardId=101"
                """.formatted(callback);
    }

    @Test
    void invalidMessagesAreRefusedBeforeAnyRequest(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).start(routes(""))) {
            ProducerTemplate producer = camel.producer();
            Map<String, String> phone = Map.of("phone", "3215550010");
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:send", Map.of("body", "x".repeat(1601)), Map.copyOf(phone)))
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'body'").hasMessageContaining("1601");
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:send", Map.of("body", "hi"), Map.of("phone", "555-0100")))
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'555-0100'");
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:send", Map.of("body", ""), Map.copyOf(phone)))
                    .cause().hasMessageContaining("'body' is required");
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:send",
                    Map.of("body", "hi", "sender_name", "n".repeat(42)), Map.copyOf(phone))).cause().hasMessageContaining("'sender_name'");
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:send",
                    Map.of("body", "hi", "status_callback", "not a url"), Map.copyOf(phone))).cause()
                    .hasMessageContaining("'status_callback'").hasMessageContaining("'not a url'");
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:send",
                    Map.of("body", "where are you?", "location_callback", "https://x.example/loc"), Map.copyOf(phone)))
                    .cause().hasMessageContaining("[LocationRequest]");
            String ok = "é".repeat(1600);
            JsonNode sent = KameletCamel.read(producer.requestBodyAndHeaders("direct:send", Map.of("body", ok), Map.copyOf(phone), String.class));
            assertThat(sent.get("body").asText()).isEqualTo(ok);
        }
        assertThat(sandbox.requests().count("textrequest", "Conversations_sendMessageToContact")).isEqualTo(1);
    }

    @Test
    void theSinkHonoursTheDashboardThrottleAndTheStatusCallbackArrivesSigned(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).withHttpServer()) {
            String callback = camel.url("/tr/status/msg_status_updated");
            camel.start(routes("&statusCallbackUrl=RAW(" + callback + ")") + """
                    - route:
                        from:
                          uri: "kamelet:textrequest-webhook-source?apiKey={{key}}&path=/tr/status"
                          steps:
                            - process:
                                ref: collector
                    """);
            ProducerTemplate producer = camel.producer();
            int n = 5;
            List<Instant> slots = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                JsonNode sent = KameletCamel.read(producer.requestBodyAndHeader("direct:send",
                        Map.of("body", "Throttle " + i), "phone", "32155501" + (20 + i), String.class));
                slots.add(Instant.parse(sent.get("message_timestamp_utc").asText()));
            }
            JsonNode dashboard = KameletCamel.info(sandbox, "textrequest").get("dashboards").get(0);
            // The sandbox queues a send that arrives before the dashboard's next slot: a client that honours
            // 1 message/s never makes one wait a whole slot (only network jitter: the first request's connection
            // set-up delays its arrival); a burst of 5 would queue the last one for 4 s.
            assertThat(dashboard.get("maxQueueMillis").asLong()).isLessThan(1000);
            double rate = (n - 1) / (Duration.between(slots.get(0), slots.get(n - 1)).toMillis() / 1000.0);
            System.out.printf("Text Request send rate on dashboard 101: %.2f messages/s (queued %d, max wait %d ms)%n",
                    rate, dashboard.get("queuedSends").asLong(), dashboard.get("maxQueueMillis").asLong());
            assertThat(rate).isLessThanOrEqualTo(1.0);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (camel.received.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(camel.bodies().stream().map(KameletCamel::read)).hasSize(n).allSatisfy(e -> {
                assertThat(e.get("event").asText()).isEqualTo("msg_status_updated");
                assertThat(e.get("status").asText()).isEqualTo("delivered");
            });
        }
    }

    @Test
    void sourcesReadDashboardMessagesAndConversationsAndAnEmptyDashboardIs204(Sandbox sandbox) throws Exception {
        List<JsonNode> open = readSource(sandbox, "textrequest-conversation-source", 101, "");
        List<JsonNode> all = readSource(sandbox, "textrequest-conversation-source", 101, "includeArchived: \"true\"");
        // every conversation once, across pages of 4; archived ones (the opted-out contacts) only when asked for
        assertThat(all).hasSizeGreaterThanOrEqualTo(12).extracting(JsonNode::toString).doesNotHaveDuplicates();
        assertThat(open).isNotEmpty().hasSizeLessThan(all.size());
        List<JsonNode> messages = readSource(sandbox, "textrequest-message-source", 101, "");
        assertThat(messages).isNotEmpty().extracting(m -> m.get("message_id").asText()).doesNotHaveDuplicates();
        String middle = messages.get(messages.size() / 2).get("message_timestamp_utc").asText();
        assertThat(readSource(sandbox, "textrequest-message-source", 101, "startDate: \"" + middle + "\""))
                .isNotEmpty().hasSizeLessThan(messages.size());
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).start("""
                - route:
                    from:
                      uri: "direct:dashboards"
                      steps:
                        - to: "kamelet:textrequest-dashboard-action?baseUrl={{base}}&apiKey={{key}}&operation=create"
                """)) {
            String phone = KameletCamel.info(sandbox, "textrequest").get("dashboards").get(1).get("phone").asText();
            JsonNode created = KameletCamel.read(camel.producer().requestBody("direct:dashboards",
                    Map.of("name", "Empty line", "phone", "18005550199"), String.class));
            int id = created.get("id").asInt();
            assertThat(readSource(sandbox, "textrequest-message-source", id, "")).isEmpty();
            assertThat(sandbox.requests().entries(e -> "Conversations_getDashboardMessages".equals(e.operationId())
                    && e.path().contains("/" + id + "/"))).extracting(e -> e.status()).containsExactly(204);
            assertThat(phone).isNotBlank();
        }
    }

    static List<JsonNode> readSource(Sandbox sandbox, String kamelet, int dashboard, String extra) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox)) {
            camel.start("""
                    - route:
                        from:
                          uri: "kamelet:%s"
                          parameters:
                            baseUrl: "{{base}}"
                            apiKey: "{{key}}"
                            dashboardId: %d
                            pageSize: 4
                            schedule: "%s"
                    %s
                          steps:
                            - process:
                                ref: collector
                    """.formatted(kamelet, dashboard, dev.smskamelets.test.Cron.once(), extra.indent(8).stripTrailing()));
            assertThat(camel.awaitPasses(1, 60)).isTrue();
            return camel.bodies().stream().map(KameletCamel::read).toList();
        }
    }

    @Test
    void archiveUnarchiveRedactAndUnredactChangeTheSandboxState(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).start(routes(""))) {
            ProducerTemplate producer = camel.producer();
            String phone = "3215550040";
            JsonNode sent = KameletCamel.read(producer.requestBodyAndHeader("direct:send", Map.of("body", "secret 1234"),
                    "phone", phone, String.class));
            String id = sent.get("message_id").asText();
            producer.requestBodyAndHeaders("direct:conversation", null, Map.of("op", "archive", "phone", phone));
            assertThat(KameletCamel.read(producer.requestBodyAndHeader("direct:get", null, "phone", phone, String.class))
                    .get("is_archived").asBoolean()).isTrue();
            producer.requestBodyAndHeaders("direct:conversation", null, Map.of("op", "unarchive", "phone", phone));
            assertThat(KameletCamel.read(producer.requestBodyAndHeader("direct:get", null, "phone", phone, String.class))
                    .get("is_archived").asBoolean()).isFalse();
            producer.requestBodyAndHeaders("direct:conversation", null, Map.of("op", "redact", "id", id));
            assertThat(messageBody(producer, phone, id)).isEqualTo("[Redacted]");
            producer.requestBodyAndHeaders("direct:conversation", null, Map.of("op", "unredact", "id", id));
            assertThat(messageBody(producer, phone, id)).isEqualTo("secret 1234");
            assertThat(sandbox.ledger().writes("textrequest", "message", id)).isGreaterThanOrEqualTo(3);
        }
    }

    static String messageBody(ProducerTemplate producer, String phone, String id) {
        JsonNode page = KameletCamel.read(producer.requestBodyAndHeaders("direct:conversation", null,
                Map.of("op", "messages", "phone", phone, "pageSize", "50"), String.class));
        for (JsonNode m : page.path("items")) {
            if (id.equals(m.path("message_id").asText())) {
                return m.path("body").asText();
            }
        }
        throw new AssertionError("message " + id + " not in " + page);
    }
}
