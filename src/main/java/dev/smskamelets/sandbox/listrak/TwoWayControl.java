package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import dev.smskamelets.sandbox.WebhookSender;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sandbox control of Listrak Two-Way SMS: the MO webhook URL (set in the Listrak UI in reality; here by the
 * option {@code listrak.twowaysms.webhookUrl} or {@code PUT /sandbox/listrak/twowaysms/webhook {"url"}}) and
 * simulated inbound messages, {@code POST /sandbox/listrak/twowaysms/inbound {"phoneId" or "phoneNumber", "text"}},
 * which enter the phone's message stream and are POSTed to the webhook as
 * {@code {SenderCode, CountryCode, PhoneId, Text}}.
 */
final class TwoWayControl {

    private final TwoWayState state;
    private final WebhookSender webhooks;
    private final Ledger ledger;
    private final int senderCode;
    private String webhookUrl;

    TwoWayControl(TwoWayState state, WebhookSender webhooks, Ledger ledger, String webhookUrl) {
        this.state = state;
        this.webhooks = webhooks;
        this.ledger = ledger;
        this.webhookUrl = webhookUrl;
        this.senderCode = Integer.parseInt(new SmsCatalog().senderCode(SmsCatalog.SENDER_MAIN).code());
    }

    String webhookUrl() {
        return webhookUrl;
    }

    void register(ListrakRoutes routes) {
        routes.add("GET", "/sandbox/listrak/twowaysms/webhook", "listrakTwoWayWebhook",
                        r -> SandboxResponse.json(200, webhookJson()))
                .add("PUT", "/sandbox/listrak/twowaysms/webhook", "listrakTwoWaySetWebhook", this::setWebhook)
                .add("POST", "/sandbox/listrak/twowaysms/webhook", "listrakTwoWaySetWebhook", this::setWebhook)
                .add("POST", "/sandbox/listrak/twowaysms/inbound", "listrakTwoWayInbound", r -> {
                    JsonNode body = Json.read(r.body());
                    long phoneId = body.has("phoneId") ? body.path("phoneId").asLong()
                            : ListrakPhones.phoneId(ListrakPhones.normalize("phoneNumber", body.path("phoneNumber").asText(null)));
                    if (!state.known(phoneId)) {
                        throw ListrakError.notFound("NOT_FOUND", "Phone " + phoneId + " is not known.");
                    }
                    return SandboxResponse.json(200, inbound(phoneId, SmsContactOperations.text(body, "text"), "control"));
                })
                .add("GET", "/sandbox/listrak/twowaysms/tickets", "listrakTwoWayTickets",
                        r -> SandboxResponse.json(200, state.tickets.values()));
    }

    private SandboxResponse setWebhook(SandboxRequest r) {
        JsonNode body = Json.read(r.body());
        String url = body.path("url").isTextual() ? body.path("url").asText() : null;
        if (url != null && !url.isBlank()) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw ListrakError.invalidParameter("url '" + url + "' must be an http(s) URL.");
            }
        }
        webhookUrl = url == null || url.isBlank() ? null : url;
        ledger.record(ListrakIntegration.TWO_WAY, "listrakTwoWaySetWebhook", "webhook", "mo",
                webhookUrl == null ? "cleared" : "set", ListrakRoutes.requestId(r));
        return SandboxResponse.json(200, webhookJson());
    }

    /** Records an MO and fires the webhook (asynchronously) when a URL is set. */
    Map<String, Object> inbound(long phoneId, String text, String requestId) {
        TwoWayState.Ticket ticket = state.tickets.get(phoneId);
        TwoWayState.Message m = state.add(phoneId, "inbound", text, null, ticket == null ? null : ticket.externalTicketId());
        String kind = ticket == null ? "invalid-mo" : "ticket-mo";
        ledger.record(ListrakIntegration.TWO_WAY, "inbound", "message", Long.toString(m.messageId()),
                kind + " from " + phoneId, requestId);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("SenderCode", senderCode);
        payload.put("CountryCode", "US");
        payload.put("PhoneId", phoneId);
        payload.put("Text", text);
        if (webhookUrl != null) {
            webhooks.send(ListrakIntegration.TWO_WAY, kind, "POST", webhookUrl, Map.of(), Json.write(payload));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phoneId", phoneId);
        out.put("messageId", m.messageId());
        out.put("kind", kind);
        out.put("webhookUrl", webhookUrl);
        out.put("webhookQueued", webhookUrl != null);
        out.put("payload", payload);
        return out;
    }

    private Map<String, Object> webhookJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", webhookUrl);
        return m;
    }
}
