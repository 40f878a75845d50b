package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Listrak error answer, {@code {"status": 400, "error": "ERROR_INVALID_PARAMETER", "message": "..."}}, thrown by
 * handlers and turned into the response by {@link ListrakRoutes}.
 */
public final class ListrakError extends RuntimeException {

    private final int status;
    private final String code;

    public ListrakError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ListrakError badRequest(String code, String message) {
        return new ListrakError(400, code, message);
    }

    public static ListrakError invalidParameter(String message) {
        return new ListrakError(400, "ERROR_INVALID_PARAMETER", message);
    }

    public static ListrakError notFound(String code, String message) {
        return new ListrakError(404, code, message);
    }

    /** The status Listrak gives a request the contract check refused: 405 wrong method, 415 wrong type, else 400. */
    static int contractStatus(String message) {
        if (message.startsWith("The requested resource does not support http method")) {
            return 405;
        }
        return message.contains("Content-Type header") ? 415 : 400;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public SandboxResponse response() {
        return response(status, code, getMessage());
    }

    /** The Listrak SMS / token endpoint error body. */
    public static SandboxResponse response(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", code);
        body.put("message", message);
        return SandboxResponse.json(status, body);
    }
}
