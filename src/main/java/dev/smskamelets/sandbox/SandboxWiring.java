package dev.smskamelets.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connection properties that point the library's jobs at a running sandbox instead of the real vendors: the
 * same keys the root {@code application.properties} fills from environment variables ({@code listrak.*},
 * {@code textrequest.*}, {@code textable.*}). The demo applies them as override properties.
 */
public final class SandboxWiring {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxWiring() {
    }

    public static Map<String, String> properties(Sandbox sandbox) {
        JsonNode info = JSON.valueToTree(sandbox.info()).path("apis");
        Map<String, String> p = new LinkedHashMap<>();
        JsonNode sms = info.path("listrak-sms");
        p.put("listrak.auth-url", sms.path("tokenUrl").asText());
        p.put("listrak.sms.base-url", sms.path("baseUrl").asText());
        p.put("listrak.sms.client-id", sms.path("clientId").asText());
        p.put("listrak.sms.client-secret", sms.path("clientSecret").asText());
        JsonNode tr = info.path("textrequest");
        p.put("textrequest.base-url", tr.path("baseUrl").asText());
        p.put("textrequest.api-key", tr.path("apiKey").asText());
        JsonNode tx = info.path("textable");
        p.put("textable.base-url", tx.path("baseUrl").asText());
        p.put("textable.token", tx.path("users").path(0).path("token").asText());
        return p;
    }
}
