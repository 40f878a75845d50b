package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sandbox control endpoints of the Listrak SMS API:
 * <ul>
 *   <li>{@code POST /sandbox/listrak/sms/inbound} {@code {"phoneNumber", "text", "senderCodeId"?, "reason"?}}:
 *       a customer texts the sender code. A STOP keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT,
 *       REVOKE) opts the contact out (reason {@code Campaign} unless given); any other text goes to Two-Way SMS.</li>
 *   <li>{@code GET /sandbox/listrak/sms/contacts/{phoneNumber}?senderCodeId=}: a contact's full state.</li>
 *   <li>{@code GET /sandbox/listrak/sms/imports/{importFileId}}: an import's progress with row counts.</li>
 *   <li>{@code GET /sandbox/listrak/sms/sent}: transactional messages and broadcasts sent.</li>
 * </ul>
 */
final class SmsControl {

    static final Set<String> STOP_KEYWORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "OPTOUT", "REVOKE");
    static final Set<String> OPT_OUT_REASONS = Set.of("Campaign", "Admin", "DeliveryFailure", "Import", "API",
            "Deactivated", "PermanentError", "Workflow");

    private final SmsState state;
    private final InboundRelay twoWay;

    SmsControl(SmsState state, InboundRelay twoWay) {
        this.state = state;
        this.twoWay = twoWay;
    }

    void register(Router router) {
        ListrakRoutes routes = new ListrakRoutes(router, ListrakError::response, state.imports::advance);
        routes.add("POST", "/sandbox/listrak/sms/inbound", "listrakSmsInbound", this::inbound)
                .add("GET", "/sandbox/listrak/sms/contacts/{phoneNumber}", "listrakSmsContact", r -> {
                    int senderCode = SmsState.intParam("senderCodeId", r.queryParam("senderCodeId", "" + SmsCatalog.SENDER_MAIN));
                    SmsContact c = state.contacts.require(senderCode, SmsContactOperations.phone(r));
                    Map<String, Object> body = c.detailsJson();
                    body.put("optOutReason", c.optOutReason);
                    Map<String, Object> lists = new LinkedHashMap<>();
                    c.lists.forEach((id, s) -> lists.put(id.toString(), s.json(id)));
                    body.put("lists", lists);
                    return SandboxResponse.json(200, body);
                })
                .add("GET", "/sandbox/listrak/sms/imports/{importFileId}", "listrakSmsImport", r -> {
                    int id = SmsState.intParam("importFileId", r.pathParam("importFileId"));
                    return SandboxResponse.json(200, state.imports.job(id).details());
                })
                .add("GET", "/sandbox/listrak/sms/sent", "listrakSmsSent", r -> SandboxResponse.json(200, state.messages.all()));
    }

    private SandboxResponse inbound(SandboxRequest r) {
        JsonNode body = Json.read(r.body());
        String phone = ListrakPhones.normalize("phoneNumber", SmsContactOperations.text(body, "phoneNumber"));
        String text = SmsContactOperations.text(body, "text");
        int senderCode = body.path("senderCodeId").asInt(SmsCatalog.SENDER_MAIN);
        SmsCatalog.SenderCode code = state.catalog.activeSenderCode(senderCode);
        if (!STOP_KEYWORDS.contains(text.trim().toUpperCase(Locale.ROOT))) {
            Map<String, Object> relayed = new LinkedHashMap<>(twoWay.inbound(phone, text, code.code()));
            relayed.put("action", "relayed-to-two-way");
            return SandboxResponse.json(200, relayed);
        }
        SmsContact contact = state.contacts.require(senderCode, phone);
        String reason = body.path("reason").asText("Campaign");
        if (!OPT_OUT_REASONS.contains(reason)) {
            throw ListrakError.invalidParameter("reason '" + reason + "' must be one of " + OPT_OUT_REASONS + ".");
        }
        boolean changed = state.optOut(contact, reason, "inboundStop", "inbound " + text.trim() + " from " + phone);
        SmsContact now = state.contacts.require(senderCode, phone);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", changed ? "opted-out" : "already-opted-out");
        out.put("senderCodeId", senderCode);
        out.put("phoneNumber", phone);
        out.put("optOutDate", ListrakDates.format(now.optOutDate));
        out.put("optOutReason", now.optOutReason);
        return SandboxResponse.json(200, out);
    }

}
