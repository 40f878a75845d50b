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

/** Sending (two endpoints), message and conversation listings, archive/unarchive and redact/unredact. */
final class TrMessageHandlers {

    private static final String CONTACT = "/dashboards/{dashboard_id}/contacts/{phone_number}";

    private final TrState state;
    private final TrMessaging messaging;
    private final TrContacts contacts;
    private final TrConversations conversations;

    TrMessageHandlers(TrState state, TrMessaging messaging, TrContacts contacts) {
        this.state = state;
        this.messaging = messaging;
        this.contacts = contacts;
        this.conversations = new TrConversations(state);
    }

    void register(Router router) {
        router.add("POST", "/messages", "Messages_sendMessageWithLocationRequestCallback", this::sendFromNumber);
        router.add("POST", CONTACT + "/messages", "Conversations_sendMessageToContact", this::sendToContact);
        router.add("GET", CONTACT + "/messages", "Conversations_getConversationMessagesByContactPhone",
                conversations::contactMessages);
        router.add("GET", "/dashboards/{dashboard_id}/messages", "Conversations_getDashboardMessages",
                conversations::dashboardMessages);
        router.add("GET", "/dashboards/{dashboard_id}/conversations", "Conversations_getAllDashboardMessages",
                conversations::list);
        router.add("PUT", CONTACT + "/conversations/archive", "Conversations_archiveConversation", r -> archive(r, true));
        router.add("PUT", CONTACT + "/conversations/unarchive", "Conversations_unarchiveConversation", r -> archive(r, false));
        router.add("PUT", "/messages/{message_id}/redact", "Messages_redactMessage", r -> redact(r, true));
        router.add("PUT", "/messages/{message_id}/unredact", "Messages_unredactMessage", r -> redact(r, false));
    }

    private SandboxResponse sendFromNumber(SandboxRequest r) {
        JsonNode body = Json.read(r.body());
        String from = TrPhones.strict("from", text(body, "from"));
        String to = TrPhones.strict("to", text(body, "to"));
        TrDashboard d = state.dashboards.values().stream().filter(x -> x.phone.equals(from)).findFirst()
                .orElseThrow(() -> new BadRequestException("The from number " + from + " is not a dashboard number in this account."));
        TrMessage m = messaging.send(d, to, send(body), r);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message_id", m.id);
        out.put("segments_count", m.segments);
        out.put("from", d.phone);
        out.put("to", to);
        out.put("status", "error".equals(m.fixedStatus) ? "error" : "sending");
        return SandboxResponse.json(200, out);
    }

    private SandboxResponse sendToContact(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        String phone = TrPhones.lenient("phone_number", r.pathParam("phone_number"));
        TrMessage m = messaging.send(d, phone, send(Json.read(r.body())), r);
        return SandboxResponse.json(200, m.toJson(Instant.now()));
    }

    private SandboxResponse archive(SandboxRequest r, boolean archived) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        String phone = TrPhones.lenient("phone_number", r.pathParam("phone_number"));
        TrContact c = d.contacts.get(phone);
        if (c == null) {
            throw new BadRequestException("No conversation with " + phone + " exists in dashboard " + d.id + ".");
        }
        Map<String, Object> before = c.updatedPayload();
        c.archived = archived;
        contacts.changed(d, c, before, r);
        return SandboxResponse.empty(200);
    }

    private SandboxResponse redact(SandboxRequest r, boolean redacted) {
        String id = r.pathParam("message_id");
        TrDashboard d = state.messageDashboards.get(id);
        if (d == null) {
            throw new BadRequestException("No message with id " + id + " exists in this account.");
        }
        d.messages.stream().filter(m -> m.id.equals(id)).forEach(m -> m.redacted = redacted);
        state.record(r, "message", id, redacted ? "redacted" : "unredacted");
        return SandboxResponse.empty(200);
    }

    private static TrMessaging.Send send(JsonNode body) {
        List<String> media = new ArrayList<>();
        body.path("mms_media").forEach(n -> media.add(n.asText()));
        return new TrMessaging.Send(text(body, "body"), text(body, "sender_name"), media, text(body, "status_callback"),
                text(body, "location_callback"), body.path("geolocation_requested").asBoolean(false));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
