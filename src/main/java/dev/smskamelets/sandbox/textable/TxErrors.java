package dev.smskamelets.sandbox.textable;

import dev.smskamelets.sandbox.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Textable's error body: {@code {"errors": ["..."], "error": "..."}} (ErrorsResponse). */
final class TxErrors {

    private TxErrors() {
    }

    static SandboxResponse error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(message));
        body.put("error", message);
        return SandboxResponse.json(status, body);
    }
}
