package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.phone.PhoneNormalizer;
import dev.smskamelets.core.validate.InvalidFieldException;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Checks and normalises a Listrak SMS request before anything is sent, so a bad record fails alone with an
 * error naming the field and the value (dead-letter it with the caller's {@code onException}) and no request
 * reaches Listrak. The phone (header {@value #PHONE}, else the body's {@code phoneNumber}) becomes E.164 in
 * header {@value #PHONE} and, for bodies, in {@code phoneNumber}. {@code kind} selects the body rules:
 * <ul>
 *   <li>{@code phone}: only the phone (subscribe, unsubscribe, get);</li>
 *   <li>{@code contact}: an {@code SMSContact} JSON object (create, update);</li>
 *   <li>{@code optout}: {@code {phoneNumber, optedOut: true}} — the API can only opt out;</li>
 *   <li>{@code transactional}: {@code {phoneNumber, messageContent}};</li>
 *   <li>{@code broadcast}: {@code {phoneListId, messageTitle (1-50), messageContent, segmentationFieldId?}}.</li>
 * </ul>
 */
public class ListrakSmsRequest implements Processor {

    /** Header with the contact's phone number (input and normalised output). */
    public static final String PHONE = "phoneNumber";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PhoneNormalizer phones = new PhoneNormalizer();
    private String kind = "phone";
    private String phoneListId;

    public ListrakSmsRequest() {
        phones.setTarget("listrak");
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        if ("broadcast".equals(kind)) {
            ObjectNode body = object(in);
            if (!body.hasNonNull("phoneListId") && phoneListId != null && !"0".equals(phoneListId)) {
                body.put("phoneListId", phoneListId);
            }
            in.setBody(broadcast(body).toString());
            return;
        }
        String header = in.getHeader(PHONE, String.class);
        ObjectNode body = "phone".equals(kind) && header != null ? null : object(in);
        String raw = header != null ? header : body == null ? null : body.path(PHONE).asText(null);
        String phone = phones.normalize(PHONE, raw);
        in.setHeader(PHONE, phone);
        switch (kind) {
            case "phone" -> in.setBody(null);
            case "contact" -> in.setBody(birthday(body).put(PHONE, phone).toString());
            case "optout" -> in.setBody(body.put(PHONE, phone).put("optedOut", true).toString());
            case "transactional" -> {
                require(body, "messageContent");
                in.setBody(MAPPER.createObjectNode().put(PHONE, phone)
                        .put("messageContent", body.get("messageContent").asText()).toString());
            }
            default -> throw new IllegalArgumentException("Unknown kind '" + kind
                    + "': use phone, contact, optout, transactional or broadcast");
        }
    }

    /**
     * {@code birthday} as the {@code date-time} the SMSContact schema requires. Rule: a date alone
     * ({@code 1990-04-01}) is that day at midnight UTC ({@code 1990-04-01T00:00:00Z}); a date-time with an offset or
     * {@code Z} is kept as that instant, written in UTC; a date-time without an offset is read as UTC; {@code null}
     * (or absent) stays as it is. Anything else (an empty text, {@code 04/01/1990}, a number) is refused before any
     * request with an error naming the field and the value.
     */
    static ObjectNode birthday(ObjectNode body) {
        JsonNode value = body.get("birthday");
        if (value == null || value.isNull()) {
            return body;
        }
        String text = value.isTextual() ? value.asText().strip() : null;
        try {
            if (text == null || text.isEmpty()) {
                throw new java.time.format.DateTimeParseException("not a date", String.valueOf(value), 0);
            }
            java.time.Instant at;
            if (text.length() == 10) {
                at = java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } else if (text.endsWith("Z") || text.endsWith("z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                at = java.time.OffsetDateTime.parse(text.replace('z', 'Z')).toInstant();
            } else {
                at = java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            }
            return body.put("birthday", java.time.format.DateTimeFormatter.ISO_INSTANT.format(at));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidFieldException("listrak-sms", "birthday", value.isTextual() ? value.asText() : value.toString(),
                    "must be a date (1990-04-01) or a date-time (1990-04-01T00:00:00Z)");
        }
    }

    /** Immediate broadcast: title 1–50 characters, content present, list id an integer. */
    static ObjectNode broadcast(ObjectNode body) {
        String title = body.path("messageTitle").asText(null);
        if (title == null || title.isEmpty() || title.length() > 50) {
            throw new IllegalArgumentException("messageTitle must be 1 to 50 characters, got "
                    + (title == null ? "none" : title.length() + " characters: '" + title + "'"));
        }
        require(body, "messageContent");
        JsonNode list = body.get("phoneListId");
        if (list == null || !list.asText().matches("\\d+")) {
            throw new IllegalArgumentException("phoneListId must be a numeric SMS list id, got '"
                    + (list == null ? null : list.asText()) + "'");
        }
        body.put("phoneListId", list.asInt());
        JsonNode field = body.get("segmentationFieldId");
        if (field != null && !field.isNull()) {
            body.put("segmentationFieldId", field.asText()); // a string in this one schema
        }
        return body;
    }

    /** {@code {"contact": <data of the contact resource>, "subscriptions": <array>}}: the contacts get operation. */
    static ObjectNode contactWithSubscriptions(JsonNode contactResource, JsonNode subscriptions) {
        ObjectNode result = MAPPER.createObjectNode();
        result.set("contact", data(contactResource));
        result.set("subscriptions", subscriptions);
        return result;
    }

    /** The {@code data} member of a Listrak {@code Resource_*} or {@code Collection_*} answer. */
    static JsonNode data(JsonNode answer) {
        return answer.path("data");
    }

    private static void require(ObjectNode body, String field) {
        if (body.path(field).asText("").isBlank()) {
            throw new IllegalArgumentException(field + " is required, got '" + body.path(field).asText(null) + "'");
        }
    }

    /** The body as a JSON object: a JSON text, bytes, or a Map/POJO. */
    private static ObjectNode object(Message in) {
        Object raw = in.getBody();
        try {
            JsonNode node = raw == null ? MAPPER.createObjectNode()
                    : raw instanceof Map<?, ?> || !(raw instanceof String || raw instanceof byte[]
                    || raw instanceof java.io.InputStream) ? MAPPER.valueToTree(raw)
                    : MAPPER.readTree(in.getBody(String.class));
            if (node == null || node.isMissingNode()) {
                return MAPPER.createObjectNode();
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("The Listrak SMS request body must be a JSON object, got: " + node);
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new IllegalArgumentException("The Listrak SMS request body is not JSON: " + e.getMessage(), e);
        }
    }

    public String getPhoneListId() {
        return phoneListId;
    }

    /** Default list of a broadcast whose body names none. */
    public void setPhoneListId(String phoneListId) {
        this.phoneListId = phoneListId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    /** Region for numbers without a country code (default US). */
    public void setDefaultRegion(String region) {
        phones.setDefaultRegion(region);
    }

    public String getDefaultRegion() {
        return phones.getDefaultRegion();
    }
}
