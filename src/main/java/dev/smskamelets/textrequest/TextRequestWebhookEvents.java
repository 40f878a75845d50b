package dev.smskamelets.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns a verified Text Request delivery into the one event shape of {@code textrequest-webhook-source}:
 * {@code {event, event_id, signed_at, received_at, dashboard_id, dashboard_phone, contact_phone, message_id,
 * status, data, raw}}. {@code data} is the payload with every key in snake_case (the vendor sends camelCase for
 * messages, PascalCase for {@code contact_created} and locations, snake_case for the rest); {@code raw} is the
 * payload as received. The event type is the last path segment when it names one (register hooks as
 * {@code <endpoint>/<event>}), else it is recognised from the payload. Headers: {@value #EVENT_HEADER},
 * {@value #EVENT_ID_HEADER}.
 */
public class TextRequestWebhookEvents implements Processor {

    public static final String EVENT_HEADER = "textRequestEvent";
    public static final String EVENT_ID_HEADER = "textRequestEventId";
    /** The seven event types of {@code GET /eventTypes}. */
    public static final List<String> EVENTS = List.of("msg_sent", "msg_received", "contact_created",
            "msg_status_updated", "location_received", "payment_status_updated", "contact_updated");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The 200 answer to an accepted delivery, {@code {"accepted": "<event id>"}}, written by Jackson. */
    public String acceptedReply(String eventId) throws java.io.IOException {
        return JSON.writeValueAsString(java.util.Map.of("accepted", String.valueOf(eventId)));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        byte[] raw = exchange.getProperty(TextRequestWebhookVerifier.RAW_BODY, byte[].class);
        JsonNode payload = JSON.readTree(raw);
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("Text Request web hook body is not a JSON object");
        }
        String event = eventOf(exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class), payload);
        ObjectNode data = (ObjectNode) snake(payload);
        ObjectNode out = JSON.createObjectNode();
        out.put("event", event);
        out.put("event_id", event + ":" + sha256(raw).substring(0, 24));
        Long signedAt = exchange.getProperty(TextRequestWebhookVerifier.SIGNED_AT, Long.class);
        out.put("signed_at", signedAt == null ? null : Instant.ofEpochSecond(signedAt).toString());
        out.put("received_at", Instant.now().toString());
        out.set("dashboard_id", first(data, "/your_phone_number/id", "/dashboard_id"));
        out.set("dashboard_phone", first(data, "/your_phone_number/phone_number", "/location_phone_number"));
        out.set("contact_phone", first(data, "/conversation/consumer_phone_number", "/contact_phone_number",
                "/phone_number"));
        out.set("message_id", first(data, "/message_unique_identifier", "/message_id"));
        out.set("status", first(data, "/status"));
        out.set("data", data);
        out.set("raw", payload);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(EVENT_HEADER, event);
        message.setHeader(EVENT_ID_HEADER, out.get("event_id").asText());
        exchange.setProperty(EVENT_ID_HEADER, out.get("event_id").asText());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(JSON.writeValueAsString(out));
    }

    /** The event named by the path's last segment, else recognised from the payload's fields. */
    static String eventOf(String path, JsonNode p) {
        if (path != null) {
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (EVENTS.contains(last)) {
                return last;
            }
        }
        if (p.has("messageUniqueIdentifier")) {
            return "R".equals(p.at("/conversation/messageDirection").asText()) ? "msg_received" : "msg_sent";
        }
        if (p.has("ContactId")) {
            return "contact_created";
        }
        if (p.has("MessageId") || p.has("Latitude")) {
            return "location_received";
        }
        if (p.has("payment_id")) {
            return "payment_status_updated";
        }
        if (p.has("message_id") && p.has("status")) {
            return "msg_status_updated";
        }
        if (p.has("phone_number")) {
            return "contact_updated";
        }
        throw new IllegalArgumentException("Text Request web hook payload of no known event type, fields "
                + List.copyOf(iterable(p)));
    }

    private static List<String> iterable(JsonNode p) {
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        p.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A copy with every object key in snake_case ({@code messageUniqueIdentifier}, {@code ContactId} → snake). */
    static JsonNode snake(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(snakeCase(e.getKey()), snake(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(child -> out.add(snake(child)));
            return out;
        }
        return node;
    }

    static String snakeCase(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonNode first(JsonNode data, String... pointers) {
        for (String pointer : pointers) {
            JsonNode v = data.at(pointer);
            if (!v.isMissingNode() && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
