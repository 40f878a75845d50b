package dev.smskamelets.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.phone.PhoneNormalizer;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.camel.Message;

/**
 * Request bodies of the Text Request action kamelets, checked before any request is sent: JSON of the right kind,
 * a message's {@code body} (required, at most 1600 characters), {@code sender_name} (at most 41),
 * {@code status_callback}/{@code location_callback} (absolute http(s) URLs; a location callback needs
 * {@code [LocationRequest]} in the body), and every {@code phone_number} of a bulk update (10 or 11 US digits).
 * Errors are IllegalArgumentExceptions naming the field and the value.
 */
final class TextRequestBodies {

    static final int MAX_BODY = 1600;
    static final int MAX_SENDER_NAME = 41;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TextRequestBodies() {
    }

    static JsonNode read(Message in) {
        Object raw = in.getBody();
        if (raw instanceof Map<?, ?> || raw instanceof java.util.List<?>) {
            return JSON.valueToTree(raw);
        }
        String text = in.getBody(String.class);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("Text Request request body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * A US number as Text Request wants it: 10 digits, or 11 starting with 1, once spaces, dots, dashes,
     * parentheses and a leading + are removed; returned as 10 digits.
     */
    static String phone(PhoneNormalizer phones, String field, String raw) {
        String digits = raw == null ? "" : raw.replaceAll("[\\s().+-]", "");
        if (!digits.matches("1?\\d{10}")) {
            throw new IllegalArgumentException("Text Request field '" + field
                    + "' must be a US phone number of 10 or 11 digits, got '" + raw + "'");
        }
        return phones.normalize(field, digits.length() == 10 ? digits : "+" + digits);
    }

    /**
     * A hook registration ({@code post_webhook_request}) with the {@code name} Text Request requires: the body's own,
     * else {@code configured} when set, else {@code "sms-kamelets <event>"}.
     */
    static JsonNode hook(JsonNode body, String configured) {
        ObjectNode hook = (ObjectNode) object(body, "hook register");
        if (hook.path("name").asText("").isBlank()) {
            String event = hook.path("event").asText("");
            hook.put("name", configured != null && !configured.isBlank() ? configured.strip()
                    : "sms-kamelets " + (event.isBlank() ? "hook" : event));
        }
        return hook;
    }

    static JsonNode object(JsonNode body, String operation) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("Text Request " + operation + " needs a JSON object body, got "
                    + (body == null ? "none" : body.getNodeType()));
        }
        return body;
    }

    static JsonNode bulk(JsonNode body, PhoneNormalizer phones) {
        if (body == null || !body.isArray() || body.isEmpty()) {
            throw new IllegalArgumentException("Text Request bulk-update needs a non-empty JSON array body, got "
                    + (body == null ? "none" : body.getNodeType()));
        }
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = object(body.get(i), "bulk-update item " + i);
            ((ObjectNode) item).put("phone_number", phone(phones, "[" + i + "].phone_number",
                    item.path("phone_number").asText(null)));
        }
        return body;
    }

    static JsonNode message(JsonNode body, String statusCallbackUrl) {
        ObjectNode m = (ObjectNode) object(body, "send");
        JsonNode text = m.get("body");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new IllegalArgumentException("Text Request message field 'body' is required, got '"
                    + (text == null ? null : text.asText()) + "'");
        }
        int length = text.asText().length();
        if (length > MAX_BODY) {
            throw new IllegalArgumentException("Text Request message field 'body' must be at most " + MAX_BODY
                    + " characters, got " + length);
        }
        String sender = m.path("sender_name").asText(null);
        if (sender != null && sender.length() > MAX_SENDER_NAME) {
            throw new IllegalArgumentException("Text Request message field 'sender_name' must be at most "
                    + MAX_SENDER_NAME + " characters, got '" + sender + "'");
        }
        if (!m.hasNonNull("status_callback") && statusCallbackUrl != null && !statusCallbackUrl.isBlank()) {
            m.put("status_callback", statusCallbackUrl);
        }
        url(m, "status_callback");
        url(m, "location_callback");
        if (m.hasNonNull("location_callback") && !text.asText().contains("[LocationRequest]")) {
            throw new IllegalArgumentException("Text Request message with a 'location_callback' needs "
                    + "[LocationRequest] in its 'body', got '" + text.asText() + "'");
        }
        return m;
    }

    private static void url(JsonNode m, String field) {
        if (!m.hasNonNull(field)) {
            return;
        }
        String value = m.get(field).asText();
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("Text Request message field '" + field
                + "' must be an absolute http(s) URL, got '" + value + "'");
    }
}
