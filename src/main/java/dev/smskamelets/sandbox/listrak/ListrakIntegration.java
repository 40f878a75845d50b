package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.SandboxConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Listrak integration (Integration Management in the Listrak app): its id is the sandbox API id used by
 * {@code Faults.pause(...)} and {@code Faults.revokeTokens(...)}, and it has its own client id and secret.
 * Defaults are documented sandbox credentials; override them with the options
 * {@code listrak.<kind>.clientId} / {@code listrak.<kind>.clientSecret} ({@code kind} = sms, twowaysms, crosschannel).
 */
public record ListrakIntegration(String id, String kind, String type, String clientId, String clientSecret) {

    public static final String SMS = "listrak-sms";
    public static final String TWO_WAY = "listrak-twowaysms";
    public static final String CROSS_CHANNEL = "listrak-crosschannel";

    /** Builds an integration from the sandbox options, falling back to {@code sandbox-<kind>-client/-secret}. */
    public static ListrakIntegration of(SandboxConfig config, String id, String kind, String type) {
        return new ListrakIntegration(id, kind, type,
                config.option("listrak." + kind + ".clientId", "sandbox-" + kind + "-client"),
                config.option("listrak." + kind + ".clientSecret", "sandbox-" + kind + "-secret"));
    }

    /** The credentials part of {@code /sandbox/info}. */
    public Map<String, Object> info(String tokenUrl) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("integration", id);
        info.put("integrationType", type);
        info.put("tokenUrl", tokenUrl);
        info.put("clientId", clientId);
        info.put("clientSecret", clientSecret);
        return info;
    }

    @Override
    public String toString() {
        return "ListrakIntegration[" + id + ", clientId=" + clientId + "]"; // never the secret
    }
}
