package dev.smskamelets.textable;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.phone.PhoneNormalizer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Message;

/**
 * Shared reading and checking for the Textable request validators: a body as a map (a {@code Map}, or JSON text or
 * bytes), E.164 phone numbers through core-store's {@link PhoneNormalizer}, document ids and booleans. Every failure
 * is a {@link TextableValidationException} naming the operation, the field and the value.
 */
final class TextableBody {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private TextableBody() {
    }

    /** The body as a mutable map; an empty body is an empty map. */
    static Map<String, Object> map(String operation, Message in) {
        Object body = in.getBody();
        if (body == null) {
            return new LinkedHashMap<>();
        }
        if (body instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        String text = in.getBody(String.class);
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return MAPPER.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new TextableValidationException(operation, "body", abbreviate(text), "must be a JSON object");
        }
    }

    static PhoneNormalizer phones(String validation) {
        return phones(validation, null);
    }

    /** The normalizer of {@code validation}, reading numbers without a country code in {@code region} (default US). */
    static PhoneNormalizer phones(String validation, String region) {
        PhoneNormalizer normalizer = new PhoneNormalizer();
        normalizer.setTarget("textable");
        normalizer.setValidation(validation == null || validation.isBlank() ? "possible" : validation);
        if (region != null && !region.isBlank()) {
            normalizer.setDefaultRegion(region);
        }
        return normalizer;
    }

    /** A Textable document id (contact, drip campaign): 1-128 of [A-Za-z0-9_-], so it is safe in a path. */
    static String id(String operation, String field, Object value) {
        String text = value == null ? null : String.valueOf(value).strip();
        if (text == null || !ID.matcher(text).matches()) {
            throw new TextableValidationException(operation, field, value, "must be a Textable id (1-128 of A-Z a-z 0-9 _ -)");
        }
        return text;
    }

    static Boolean bool(String operation, String field, Object value) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        String text = String.valueOf(value).strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new TextableValidationException(operation, field, value, "must be true or false");
    }

    /** A path template with its {@code {id}} replaced by a validated id. */
    static String path(String template, String id) {
        return template.replace("{id}", id);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
