package dev.smskamelets.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The sandbox's one Jackson mapper. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a request body; a body that is not JSON is the client's fault and answered with 400. */
    public static JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? MAPPER.nullNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("Request body is not valid JSON: " + e.getMessage());
        }
    }
}
