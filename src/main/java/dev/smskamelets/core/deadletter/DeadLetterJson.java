package dev.smskamelets.core.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON (one line) form of a {@link DeadLetter}. */
final class DeadLetterJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private DeadLetterJson() {
    }

    static String write(DeadLetter letter) {
        try {
            return MAPPER.writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise dead letter " + letter.id(), e);
        }
    }

    /** Any value as JSON; falls back to {@code toString()} for what Jackson cannot write. */
    static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    static DeadLetter read(String json) {
        try {
            return MAPPER.readValue(json, DeadLetter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable dead letter: " + e.getOriginalMessage(), e);
        }
    }
}
