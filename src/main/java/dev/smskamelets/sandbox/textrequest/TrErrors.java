package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text Request's error body as its documentation shows it: {@code {"status": 400, "errorCode": null, "message": "..."}}.
 * (The document's {@code error} schema names {@code error_message}/{@code error_code}; the prose and its example use
 * this shape, which the sandbox follows.)
 */
final class TrErrors {

    private TrErrors() {
    }

    static SandboxResponse error(int status, String errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("errorCode", errorCode);
        body.put("message", message);
        return SandboxResponse.json(status, body);
    }
}
