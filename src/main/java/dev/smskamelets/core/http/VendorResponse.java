package dev.smskamelets.core.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful vendor answer: status, body text and, when the operation promises JSON, the parsed body
 * ({@code null} for 204 and for bodiless answers).
 */
public record VendorResponse(int status, String contentType, String body, JsonNode json) {

    public boolean empty() {
        return body == null || body.isEmpty();
    }
}
