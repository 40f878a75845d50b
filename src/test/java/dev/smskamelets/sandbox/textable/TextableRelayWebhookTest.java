package dev.smskamelets.sandbox.textable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import dev.smskamelets.test.WebhookReceiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Textable's relay webhook: a PascalCase RelayWebhookPayload POSTed to the user's relayWebhook for every inbound and
 * outbound message, ToNumber a string or (group MMS) an array, AccessToken included; STOP opts the contact out;
 * blocked senders are dropped; notes are not relayed; scheduled sends relay at their sendAt.
 */
class TextableRelayWebhookTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textable.contacts", 30);

    private static final WebhookReceiver RECEIVER = new WebhookReceiver();

    private TxHttp http;
    private String userPhone;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @BeforeEach
    void pointRelayAtReceiver(Sandbox sandbox) {
        http = new TxHttp(sandbox);
        userPhone = (String) sandbox.api(TextableApi.class).user().get("phoneNumber");
        http.json("PUT", TextablePaths.USER_WEBHOOK, "{\"url\":\"" + RECEIVER.url("/relay") + "\"}", 200);
    }

    @Test
    void inboundStopIsRelayedWithAStringToNumberAndOptsTheContactOut(Sandbox sandbox) {
        String contact = http.json("POST", TextablePaths.CONTACTS,
                "{\"phoneNumber\":\"+15128880001\",\"fullName\":\"Kim Lee\",\"email\":\"kim@example.com\"}", 200).get("id").asText();
        http.json("POST", "/sandbox/textable/inbound", "{\"from\":\"+15128880001\",\"to\":\"" + userPhone + "\",\"message\":\"STOP\"}", 200);
        JsonNode relay = relayed("STOP", "+15128880001");
        assertThat(relay.fieldNames()).toIterable().containsExactly("MessageID", "ConversationID", "ToNumber", "FromNumber",
                "MessageBody", "MessageDirection", "TextableUserID", "TextableOrganizationID", "ContactName", "ContactEmail",
                "AccessToken", "Media");
        assertThat(relay.get("ToNumber").isTextual()).isTrue();
        assertThat(relay.get("ToNumber").asText()).isEqualTo(userPhone);
        assertThat(relay.get("MessageDirection").asText()).isEqualTo("in");
        assertThat(relay.get("ConversationID").asText()).isEqualTo(contact);
        assertThat(relay.get("ContactName").asText()).isEqualTo("Kim Lee");
        assertThat(relay.get("ContactEmail").asText()).isEqualTo("kim@example.com");
        assertThat(relay.get("AccessToken").asText()).isEqualTo(http.token());
        assertThat(http.json("GET", TextablePaths.CONTACT_BY_ID.replace("{id}", contact), null, 200).get("optedOut").asBoolean()).isTrue();
    }

    @Test
    void groupMmsIsRelayedWithAnArrayToNumberAndNoContactEmail() {
        http.json("POST", TextablePaths.CONTACTS, "{\"phoneNumber\":\"+15128880002\",\"email\":\"grp@example.com\"}", 200);
        http.json("POST", "/sandbox/textable/inbound", "{\"from\":\"+15128880002\",\"to\":[\"" + userPhone
                + "\",\"+15128880003\"],\"message\":\"See photo\",\"media\":[\"https://example.com/a.jpg\"]}", 200);
        JsonNode in = relayed("See photo", "+15128880002");
        assertThat(in.get("ToNumber").isArray()).isTrue();
        assertThat(in.get("ToNumber")).extracting(JsonNode::asText).containsExactly(userPhone, "+15128880003");
        assertThat(in.has("ContactEmail")).isFalse();
        assertThat(in.get("Media")).extracting(JsonNode::asText).containsExactly("https://example.com/a.jpg");

        http.json("POST", TextablePaths.SEND, "{\"to\":\"+15128880002,+15128880003\",\"from\":\"" + userPhone
                + "\",\"message\":\"Group reply\"}", 200);
        JsonNode out = relayed("Group reply", userPhone);
        assertThat(out.get("MessageDirection").asText()).isEqualTo("out");
        assertThat(out.get("ToNumber")).extracting(JsonNode::asText).containsExactly("+15128880002", "+15128880003");
        assertThat(out.has("ContactEmail")).isFalse();
    }

    @Test
    void outboundSendsAreRelayedAtTheirSendAtButNotesNever(Sandbox sandbox) {
        long sendAt = System.currentTimeMillis() + 300;
        http.json("POST", TextablePaths.SEND, "{\"to\":\"+15128880004\",\"from\":\"" + userPhone
                + "\",\"message\":\"internal note\",\"type\":\"note\"}", 200);
        http.json("POST", TextablePaths.SEND, "{\"to\":\"+15128880004\",\"from\":\"" + userPhone
                + "\",\"message\":\"scheduled hello\",\"sendAt\":" + sendAt + "}", 200);
        JsonNode out = relayed("scheduled hello", userPhone);
        assertThat(out.get("ToNumber").asText()).isEqualTo("+15128880004");
        assertThat(RECEIVER.received(r -> r.bodyText().contains("internal note"))).isEmpty();
        assertThat(sandbox.ledger().entries()).anyMatch(e -> e.entity().equals("note") && e.change().startsWith("note to"));
        assertThat(sandbox.ledger().entries()).anyMatch(e -> e.change().startsWith("scheduled to +15128880004"));
        JsonNode contact = http.json("GET", TextablePaths.CONTACTS + "?phoneNumber=%2B15128880004", null, 200).get("contacts").get(0);
        assertThat(contact.get("last_message_date").asLong()).isEqualTo(sendAt);
    }

    @Test
    void blockedSendersAreDroppedUntilUnblocked(Sandbox sandbox) {
        JsonNode blocked = http.json("POST", TextablePaths.BLOCK, "[{\"action\":\"block\",\"sender\":\"+15128880005\"}]", 200);
        assertThat(blocked.get("results").get(0).get("action").asText()).isEqualTo("block");
        JsonNode dropped = http.json("POST", "/sandbox/textable/inbound", "{\"from\":\"+15128880005\",\"to\":\"" + userPhone
                + "\",\"message\":\"blocked hello\"}", 200);
        assertThat(dropped.get("status").asText()).isEqualTo("dropped");
        http.json("POST", TextablePaths.BLOCK, "[{\"action\":\"unblock\",\"sender\":\"+15128880005\"}]", 200);
        http.json("POST", "/sandbox/textable/inbound", "{\"from\":\"+15128880005\",\"to\":\"" + userPhone
                + "\",\"message\":\"unblocked hello\"}", 200);
        relayed("unblocked hello", "+15128880005");
        assertThat(RECEIVER.received(r -> r.bodyText().contains("blocked hello") && !r.bodyText().contains("unblocked"))).isEmpty();
    }

    private static JsonNode relayed(String body, String from) {
        List<WebhookReceiver.Received> hits = RECEIVER.await(r -> {
            Map<?, ?> m = Json.MAPPER.convertValue(Json.read(r.body()), Map.class);
            return body.equals(m.get("MessageBody")) && from.equals(m.get("FromNumber"));
        }, 1);
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).method()).isEqualTo("POST");
        assertThat(hits.get(0).header("x-tr-webhook-signature")).isNull();
        return Json.read(hits.get(0).body());
    }
}
