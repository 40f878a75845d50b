package dev.smskamelets.sandbox.textrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import dev.smskamelets.test.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Text Request's outbound web hooks: the seven events with their casing, signed with x-tr-webhook-signature /
 * x-tr-webhook-timestamp (verified here with an independent HMAC), sent with the hook's verb, and a hook disabled
 * after 10 consecutive non-2xx replies.
 */
class TextRequestWebhooksTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textrequest.contacts", 50)
            .option("textrequest.tenDlcRate", 50);

    private static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void inboundStopOptsOutAndFiresSignedHooksInTheirOwnCasing(Sandbox sandbox) throws Exception {
        TrHttp http = new TrHttp(sandbox);
        for (String event : List.of("contact_created", "msg_received", "contact_updated")) {
            http.json("POST", "/dashboards/102/hooks", "{\"target_url\":\"" + RECEIVER.url("/stop/" + event)
                    + "\",\"event\":\"" + event + "\",\"http_verb\":\"POST\"}", 201);
        }
        JsonNode result = http.json("POST", "/sandbox/textrequest/inbound",
                "{\"dashboard_id\":102,\"from\":\"4238880001\",\"body\":\"STOP\"}", 200);
        assertThat(result.get("contact").get("opted_out_utc").isNull()).isFalse();

        JsonNode created = verified(RECEIVER.await(path("/stop/contact_created"), 1).get(0), http.key());
        assertThat(created.fieldNames()).toIterable()
                .containsExactly("ContactId", "LocationPhoneNumber", "ContactPhoneNumber", "ContactFriendlyName");
        assertThat(created.get("ContactPhoneNumber").asText()).isEqualTo("14238880001");

        JsonNode received = verified(RECEIVER.await(path("/stop/msg_received"), 1).get(0), http.key());
        assertThat(received.fieldNames()).toIterable()
                .containsExactly("messageUniqueIdentifier", "account", "yourPhoneNumber", "conversation");
        assertThat(received.get("conversation").get("messageDirection").asText()).isEqualTo("R");
        assertThat(received.get("conversation").get("message").asText()).isEqualTo("STOP");
        assertThat(received.get("yourPhoneNumber").get("id").asInt()).isEqualTo(102);

        JsonNode updated = verified(RECEIVER.await(path("/stop/contact_updated"), 1).get(0), http.key());
        assertThat(updated.get("phone_number").asText()).isEqualTo("14238880001");
        assertThat(updated.get("opted_out_utc").isNull()).isFalse();
        assertThat(updated.get("is_archived").asBoolean()).isTrue();

        JsonNode optedOut = http.get("/dashboards/102/contacts?has_opted_out=true&contact_phone_number=14238880001");
        assertThat(optedOut.get("meta").get("total_items").asInt()).isEqualTo(1);
    }

    @Test
    void sentMessagesFireMsgSentWithTheHookVerbAndStatusCallbacks(Sandbox sandbox) throws Exception {
        TrHttp http = new TrHttp(sandbox);
        http.json("POST", "/dashboards/102/hooks", "{\"target_url\":\"" + RECEIVER.url("/sent")
                + "\",\"event\":\"msg_sent\",\"http_verb\":\"PUT\"}", 201);
        http.json("POST", "/dashboards/102/hooks", "{\"target_url\":\"" + RECEIVER.url("/status")
                + "\",\"event\":\"msg_status_updated\",\"http_verb\":\"DELETE\"}", 201);
        JsonNode m = http.json("POST", "/dashboards/102/contacts/14238880002/messages", "{\"body\":\"Your order shipped\","
                + "\"status_callback\":\"" + RECEIVER.url("/callback") + "\"}", 200);
        String id = m.get("message_id").asText();

        WebhookReceiver.Received sent = RECEIVER.await(path("/sent"), 1).get(0);
        assertThat(sent.method()).isEqualTo("PUT");
        JsonNode payload = verified(sent, http.key());
        assertThat(payload.get("messageUniqueIdentifier").asText()).isEqualTo(id);
        assertThat(payload.get("conversation").get("messageDirection").asText()).isEqualTo("S");
        assertThat(payload.get("account").get("id").asInt()).isEqualTo(1414);

        WebhookReceiver.Received status = RECEIVER.await(path("/status"), 1).get(0);
        assertThat(status.method()).isEqualTo("DELETE");
        assertThat(verified(status, http.key()).toString())
                .isEqualTo("{\"message_id\":\"" + id + "\",\"status\":\"delivered\",\"error_code\":null}");
        WebhookReceiver.Received callback = RECEIVER.await(path("/callback"), 1).get(0);
        assertThat(callback.method()).isEqualTo("POST");
        assertThat(verified(callback, http.key()).get("status").asText()).isEqualTo("delivered");
    }

    @Test
    void locationAndPaymentEventsUseTheirOwnCasing(Sandbox sandbox) throws Exception {
        TrHttp http = new TrHttp(sandbox);
        http.json("POST", "/dashboards/101/hooks", "{\"target_url\":\"" + RECEIVER.url("/location")
                + "\",\"event\":\"location_received\"}", 201);
        http.json("POST", "/dashboards/101/hooks", "{\"target_url\":\"" + RECEIVER.url("/payment")
                + "\",\"event\":\"payment_status_updated\"}", 201);
        http.json("POST", "/sandbox/textrequest/location", "{\"dashboard_id\":101,\"phone_number\":\"13215550001\","
                + "\"latitude\":38.8976763,\"longitude\":-77.0365298,\"formatted_address\":\"Near 1600 Pennsylvania Ave\"}", 200);
        http.json("POST", "/sandbox/textrequest/payments/2510/status", "{\"dashboard_id\":101,\"status\":\"Paid\","
                + "\"reference_id\":\"receipt-1\"}", 200);
        WebhookReceiver.Received location = RECEIVER.await(path("/location"), 1).get(0);
        assertThat(location.method()).isEqualTo("POST");
        assertThat(verified(location, http.key()).fieldNames()).toIterable()
                .containsExactly("MessageId", "PhoneNumber", "DashboardId", "Longitude", "Latitude", "FormattedAddress");
        assertThat(verified(RECEIVER.await(path("/payment"), 1).get(0), http.key()).toString())
                .isEqualTo("{\"payment_id\":2510,\"status\":\"Paid\",\"reference_id\":\"receipt-1\"}");
    }

    @Test
    void hookIsDisabledAfterTenConsecutiveNon2xxReplies(Sandbox sandbox) throws Exception {
        TrHttp http = new TrHttp(sandbox);
        try (WebhookReceiver failing = new WebhookReceiver()) {
            failing.respondWith(500);
            int id = http.json("POST", "/dashboards/101/hooks", "{\"target_url\":\"" + failing.url("/failing")
                    + "\",\"event\":\"contact_created\"}", 201).get("id").asInt();
            http.json("POST", "/dashboards/101/hooks", "{\"target_url\":\"" + RECEIVER.url("/healthy")
                    + "\",\"event\":\"contact_created\"}", 201);
            for (int i = 1; i <= 10; i++) {
                http.json("POST", "/dashboards/101/contacts/1321777" + String.format("%04d", i), "{}", 200);
                failing.await(r -> true, i);
                assertThat(hook(http, id).get("consecutive_failures").asInt()).isLessThanOrEqualTo(i);
            }
            awaitDisabled(http, id);
            for (int i = 11; i <= 12; i++) {
                http.json("POST", "/dashboards/101/contacts/1321777" + String.format("%04d", i), "{}", 200);
            }
            RECEIVER.await(path("/healthy"), 12);
            assertThat(failing.received()).hasSize(10);
            assertThat(hook(http, id).get("consecutive_failures").asInt()).isEqualTo(10);
            assertThat(sandbox.ledger().entries()).anyMatch(e -> e.entity().equals("hook") && e.key().equals(String.valueOf(id))
                    && e.change().startsWith("disabled"));
        }
    }

    @Test
    void controlEndpointsDriveStatusesWebAppHooksAndThe10DlcSwitch(Sandbox sandbox) throws Exception {
        TrHttp http = new TrHttp(sandbox);
        JsonNode webApp = http.json("POST", "/sandbox/textrequest/dashboards/102/hooks", "{\"target_url\":\""
                + RECEIVER.url("/webapp-status") + "\",\"event\":\"msg_status_updated\"}", 201);
        assertThat(webApp.get("is_user_defined").asBoolean()).isTrue();
        assertThat(http.get("/dashboards/102/hooks?page_size=500").get("items").toString()).contains(RECEIVER.url("/webapp-status"));
        String id = http.json("POST", "/dashboards/102/contacts/14238880003/messages", "{\"body\":\"Will fail\"}", 200)
                .get("message_id").asText();
        http.json("POST", "/sandbox/textrequest/messages/" + id + "/status", "{\"status\":\"undelivered\",\"error_code\":\"30005\"}", 200);
        assertThat(RECEIVER.await(r -> r.path().equals("/webapp-status") && r.bodyText().contains("undelivered"), 1).get(0).bodyText())
                .isEqualTo("{\"message_id\":\"" + id + "\",\"status\":\"undelivered\",\"error_code\":\"30005\"}");
        JsonNode message = http.get("/dashboards/102/contacts/14238880003/messages").get("items").get(0);
        assertThat(message.get("delivery_status").asText()).isEqualTo("undelivered");
        assertThat(message.get("delivery_error").asText()).isEqualTo("30005");

        http.json("POST", "/sandbox/textrequest/dashboards/101/ten-dlc", "{\"enabled\":true,\"messages_per_second\":100}", 200);
        JsonNode dashboard = Json.MAPPER.valueToTree(sandbox.info()).get("apis").get("textrequest").get("dashboards").get(0);
        assertThat(dashboard.get("tenDlc").asBoolean()).isTrue();
        assertThat(dashboard.get("messagesPerSecond").asInt()).isEqualTo(100);
    }

    /** Checks the signature with its own HMAC-SHA256 (not the sandbox's) and returns the parsed body. */
    private static JsonNode verified(WebhookReceiver.Received request, String apiKey) throws Exception {
        String timestamp = request.header("x-tr-webhook-timestamp");
        String signature = request.header("x-tr-webhook-signature");
        assertThat(timestamp).matches("\\d{10}");
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((timestamp + "." + request.bodyText()).getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).as("x-tr-webhook-signature").isEqualTo(expected);
        mac.init(new SecretKeySpec("not-the-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(signature).isNotEqualTo(Base64.getEncoder().encodeToString(
                mac.doFinal((timestamp + "." + request.bodyText()).getBytes(StandardCharsets.UTF_8))));
        return Json.read(request.body());
    }

    private static JsonNode hook(TrHttp http, int id) {
        for (JsonNode h : http.get("/dashboards/101/hooks?page_size=500").get("items")) {
            if (h.get("id").asInt() == id) {
                return h;
            }
        }
        throw new AssertionError("hook " + id + " not listed");
    }

    private static void awaitDisabled(TrHttp http, int id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (hook(http, id).get("enabled").asBoolean()) {
            assertThat(Instant.now()).as("hook " + id + " disabled").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static Predicate<WebhookReceiver.Received> path(String path) {
        return r -> r.path().equals(path);
    }
}
