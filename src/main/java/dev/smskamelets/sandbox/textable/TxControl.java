package dev.smskamelets.sandbox.textable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /sandbox/textable/inbound} {@code {from, to, message, media?}}: an SMS or MMS arriving at a Textable
 * user's number; {@code to} is one number, or an array of numbers for a group MMS. It updates the contact (a
 * STOP-family keyword sets {@code optedOut}) and relays the message to the user's {@code relayWebhook}.
 */
final class TxControl {

    private final TxMessaging messaging;

    TxControl(TxMessaging messaging) {
        this.messaging = messaging;
    }

    void register(Router router) {
        router.add("POST", "/sandbox/textable/inbound", "textableInbound", this::inbound);
    }

    private SandboxResponse inbound(SandboxRequest r) {
        JsonNode body = Json.read(r.body());
        List<String> to = new ArrayList<>();
        if (body.path("to").isArray()) {
            body.get("to").forEach(n -> to.add(n.asText()));
        } else {
            to.add(body.path("to").asText(null));
        }
        List<String> media = new ArrayList<>();
        body.path("media").forEach(n -> media.add(n.asText()));
        TxMessage m = messaging.receive(body.path("from").asText(null), to, body.path("message").asText(""), media, r);
        Map<String, Object> out = new LinkedHashMap<>(m.toJson());
        return SandboxResponse.json(200, out);
    }
}
