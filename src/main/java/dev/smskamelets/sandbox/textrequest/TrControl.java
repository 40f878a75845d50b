package dev.smskamelets.sandbox.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sandbox control endpoints that make Text Request do what only the outside world can trigger:
 * <ul>
 *   <li>{@code POST /sandbox/textrequest/inbound} {@code {dashboard_id?, from, body, mms_media?}}: an SMS from a
 *       contact ("STOP" opts out and archives; fires msg_received, contact_created/contact_updated)</li>
 *   <li>{@code POST /sandbox/textrequest/location} {@code {dashboard_id?, phone_number, message_id?, latitude,
 *       longitude, formatted_address?}}: location_received + the message's location_callback</li>
 *   <li>{@code POST /sandbox/textrequest/payments/{payment_id}/status} {@code {dashboard_id?, status, reference_id?}}</li>
 *   <li>{@code POST /sandbox/textrequest/messages/{message_id}/status} {@code {status, error_code?}}: msg_status_updated</li>
 *   <li>{@code POST /sandbox/textrequest/dashboards/{dashboard_id}/ten-dlc} {@code {enabled, messages_per_second?}}</li>
 *   <li>{@code POST /sandbox/textrequest/dashboards/{dashboard_id}/hooks}: a hook made in the web app (is_user_defined)</li>
 * </ul>
 * {@code dashboard_id} defaults to the first dashboard.
 */
final class TrControl {

    private static final String BASE = "/sandbox/textrequest";

    private final TrState state;
    private final TrMessaging messaging;
    private final TrWebhooks webhooks;
    private final TrHookHandlers hooks;

    TrControl(TrState state, TrMessaging messaging, TrWebhooks webhooks, TrHookHandlers hooks) {
        this.state = state;
        this.messaging = messaging;
        this.webhooks = webhooks;
        this.hooks = hooks;
    }

    void register(Router router) {
        router.add("POST", BASE + "/inbound", "textrequestInbound", this::inbound);
        router.add("POST", BASE + "/location", "textrequestLocation", this::location);
        router.add("POST", BASE + "/payments/{payment_id}/status", "textrequestPaymentStatus", r -> {
            JsonNode body = Json.read(r.body());
            TrDashboard d = dashboard(body);
            long id = Long.parseLong(r.pathParam("payment_id"));
            String status = body.path("status").asText("Paid");
            webhooks.emit(d, "payment_status_updated", TrPayloads.payment(id, status, body.path("reference_id").asText(null)), Instant.now());
            state.record(r, "payment", d.id + "/" + id, "status " + status);
            return SandboxResponse.json(200, Map.of("payment_id", id, "status", status));
        });
        router.add("POST", BASE + "/messages/{message_id}/status", "textrequestMessageStatus", r -> {
            String id = r.pathParam("message_id");
            TrDashboard d = state.messageDashboards.get(id);
            if (d == null) {
                throw new BadRequestException("No message with id " + id);
            }
            JsonNode body = Json.read(r.body());
            String status = body.path("status").asText("");
            String error = body.path("error_code").asText(null);
            TrMessage m = d.messages.stream().filter(x -> x.id.equals(id)).findFirst().orElseThrow();
            m.fixedStatus = status;
            m.errorCode = error;
            state.record(r, "message", id, "status " + status);
            messaging.statusChanged(d, m, status, error, Instant.now());
            return SandboxResponse.json(200, m.toJson(Instant.now()));
        });
        router.add("POST", BASE + "/dashboards/{dashboard_id}/ten-dlc", "textrequestTenDlc", r -> {
            TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
            JsonNode body = Json.read(r.body());
            d.tenDlc = body.path("enabled").asBoolean(true);
            d.messagesPerSecond = body.path("messages_per_second").asInt(d.messagesPerSecond);
            state.record(r, "dashboard", String.valueOf(d.id), "10DLC " + d.tenDlc + " at " + d.messagesPerSecond + "/s");
            return SandboxResponse.json(200, Map.of("id", d.id, "ten_dlc", d.tenDlc, "messages_per_second", d.messagesPerSecond));
        });
        router.add("POST", BASE + "/dashboards/{dashboard_id}/hooks", "textrequestWebAppHook", r -> {
            TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
            TrHook hook = hooks.create(d, Json.read(r.body()), true);
            if (hook == null) {
                return TrErrors.error(409, null, "A webhook for this event and url already exists.");
            }
            state.record(r, "hook", String.valueOf(hook.id), "registered in the web app");
            return SandboxResponse.json(201, hook.toJson());
        });
    }

    private SandboxResponse inbound(SandboxRequest r) {
        JsonNode body = Json.read(r.body());
        TrDashboard d = dashboard(body);
        String from = TrPhones.lenient("from", body.path("from").asText(null));
        List<String> media = new ArrayList<>();
        body.path("mms_media").forEach(n -> media.add(n.asText()));
        TrMessage m = messaging.receive(d, from, body.path("body").asText(""), media, r);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message_id", m.id);
        out.put("dashboard_id", d.id);
        out.put("contact", d.contacts.get(from).toJson(Instant.now()));
        return SandboxResponse.json(200, out);
    }

    private SandboxResponse location(SandboxRequest r) {
        JsonNode body = Json.read(r.body());
        TrDashboard d = dashboard(body);
        String phone = TrPhones.lenient("phone_number", body.path("phone_number").asText(null));
        String messageId = body.path("message_id").asText(null);
        Map<String, Object> payload = TrPayloads.location(messageId, phone, d.id, body.path("longitude").asDouble(),
                body.path("latitude").asDouble(), body.path("formatted_address").asText(null));
        webhooks.emit(d, "location_received", payload, Instant.now());
        d.messages.stream().filter(m -> m.id.equals(messageId)).findFirst()
                .ifPresent(m -> webhooks.callback(m.locationCallback, "location_callback", payload, Instant.now(), () -> true));
        state.record(r, "location", d.id + "/" + phone, "received");
        return SandboxResponse.json(200, payload);
    }

    private TrDashboard dashboard(JsonNode body) {
        if (body.hasNonNull("dashboard_id")) {
            return state.dashboard(body.get("dashboard_id").asText());
        }
        return state.dashboards.values().stream().findFirst()
                .orElseThrow(() -> new BadRequestException("The account has no dashboard"));
    }
}
