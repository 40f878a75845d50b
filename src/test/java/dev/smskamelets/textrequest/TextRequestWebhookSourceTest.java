package dev.smskamelets.textrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.WebhookSender;
import dev.smskamelets.sandbox.textrequest.TrSignature;
import dev.smskamelets.core.webhook.WebhookAuthTest;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.SandboxExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code textrequest-webhook-source}: signed deliveries accepted, forged/stale/replayed/unsigned/oversize ones
 * refused before the sink, the sandbox's own signed hooks accepted end to end, and a slow sink never turns a
 * persisted event into a non-2xx answer.
 */
class TextRequestWebhookSourceTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textrequest.contacts", 40)
            .option("textrequest.dashboards", 1).option("textrequest.tenDlcDashboards", 0);

    @RegisterExtension
    final KameletCamel camel = new KameletCamel();
    String key;
    String endpoint;

    @BeforeEach
    void start(Sandbox sandbox) throws Exception {
        key = KameletCamel.info(sandbox, "textrequest").get("apiKey").asText();
        camel.property("key", key).withHttpServer().start("""
                - route:
                    from:
                      uri: "kamelet:textrequest-webhook-source"
                      parameters:
                        apiKey: "{{key}}"
                        path: "/tr/hooks"
                        maxBodyBytes: 4096
                      steps:
                        - process:
                            ref: collector
                """);
        endpoint = camel.url("/tr/hooks");
    }

    HttpResponse<String> deliver(String method, String url, String json, String signingKey, long timestamp) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return Http.send(method, url, Map.of("Content-Type", "application/json",
                TrSignature.TIMESTAMP_HEADER, String.valueOf(timestamp),
                TrSignature.SIGNATURE_HEADER, TrSignature.sign(signingKey, timestamp, body)), body);
    }

    static final String MSG = """
            {"messageUniqueIdentifier":"m-1","account":{"id":1414,"externalAccountId":"x"},\
            "yourPhoneNumber":{"id":101,"description":"Store","externalPhoneId":"p","phoneNumber":"13212180111"},\
            "conversation":{"id":7,"date":"2026-01-01T00:00:00Z","consumerPhoneNumber":"13215550001",\
            "messageDirection":"R","message":"Héllo ✓","numSegments":1,"status":"unclaimed","claimedBy":null,\
            "consumerFriendlyName":"Ann","mmsAttachments":[{"mimeType":"image/png","url":"https://x/y.png"}]}}""";
    static final String CREATED = """
            {"ContactId":9,"LocationPhoneNumber":"13212180111","ContactPhoneNumber":"13215550002","ContactFriendlyName":"Bo"}""";
    static final String STATUS = """
            {"message_id":"m-2","status":"delivered","error_code":null}""";

    @Test
    void signedDeliveriesOfEveryCasingAreAcceptedWithPostPutAndDeleteAndNormalised() {
        long now = Instant.now().getEpochSecond();
        assertThat(deliver("POST", endpoint, MSG, key, now).statusCode()).isEqualTo(200);
        assertThat(deliver("PUT", endpoint + "/contact_created", CREATED, key, now).statusCode()).isEqualTo(200);
        assertThat(deliver("DELETE", endpoint, STATUS, key, now - 250).statusCode()).isEqualTo(200);

        List<JsonNode> events = camel.bodies().stream().map(KameletCamel::read).toList();
        assertThat(events).extracting(e -> e.get("event").asText())
                .containsExactly("msg_received", "contact_created", "msg_status_updated");
        JsonNode msg = events.get(0);
        assertThat(msg.get("contact_phone").asText()).isEqualTo("13215550001");
        assertThat(msg.get("dashboard_id").asInt()).isEqualTo(101);
        assertThat(msg.get("message_id").asText()).isEqualTo("m-1");
        assertThat(msg.at("/data/conversation/message").asText()).isEqualTo("Héllo ✓");
        assertThat(msg.at("/data/conversation/mms_attachments/0/mime_type").asText()).isEqualTo("image/png");
        assertThat(msg.at("/raw/conversation/consumerPhoneNumber").asText()).isEqualTo("13215550001");
        JsonNode created = events.get(1);
        assertThat(created.at("/data/contact_id").asInt()).isEqualTo(9);
        assertThat(created.get("contact_phone").asText()).isEqualTo("13215550002");
        assertThat(created.get("dashboard_phone").asText()).isEqualTo("13212180111");
        assertThat(events.get(2).get("status").asText()).isEqualTo("delivered");
        assertThat(camel.received.get(1).getMessage().getHeader("textRequestEvent")).isEqualTo("contact_created");
        assertThat(camel.received).allSatisfy(e -> assertThat(e.getMessage().getHeaders())
                .doesNotContainKeys(TrSignature.SIGNATURE_HEADER, TrSignature.TIMESTAMP_HEADER));
        assertThat(camel.received).allSatisfy(e -> assertThat(e.getMessage().getHeaders().keySet())
                .containsExactlyInAnyOrder("Content-Type", "textRequestEvent", "textRequestEventId"));
    }

    @Test
    void forgedStaleReplayedUnsignedAndOversizeRequestsAreRefusedBeforeTheSink() {
        long now = Instant.now().getEpochSecond();
        assertThat(deliver("POST", endpoint, MSG, "not-the-key", now).statusCode()).as("forged").isEqualTo(401);
        assertThat(deliver("POST", endpoint, MSG, key, now - 301).statusCode()).as("stale").isEqualTo(401);
        assertThat(deliver("POST", endpoint, MSG, key, now + 301).statusCode()).as("future").isEqualTo(401);
        byte[] body = MSG.getBytes(StandardCharsets.UTF_8);
        String signature = TrSignature.sign(key, now, body);
        assertThat(Http.send("POST", endpoint, Map.of(TrSignature.TIMESTAMP_HEADER, String.valueOf(now),
                TrSignature.SIGNATURE_HEADER, signature), (MSG + " ").getBytes()).statusCode())
                .as("body changed after signing").isEqualTo(401);
        assertThat(Http.send("POST", endpoint, Map.of("Content-Type", "application/json"), body).statusCode())
                .as("unsigned").isEqualTo(401);
        assertThat(Http.send("POST", endpoint, Map.of(TrSignature.SIGNATURE_HEADER, signature), body).statusCode())
                .as("no timestamp").isEqualTo(401);
        assertThat(Http.send("POST", endpoint, Map.of(TrSignature.TIMESTAMP_HEADER, String.valueOf(now),
                TrSignature.SIGNATURE_HEADER, "%%%not-base64"), body).statusCode()).as("garbage").isEqualTo(401);
        String big = "{\"message_id\":\"" + "x".repeat(5000) + "\",\"status\":\"sent\"}";
        assertThat(deliver("POST", endpoint, big, key, now).statusCode()).as("oversize").isEqualTo(413);
        assertThat(camel.received).isEmpty();

        Map<String, String> signed = Map.of(TrSignature.TIMESTAMP_HEADER, String.valueOf(now),
                TrSignature.SIGNATURE_HEADER, signature);
        assertThat(Http.send("POST", endpoint, signed, body).statusCode()).isEqualTo(200);
        assertThat(Http.send("PUT", endpoint, signed, body).statusCode()).as("replayed").isEqualTo(401);
        assertThat(Http.send("GET", endpoint, signed, null).statusCode()).as("GET").isNotEqualTo(200);
        assertThat(camel.received).hasSize(1);
    }

    @Test
    void aCapturedDeliveryReplayedWithAReEncodedSignatureIsRefused() {
        long now = Instant.now().getEpochSecond();
        byte[] body = MSG.getBytes(StandardCharsets.UTF_8);
        String signature = TrSignature.sign(key, now, body);
        assertThat(Http.send("POST", endpoint, Map.of(TrSignature.TIMESTAMP_HEADER, String.valueOf(now),
                TrSignature.SIGNATURE_HEADER, signature), body).statusCode()).isEqualTo(200);
        for (String reEncoded : WebhookAuthTest.reEncodings(signature)) {
            HttpResponse<String> replay = Http.send("POST", endpoint, Map.of(TrSignature.TIMESTAMP_HEADER,
                    String.valueOf(now), TrSignature.SIGNATURE_HEADER, reEncoded), body);
            assertThat(replay.statusCode()).as("replay signed " + reEncoded).isEqualTo(401);
        }
        assertThat(camel.received).hasSize(1);
    }

    @Test
    void aCorrectlySignedButMalformedBodyIsAnswered400WithAReasonAndLogged() {
        long now = Instant.now().getEpochSecond();
        Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        bodies.put("not JSON", "{\"phone_number\":".getBytes(StandardCharsets.UTF_8));
        bodies.put("an array", "[{\"phone_number\":\"12125550100\"}]".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty", new byte[0]);
        bodies.put("not UTF-8", new byte[] {'{', '"', 'p', 'h', 'o', 'n', 'e', '_', 'n', 'u', 'm', 'b', 'e', 'r', '"',
                ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.put("no known event", "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
        try (LogCapture logs = LogCapture.start()) {
            for (Map.Entry<String, byte[]> bad : bodies.entrySet()) {
                HttpResponse<String> answer = Http.send("POST", endpoint, Map.of(TrSignature.TIMESTAMP_HEADER,
                        String.valueOf(now), TrSignature.SIGNATURE_HEADER, TrSignature.sign(key, now, bad.getValue())),
                        bad.getValue());
                assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(400);
                assertThat(answer.body()).as(bad.getKey()).isNotBlank().doesNotContain("Exception");
            }
            assertThat(logs.text()).contains("Refused a Text Request web hook delivery", "400")
                    .doesNotContain(key);
        }
        assertThat(camel.received).isEmpty();
    }

    @Test
    void refusedDeliveriesAreLoggedRateLimitedWithoutSecrets() {
        long now = Instant.now().getEpochSecond();
        int refused = 6;
        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < refused; i++) {
                assertThat(deliver("POST", endpoint, STATUS, "forged-" + i, now).statusCode()).isEqualTo(401);
            }
            assertThat(deliver("POST", endpoint, STATUS, key, now - 3600).statusCode()).isEqualTo(401);
            List<String> lines = logs.text().lines().filter(l -> l.contains("Refused a Text Request web hook delivery"))
                    .toList();
            assertThat(lines).as("rejections are logged").isNotEmpty();
            assertThat(lines.size()).as("but not one line each").isLessThan(refused + 1);
            assertThat(lines.get(0)).contains("401", "/tr/hooks");
            assertThat(logs.text()).doesNotContain(key);
        }
    }

    @Test
    void theSandboxsOwnSignedDeliveriesAreAcceptedEndToEnd(Sandbox sandbox) throws Exception {
        String base = KameletCamel.info(sandbox, "textrequest").get("baseUrl").asText();
        Map<String, String> auth = Map.of("x-api-key", key, "Content-Type", "application/json");
        String[][] hooks = {{"msg_received", "POST"}, {"contact_created", "PUT"}, {"contact_updated", "DELETE"},
                {"location_received", "POST"}};
        for (String[] hook : hooks) {
            String json = "{\"target_url\":\"%s/%s\",\"event\":\"%s\",\"http_verb\":\"%s\"}"
                    .formatted(endpoint, hook[0], hook[0], hook[1]);
            assertThat(Http.send("POST", base + "/dashboards/101/hooks", auth, json.getBytes()).statusCode())
                    .isEqualTo(201);
        }
        String control = sandbox.baseUrl() + "/sandbox/textrequest";
        assertThat(Http.postJson(control + "/inbound",
                "{\"dashboard_id\":101,\"from\":\"13215559876\",\"body\":\"Hi there\"}").statusCode()).isLessThan(300);
        assertThat(Http.postJson(control + "/inbound",
                "{\"dashboard_id\":101,\"from\":\"13215559876\",\"body\":\"STOP\"}").statusCode()).isLessThan(300);
        assertThat(Http.postJson(control + "/location", "{\"dashboard_id\":101,\"phone_number\":\"13215559876\","
                + "\"latitude\":30.1,\"longitude\":-97.7,\"formatted_address\":\"Austin\"}").statusCode()).isLessThan(300);

        // a first message updates the new contact (last message), STOP archives it: two contact_updated
        List<String> expected = List.of("contact_created", "msg_received", "contact_updated", "msg_received",
                "contact_updated", "location_received");
        awaitDeliveries(sandbox, expected.size());
        assertThat(sandbox.webhooks().deliveries()).extracting(WebhookSender.Delivery::status).containsOnly(200);
        List<JsonNode> events = camel.bodies().stream().map(KameletCamel::read).toList();
        assertThat(events).extracting(e -> e.get("event").asText()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(events).allSatisfy(e -> assertThat(e.get("contact_phone").asText()).endsWith("5559876"));
        JsonNode location = events.stream().filter(e -> e.get("event").asText().equals("location_received"))
                .findFirst().orElseThrow();
        assertThat(location.at("/data/formatted_address").asText()).isEqualTo("Austin");
        assertThat(location.at("/raw/FormattedAddress").asText()).isEqualTo("Austin");
        assertThat(events.stream().filter(e -> e.get("event").asText().equals("contact_updated")))
                .anySatisfy(stop -> assertThat(stop.at("/data/is_archived").asBoolean()).isTrue());
    }

    @Test
    void aSlowSinkNeverTurnsAPersistedEventIntoANon2xxAnswer() throws Exception {
        List<String> store = new CopyOnWriteArrayList<>();
        CountDownLatch allInFlight = new CountDownLatch(4);
        camel.beforeCollect = exchange -> {
            store.add(exchange.getMessage().getHeader("textRequestEventId", String.class)); // persisted ...
            allInFlight.countDown();
            allInFlight.await(30, TimeUnit.SECONDS); // ... then the sink stays busy while the others arrive
            Thread.sleep(1_500);
        };
        long now = Instant.now().getEpochSecond();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String json = "{\"message_id\":\"slow-" + i + "\",\"status\":\"sent\",\"error_code\":null}";
            answers.add(CompletableFuture.supplyAsync(() -> deliver("POST", endpoint, json, key, now)));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(store).hasSize(4).doesNotHaveDuplicates();
        assertThat(camel.received).hasSize(4);
    }

    @Test
    void aFailingSinkIsAnsweredWithAServerErrorSoTheVendorCountsAFailure() {
        camel.beforeCollect = exchange -> {
            throw new IllegalStateException("store down");
        };
        HttpResponse<String> answer = deliver("POST", endpoint, STATUS, key, Instant.now().getEpochSecond());
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("IllegalStateException");
    }

    @Test
    void aDeliveryWhoseSinkFailedIsAcceptedWhenTheVendorRetriesIt() {
        camel.beforeCollect = exchange -> {
            throw new IllegalStateException("store down");
        };
        long now = Instant.now().getEpochSecond();
        byte[] body = STATUS.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = Map.of(TrSignature.TIMESTAMP_HEADER, String.valueOf(now),
                TrSignature.SIGNATURE_HEADER, TrSignature.sign(key, now, body));
        assertThat(Http.send("POST", endpoint, signed, body).statusCode()).isEqualTo(500);
        camel.beforeCollect = exchange -> { };
        assertThat(Http.send("POST", endpoint, signed, body).statusCode()).as("the vendor's retry").isEqualTo(200);
        assertThat(Http.send("POST", endpoint, signed, body).statusCode()).as("a replay after it").isEqualTo(401);
        assertThat(camel.received).hasSize(1);
    }

    static void awaitDeliveries(Sandbox sandbox, int count) throws InterruptedException {
        assertThat(sandbox.webhooks().awaitDeliveries(count, java.time.Duration.ofSeconds(30))).hasSizeGreaterThanOrEqualTo(count);
    }
}
