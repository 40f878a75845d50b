package dev.smskamelets.textable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.WebhookSender;
import dev.smskamelets.sandbox.textable.TextableApi;
import dev.smskamelets.sandbox.textable.TextablePaths;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.SandboxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code textable-relay-webhook-source}: shared-secret authentication (path segment and header), body bound,
 * AccessToken dropped and never logged, STOP-family flags, group MMS, 2xx only after the sink took the event, and the
 * sandbox's own relay deliveries accepted end to end.
 */
class TextableRelayWebhookSourceTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textable.contacts", 20);

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "relay-5f0c3a9d2b7e4c18a6";
    static final String CREDENTIAL = "usr-credential-9a8b7c6d5e4f";

    static String route(String extra) {
        return """
                - route:
                    from:
                      uri: "kamelet:textable-relay-webhook-source"
                      parameters:
                        sharedSecret: "{{secret}}"
                %s      steps:
                        - process:
                            ref: collector
                """.formatted(extra);
    }

    static String payload(String body, String direction, Object to) throws Exception {
        return JSON.writeValueAsString(Map.of("MessageID", "m1", "ConversationID", "c1", "ToNumber", to,
                "FromNumber", "+15125550177", "MessageBody", body, "MessageDirection", direction,
                "TextableUserID", "u1", "TextableOrganizationID", "o1", "AccessToken", CREDENTIAL, "Media", List.of()));
    }

    static KameletCamel camel(String extra) throws Exception {
        return new KameletCamel(Map.of("secret", SECRET)).withHttpServer().start(route(extra));
    }

    @Test
    void acceptsTheSecretAsLastPathSegmentAndRejectsEverythingElseWith401() throws Exception {
        try (KameletCamel camel = camel("")) {
            String body = payload("Hello", "in", "+15125550100");
            assertThat(camel.post("/textable/relay/" + SECRET, body, Map.of()).statusCode()).isEqualTo(200);
            HttpResponse<String> none = camel.post("/textable/relay", body, Map.of());
            HttpResponse<String> wrong = camel.post("/textable/relay/" + SECRET.replace('5', '6'), body, Map.of());
            HttpResponse<String> prefix = camel.post("/textable/relay/" + SECRET.substring(0, 20), body, Map.of());
            HttpResponse<String> longer = camel.post("/textable/relay/" + SECRET + "x", body, Map.of());
            HttpResponse<String> elsewhere = camel.post("/textable/relay/other/" + SECRET, body, Map.of());
            HttpResponse<String> inHeader = camel.post("/textable/relay", body, Map.of("X-Relay-Auth", SECRET));
            for (HttpResponse<String> r : List.of(none, wrong, prefix, longer, elsewhere, inHeader)) {
                assertThat(r.statusCode()).as(r.uri().getPath()).isEqualTo(401);
                assertThat(r.body()).isEqualTo("missing or wrong shared secret").doesNotContain(SECRET);
                assertThat(r.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("x-relay-auth"));
            }
            assertThat(camel.received).hasSize(1);
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(camel.url("/textable/relay/" + SECRET))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(camel.received).hasSize(1);
        }
    }

    @Test
    void aWeakSecretFailsAtStartNotAtTheFirstDelivery() {
        KameletCamel camel = new KameletCamel(Map.of("secret", "too-short"));
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> camel.withHttpServer().start(route("")))
                    .rootCause().hasMessageContaining("sharedSecret must be at least 16 characters")
                    .hasMessageNotContaining("too-short");
        } finally {
            camel.close();
        }
    }

    @Test
    void headerModeAcceptsTheConfiguredHeaderOnly() throws Exception {
        try (KameletCamel camel = camel("        presentedIn: header\n        headerName: X-Gateway-Auth\n")) {
            String body = payload("Hi", "in", "+15125550100");
            HttpResponse<String> ok = camel.post("/textable/relay", body, Map.of("X-Gateway-Auth", SECRET));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("x-gateway-auth"));
            assertThat(camel.post("/textable/relay/" + SECRET, body, Map.of()).statusCode()).isEqualTo(401);
            assertThat(camel.post("/textable/relay", body, Map.of("X-Gateway-Auth", "nope")).statusCode()).isEqualTo(401);
            assertThat(camel.received).hasSize(1);
            assertThat(camel.received.get(0).getIn().getHeaders().keySet()).allMatch(h -> h.startsWith("textable")
                    || h.equals("Content-Type"));
            assertThat(camel.received.get(0).getIn().getHeaders().keySet()).containsExactlyInAnyOrder("Content-Type",
                    "textableMessageId", "textableConversationId", "textableDirection", "textableFromNumber",
                    "textableUserId", "textableGroupMessage", "textableOptOut");
        }
    }

    @Test
    void oversizeAndMalformedBodiesAreRefusedBeforeTheSink() throws Exception {
        try (KameletCamel camel = camel("        maxBodyBytes: 2048\n")) {
            String big = payload("x".repeat(3000), "in", "+15125550100");
            HttpResponse<String> tooBig = camel.post("/textable/relay/" + SECRET, big, Map.of());
            assertThat(tooBig.statusCode()).isEqualTo(413);
            assertThat(camel.post("/textable/relay/" + SECRET, "[1,2]", Map.of()).statusCode()).isEqualTo(400);
            assertThat(camel.post("/textable/relay/" + SECRET, "{not json", Map.of()).statusCode()).isEqualTo(400);
            // the secret is checked first: an unauthenticated oversize request learns nothing about the limit
            assertThat(camel.post("/textable/relay/wrong-secret-0123456789", big, Map.of()).statusCode()).isEqualTo(401);
            assertThat(camel.received).isEmpty();
        }
    }

    @Test
    void accessTokenIsDroppedFromTheEventAndAbsentFromDebugLogs() throws Exception {
        try (LogCapture logs = LogCapture.start(); KameletCamel camel = camel("")) {
            HttpResponse<String> r = camel.post("/textable/relay/" + SECRET, payload("Hello there", "in", "+15125550100"),
                    Map.of());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"received\"}");
            Exchange event = camel.received.get(0);
            String json = event.getIn().getBody(String.class);
            assertThat(json).doesNotContain(CREDENTIAL).doesNotContain("AccessToken");
            assertThat(JSON.readTree(json).get("MessageBody").asText()).isEqualTo("Hello there");
            camel.post("/textable/relay/nope-nope-nope-nope", payload("x", "in", "+1"), Map.of());
            assertThat(logs.text()).contains("textable-relay-webhook-source").doesNotContain(CREDENTIAL)
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void refusedRelayDeliveriesAreLoggedRateLimitedWithoutSecrets() throws Exception {
        int refused = 6;
        try (LogCapture logs = LogCapture.start(); KameletCamel camel = camel("")) {
            String guess = "guess-" + "0123456789abcdef";
            for (int i = 0; i < refused; i++) {
                assertThat(camel.post("/textable/relay/" + guess + i, payload("x", "in", "+1"), Map.of()).statusCode())
                        .isEqualTo(401);
            }
            List<String> lines = logs.text().lines().filter(l -> l.contains("Refused a Textable relay delivery")).toList();
            assertThat(lines).as("rejections are logged").isNotEmpty();
            assertThat(lines.size()).as("but not one line each").isLessThan(refused);
            assertThat(lines.get(0)).contains("401", "/textable/relay");
            assertThat(logs.text()).doesNotContain(SECRET).doesNotContain(guess);
        }
    }

    @Test
    void keepUserCredentialKeepsTheFieldOnRequest() throws Exception {
        try (KameletCamel camel = camel("        keepUserCredential: true\n")) {
            camel.post("/textable/relay/" + SECRET, payload("Hello", "out", "+15125550100"), Map.of());
            assertThat(JSON.readTree(camel.received.get(0).getIn().getBody(String.class)).get("AccessToken").asText())
                    .isEqualTo(CREDENTIAL);
        }
    }

    @Test
    void stopFamilyKeywordsAreFlaggedOnInboundWholeMessagesOnly() throws Exception {
        List<String> stops = List.of("STOP", "stopall", " Unsubscribe ", "CANCEL", "end", "Quit", "REVOKE", "opt out",
                "OPT   OUT", "OptOut", "STOP!", " Stop. ");
        // issue 20: surrounding punctuation is ignored ("STOP!" is an opt-out); false friends are not keywords
        List<String> notStops = List.of("Please stop by", "STOPPED BY", "stopping", "START", "", "opt-out");
        try (KameletCamel camel = camel("")) {
            for (String text : stops) {
                camel.post("/textable/relay/" + SECRET, payload(text, "in", "+15125550100"), Map.of());
            }
            for (String text : notStops) {
                camel.post("/textable/relay/" + SECRET, payload(text, "in", "+15125550100"), Map.of());
            }
            camel.post("/textable/relay/" + SECRET, payload("STOP", "out", "+15125550100"), Map.of());
            assertThat(camel.received).hasSize(stops.size() + notStops.size() + 1);
            for (int i = 0; i < camel.received.size(); i++) {
                Exchange e = camel.received.get(i);
                JsonNode event = JSON.readTree(e.getIn().getBody(String.class));
                boolean expected = i < stops.size();
                assertThat(event.get("OptOut").asBoolean()).as(event.get("MessageBody").asText()).isEqualTo(expected);
                assertThat(e.getIn().getHeader("textableOptOut", Boolean.class)).isEqualTo(expected);
                if (expected) {
                    assertThat(event.get("OptOutKeyword").asText()).isEqualTo(
                            stops.get(i).strip().replaceAll("^\\p{Punct}+|\\p{Punct}+$", "").replaceAll("\\s+", " ")
                                    .toUpperCase());
                }
            }
        }
    }

    @Test
    void groupMmsKeepsTheArrayAndAddsToNumbers() throws Exception {
        try (KameletCamel camel = camel("")) {
            camel.post("/textable/relay/" + SECRET, payload("pic", "in", List.of("+15125550100", "+15125550101")), Map.of());
            camel.post("/textable/relay/" + SECRET, payload("one", "in", "+15125550100"), Map.of());
            JsonNode group = JSON.readTree(camel.received.get(0).getIn().getBody(String.class));
            JsonNode single = JSON.readTree(camel.received.get(1).getIn().getBody(String.class));
            assertThat(group.get("ToNumber").isArray()).isTrue();
            assertThat(group.get("ToNumbers")).extracting(JsonNode::asText).containsExactly("+15125550100", "+15125550101");
            assertThat(group.get("GroupMessage").asBoolean()).isTrue();
            assertThat(camel.received.get(0).getIn().getHeader("textableGroupMessage")).isEqualTo(true);
            assertThat(single.get("ToNumber").asText()).isEqualTo("+15125550100");
            assertThat(single.get("ToNumbers")).extracting(JsonNode::asText).containsExactly("+15125550100");
            assertThat(single.get("GroupMessage").asBoolean()).isFalse();
        }
    }

    @Test
    void answersNon2xxWhenTheSinkFailsAnd2xxOnlyAfterItTookTheEvent() throws Exception {
        try (KameletCamel camel = camel("")) {
            camel.beforeCollect = exchange -> {
                throw new IllegalStateException("downstream store is down");
            };
            HttpResponse<String> failed = camel.post("/textable/relay/" + SECRET, payload("Hi", "in", "+15125550100"), Map.of());
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).doesNotContain("downstream").doesNotContain(CREDENTIAL);
            camel.beforeCollect = exchange -> { };
            assertThat(camel.post("/textable/relay/" + SECRET, payload("Hi", "in", "+15125550100"), Map.of())
                    .statusCode()).isEqualTo(200);
            assertThat(camel.received).hasSize(1);
        }
    }

    @Test
    void aSlowRouteDelaysTheAnswerButStillAnswers200() throws Exception {
        try (KameletCamel camel = camel("")) {
            camel.beforeCollect = exchange -> Thread.sleep(3_000); // e.g. a slow database write
            HttpResponse<String> r = camel.post("/textable/relay/" + SECRET, payload("Hi", "in", "+15125550100"), Map.of());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(camel.received).hasSize(1);
        }
    }

    @Test
    void theSandboxRelayDeliversAnInboundStopEndToEnd(Sandbox sandbox) throws Exception {
        Map<String, Object> user = sandbox.api(TextableApi.class).user();
        String token = (String) user.get("token");
        try (LogCapture logs = LogCapture.start(); KameletCamel camel = camel("")) {
            HttpClient http = HttpClient.newHttpClient();
            String relayUrl = camel.url("/textable/relay/" + SECRET);
            HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + TextablePaths.USER_WEBHOOK))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + relayUrl + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(set.statusCode()).isEqualTo(200);
            String inbound = "{\"from\":\"+15128880041\",\"to\":\"" + user.get("phoneNumber") + "\",\"message\":\" stop \"}";
            HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/textable/inbound"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(inbound)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(in.statusCode()).isEqualTo(200);
            assertThat(camel.await(1, 30)).isTrue();
            Exchange event = camel.received.get(0);
            JsonNode json = JSON.readTree(event.getIn().getBody(String.class));
            assertThat(json.get("FromNumber").asText()).isEqualTo("+15128880041");
            assertThat(json.get("MessageDirection").asText()).isEqualTo("in");
            assertThat(json.get("OptOut").asBoolean()).isTrue();
            assertThat(json.get("OptOutKeyword").asText()).isEqualTo("STOP");
            assertThat(json.has("AccessToken")).isFalse();
            assertThat(event.getIn().getHeader("textableOptOut")).isEqualTo(true);
            // the sandbox recorded the opt-out, and its delivery got our 200
            assertThat(sandbox.ledger().since(0)).anyMatch(e -> "contact".equals(e.entity()) && "optedOut=true".equals(e.change()));
            List<WebhookSender.Delivery> deliveries = awaitDelivery(sandbox);
            assertThat(deliveries).extracting(WebhookSender.Delivery::status).containsExactly(200);
            assertThat(deliveries.get(0).body()).contains("AccessToken"); // the vendor does send it ...
            assertThat(logs.text()).doesNotContain(token).doesNotContain(SECRET); // ... and no log line shows it
        }
    }

    private static List<WebhookSender.Delivery> awaitDelivery(Sandbox sandbox) throws InterruptedException {
        for (int i = 0; i < 500 && sandbox.webhooks().deliveries().isEmpty(); i++) {
            Thread.sleep(20);
        }
        return sandbox.webhooks().deliveries().stream().filter(d -> "textable".equals(d.api())).toList();
    }
}
