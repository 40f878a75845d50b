package dev.smskamelets.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, headers and body bytes. Build it with the static factories. */
public final class SandboxResponse {

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;

    private SandboxResponse(int status, byte[] body, String contentType) {
        this.status = status;
        this.body = body == null ? new byte[0] : body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    /** A JSON answer; {@code value} is serialised with the sandbox's Jackson mapper. */
    public static SandboxResponse json(int status, Object value) {
        return new SandboxResponse(status, Json.write(value), "application/json; charset=utf-8");
    }

    public static SandboxResponse raw(int status, String contentType, byte[] body) {
        return new SandboxResponse(status, body, contentType);
    }

    public static SandboxResponse text(int status, String contentType, String body) {
        return new SandboxResponse(status, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** No body at all (204 No Content, or Text Request's bodiless 200 for archive and redact). */
    public static SandboxResponse empty(int status) {
        return new SandboxResponse(status, null, null);
    }

    public SandboxResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
