package dev.smskamelets.sandbox.textable;

import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.WebhookSender;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Textable's "relay" webhook: a POST of {@code RelayWebhookPayload} (PascalCase) to the user's {@code relayWebhook}
 * for every inbound and outbound message. {@code ToNumber} is a string, or an array for a group MMS (which has no
 * {@code ContactEmail}); {@code AccessToken} carries the user's token, as the vendor does. Nothing is signed.
 */
final class TxRelay {

    private final TxState state;
    private final WebhookSender sender;

    TxRelay(TxState state, WebhookSender sender) {
        this.state = state;
        this.sender = sender;
    }

    /** Relays the message now, or at its {@code sendAt} when that lies in the future. */
    void relay(TxUser user, TxContact contact, TxMessage message) {
        if (user.relayWebhook == null || user.relayWebhook.isBlank()) {
            return;
        }
        String url = user.relayWebhook;
        byte[] body = Json.write(payload(user, contact, message));
        long delay = message.sendAt() - System.currentTimeMillis();
        Runnable send = () -> sender.send(TxState.API, "relay", "POST", url, Map.of(), body);
        if (delay <= 0) {
            send.run();
        } else {
            CompletableFuture.runAsync(send, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        }
    }

    Map<String, Object> payload(TxUser user, TxContact contact, TxMessage message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("MessageID", message.id());
        m.put("ConversationID", message.conversationId());
        m.put("ToNumber", message.group() ? message.to() : message.to().get(0));
        m.put("FromNumber", message.from());
        m.put("MessageBody", message.body());
        m.put("MessageDirection", message.direction());
        m.put("TextableUserID", user.id);
        m.put("TextableOrganizationID", state.organizationId);
        m.put("ContactName", contact == null ? "" : contact.fullName);
        if (!message.group() && contact != null && contact.email != null) {
            m.put("ContactEmail", contact.email);
        }
        m.put("AccessToken", user.tokens.isEmpty() ? null : user.tokens.get(0));
        m.put("Media", message.media());
        return m;
    }
}
