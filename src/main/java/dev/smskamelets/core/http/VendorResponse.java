package dev.smskamelets.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.util.function.Supplier;

/**
 * A successful vendor answer: status, body text and, when the operation promises JSON, the parsed body
 * ({@code null} for 204 and for bodiless answers). A JSON answer parsed from its bytes decodes its text only when
 * {@link #body()} is asked for (errors, excerpts): a page of records is not held twice.
 */
public final class VendorResponse {

    private final int status;
    private final String contentType;
    private final JsonNode json;
    private Supplier<String> text;
    private String body;

    public VendorResponse(int status, String contentType, String body, JsonNode json) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.json = json;
    }

    /** An answer whose text is decoded from {@code bytes} in {@code charset} on first use of {@link #body()}. */
    public VendorResponse(int status, String contentType, byte[] bytes, Charset charset, JsonNode json) {
        this.status = status;
        this.contentType = contentType;
        this.json = json;
        this.text = () -> bytes == null ? null : new String(bytes, charset);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The body as text (decoded on first use when the answer was parsed from bytes). */
    public String body() {
        if (text != null) {
            body = text.get();
            text = null;
        }
        return body;
    }

    public JsonNode json() {
        return json;
    }

    public boolean empty() {
        String b = body();
        return b == null || b.isEmpty();
    }

    @Override
    public String toString() {
        return "VendorResponse[status=" + status + ", contentType=" + contentType + "]";
    }
}
