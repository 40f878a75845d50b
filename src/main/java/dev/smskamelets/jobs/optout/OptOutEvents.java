package dev.smskamelets.jobs.optout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.deadletter.UnreadableRecordException;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The JSON bodies of the opt-out propagation job ({@code routes/optout-propagation.yaml}), built as maps that
 * Jackson writes ({@code marshal: json}) or a kamelet reads, never by splicing values into JSON text: a phone,
 * reason or date holding {@code "}, {@code \} or a line break stays a value and cannot change another field.
 *
 * <p>An opt-out in flight is the exchange properties {@value #ORIGIN}, {@value #PHONE}, {@value #AT},
 * {@value #DETAIL} and {@value #DASHBOARD}; its inbox event (also its dead-letter body, so a replay into the inbox
 * applies it again) is {@code {origin, phone, at, detail, dashboard}}.
 */
public class OptOutEvents {

    public static final String ORIGIN = "optOutOrigin";
    public static final String PHONE = "optOutPhoneRaw";
    public static final String AT = "optOutAt";
    public static final String DETAIL = "optOutDetail";
    public static final String DASHBOARD = "optOutOriginDashboard";
    /** The audit evidence of an opt-out in flight (docs/audit.md), as exchange property and inbox event field. */
    public static final Map<String, String> EVIDENCE = evidence();
    /** The audit event id, once the opt-out was recorded (a replayed dead letter keeps it). */
    public static final String AUDIT_ID = "optOutAuditId";
    private static final List<String> ORIGINS = List.of("listrak-sms", "textrequest", "textable");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The inbox event of the opt-out in the exchange's properties (null values left out). */
    public Map<String, Object> event(Exchange exchange) {
        Map<String, Object> event = new LinkedHashMap<>();
        put(event, "origin", exchange.getProperty(ORIGIN, String.class));
        put(event, "phone", exchange.getProperty(PHONE, String.class));
        put(event, "at", exchange.getProperty(AT, String.class));
        put(event, "detail", exchange.getProperty(DETAIL, String.class));
        put(event, "dashboard", exchange.getProperty(DASHBOARD, String.class));
        EVIDENCE.forEach((field, property) -> put(event, field, exchange.getProperty(property, String.class)));
        return event;
    }

    private static Map<String, String> evidence() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("account", "optOutAccount");
        fields.put("channel", "optOutChannel");
        fields.put("keyword", "optOutKeyword");
        fields.put("messageId", "optOutMessageId");
        fields.put("webhookEventId", "optOutWebhookEventId");
        fields.put("reason", "optOutReason");
        fields.put("vendorAt", "optOutVendorAt");
        fields.put("decision", "optOutDecision");
        fields.put("auditId", AUDIT_ID);
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The inbox event of a Text Request {@code contact_updated} web hook event (the unmarshalled source output). */
    public Map<String, Object> fromTextRequestWebhook(Map<String, Object> webhookEvent, String at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("origin", "textrequest");
        put(event, "phone", text(webhookEvent.get("contact_phone")));
        put(event, "at", at);
        event.put("detail", "web hook " + text(webhookEvent.get("event_id")));
        put(event, "account", textOrNull(webhookEvent.get("dashboard_id")));
        event.put("channel", "webhook");
        put(event, "webhookEventId", textOrNull(webhookEvent.get("event_id")));
        put(event, "vendorAt", at);
        if (webhookEvent.get("data") instanceof Map<?, ?> data && data.get("opted_out_utc") == null) {
            put(event, "reason", textOrNull(data.get("suppressed_reason")));
        }
        return event;
    }

    /**
     * The inbox event of a Textable STOP-family inbound message or revocation (the relay source's headers and its
     * event body, read as a map), at now; the decision ({@code opt-out} or {@code review}) from the exchange
     * property {@code optOutDecision}. The message body is never kept, only its keyword.
     */
    public Map<String, Object> fromTextableRelay(Exchange exchange) {
        var in = exchange.getMessage();
        String keyword = in.getHeader("textableOptOutKeyword", String.class);
        if (keyword == null && in.getBody() instanceof Map<?, ?> body) {
            keyword = textOrNull(body.get("OptOutKeyword"));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("origin", "textable");
        put(event, "phone", in.getHeader("textableFromNumber", String.class));
        event.put("at", Instant.now().toString());
        event.put("detail", "inbound " + keyword + ", message " + in.getHeader("textableMessageId", String.class));
        put(event, "account", in.getHeader("textableUserId", String.class));
        event.put("channel", "inbound");
        put(event, "keyword", keyword);
        put(event, "messageId", in.getHeader("textableMessageId", String.class));
        put(event, "decision", exchange.getProperty("optOutDecision", String.class));
        return event;
    }

    /**
     * Reads an inbox file into the opt-out properties. A file that is not a JSON object with text fields fails with
     * an {@link UnreadableRecordException} naming the file and the reason (the inbox retries it a bounded number of
     * times, then dead-letters it).
     */
    public void read(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        String text = exchange.getMessage().getBody(String.class);
        exchange.getMessage().setBody(text); // the file's text, as a dead letter keeps it
        JsonNode event;
        try {
            event = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw unreadable(name, "not a JSON object: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (event == null || !event.isObject()) {
            throw unreadable(name, "not a JSON object event {origin, phone, at, detail}", null);
        }
        List<String> fields = new java.util.ArrayList<>(List.of("origin", "phone", "at", "detail", "dashboard"));
        fields.addAll(EVIDENCE.keySet());
        for (String field : fields) {
            JsonNode value = event.get(field);
            if (value != null && !value.isNull() && !value.isValueNode()) {
                throw unreadable(name, "field '" + field + "' is not a text value: " + value, null);
            }
        }
        String origin = event.path("origin").asText("");
        if (!ORIGINS.contains(origin)) {
            throw unreadable(name, "field 'origin' must be one of " + ORIGINS + ", got '" + origin + "'", null);
        }
        exchange.setProperty(ORIGIN, origin);
        exchange.setProperty(PHONE, textOrNull(event.get("phone")));
        exchange.setProperty(AT, textOrNull(event.get("at")));
        exchange.setProperty(DETAIL, textOrNull(event.get("detail")));
        exchange.setProperty(DASHBOARD, textOrNull(event.get("dashboard")));
        EVIDENCE.forEach((field, property) -> exchange.setProperty(property, textOrNull(event.get(field))));
    }

    /** Text Request contact body that suppresses the number, the reason naming origin, time and the job's marker. */
    public Map<String, Object> suppression(String origin, String at, String marker) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_suppressed", true);
        body.put("suppressed_reason", "Opted out at " + text(origin) + " " + text(at) + " (" + marker + ")");
        return body;
    }

    /** {@code {"phoneNumber": phone}}. */
    public Map<String, Object> phoneNumber(String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phoneNumber", phone);
        return body;
    }

    /** A Text Request hook registration {@code {target_url, event, http_verb: POST}}. */
    public Map<String, Object> hook(String targetUrl, String event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target_url", targetUrl);
        body.put("event", event);
        body.put("http_verb", "POST");
        return body;
    }

    private static UnreadableRecordException unreadable(String file, String reason, Throwable cause) {
        return new UnreadableRecordException("file", "Opt-out inbox file " + file + " is unreadable: " + reason, cause);
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String textOrNull(Object value) {
        return value == null ? null : value.toString();
    }

    private static String textOrNull(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }
}
