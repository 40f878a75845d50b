package dev.smskamelets.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The sandbox's own control API under {@code /sandbox}: information, inspection and fault injection. Vendor APIs
 * add their own triggers (e.g. an inbound STOP) by implementing {@link Extension}.
 *
 * <ul>
 *   <li>{@code GET /sandbox/info}: base URL of each API, accepted credentials, seeded identifiers</li>
 *   <li>{@code GET /sandbox/requests?api=&operation=}, {@code GET /sandbox/counts}: request log and counts</li>
 *   <li>{@code GET /sandbox/ledger?since=N}: write ledger; {@code GET /sandbox/violations}: contract violations</li>
 *   <li>{@code GET|POST|DELETE /sandbox/faults}: list, add (JSON {@link Faults.Rule}) or clear fault rules</li>
 *   <li>{@code POST /sandbox/integrations/{integration}/pause?paused=true|false},
 *       {@code POST /sandbox/integrations/{integration}/revoke-tokens}</li>
 *   <li>{@code GET /sandbox/rate-limits}: per-account limits and counters (allowed, 429s, share of the allowed
 *       rate used); {@code POST /sandbox/rate-limits} sets one ({@code {"api": "textrequest", "requestsPerSecond": 10}},
 *       {@code "api": "default"} for every API, 0 removes it); {@code DELETE /sandbox/rate-limits} resets the counters</li>
 *   <li>{@code GET /sandbox/webhooks}: outbound webhook deliveries; {@code POST /sandbox/reset}: forget observations</li>
 * </ul>
 */
public final class SandboxControl {

    /** Implemented by a vendor API that offers extra control endpoints (paths must start with /sandbox/). */
    public interface Extension {
        void registerControl(Router router);
    }

    private final Sandbox sandbox;

    SandboxControl(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    void register(Router router) {
        router.add("GET", "/sandbox/info", "info", r -> SandboxResponse.json(200, sandbox.info()));
        router.add("GET", "/sandbox/requests", "requests", r -> SandboxResponse.json(200, sandbox.requests().entries(e ->
                (r.queryParam("api") == null || r.queryParam("api").equals(e.api()))
                        && (r.queryParam("operation") == null || r.queryParam("operation").equals(e.operationId())))));
        router.add("GET", "/sandbox/counts", "counts", r -> SandboxResponse.json(200, sandbox.requests().counts()));
        router.add("GET", "/sandbox/ledger", "ledger", r -> SandboxResponse.json(200,
                sandbox.ledger().since(Long.parseLong(r.queryParam("since", "0")))));
        router.add("GET", "/sandbox/violations", "violations", r -> SandboxResponse.json(200, sandbox.contract().violations()));
        router.add("GET", "/sandbox/faults", "faults", r -> SandboxResponse.json(200, sandbox.faults().rules()));
        router.add("POST", "/sandbox/faults", "addFault", r -> {
            JsonNode node = Json.read(r.body());
            Faults.Rule rule;
            try {
                rule = Json.MAPPER.treeToValue(node, Faults.Rule.class);
            } catch (Exception e) {
                throw new BadRequestException("Not a fault rule: " + e.getMessage());
            }
            if (rule.api == null || sandbox.api(rule.api).isEmpty()) {
                throw new BadRequestException("Fault rule needs \"api\", one of " + sandbox.apis().stream().map(VendorApi::id).toList());
            }
            return SandboxResponse.json(201, sandbox.faults().add(rule));
        });
        router.add("DELETE", "/sandbox/faults", "clearFaults", r -> {
            sandbox.faults().clear();
            return SandboxResponse.empty(204);
        });
        router.add("POST", "/sandbox/integrations/{integration}/pause", "pause", r -> {
            boolean paused = Boolean.parseBoolean(r.queryParam("paused", "true"));
            sandbox.faults().pause(r.pathParam("integration"), paused);
            return SandboxResponse.json(200, Map.of("integration", r.pathParam("integration"), "paused", paused));
        });
        router.add("POST", "/sandbox/integrations/{integration}/revoke-tokens", "revokeTokens", r -> {
            sandbox.faults().revokeTokens(r.pathParam("integration"));
            return SandboxResponse.json(200, Map.of("integration", r.pathParam("integration"), "revoked", true));
        });
        router.add("GET", "/sandbox/rate-limits", "rateLimits", r -> SandboxResponse.json(200, sandbox.rateLimits().describe()));
        router.add("POST", "/sandbox/rate-limits", "setRateLimit", r -> {
            JsonNode node = Json.read(r.body());
            String api = node.path("api").asText(null);
            JsonNode rate = node.get("requestsPerSecond");
            if (rate == null || !rate.isNumber() || rate.asDouble() < 0) {
                throw new BadRequestException("Rate limit needs \"requestsPerSecond\" >= 0 (0 removes the limit), got " + rate);
            }
            if ("default".equals(api)) {
                sandbox.rateLimits().defaultLimit(rate.asDouble());
            } else if (api != null && sandbox.api(api).isPresent()) {
                sandbox.rateLimits().limit(api, rate.asDouble());
            } else {
                throw new BadRequestException("Rate limit needs \"api\", \"default\" or one of "
                        + sandbox.apis().stream().map(VendorApi::id).toList() + ", got " + api);
            }
            return SandboxResponse.json(200, sandbox.rateLimits().describe());
        });
        router.add("DELETE", "/sandbox/rate-limits", "resetRateCounters", r -> {
            sandbox.rateLimits().resetCounters();
            return SandboxResponse.empty(204);
        });
        router.add("GET", "/sandbox/webhooks", "webhooks", r -> SandboxResponse.json(200, sandbox.webhooks().deliveries()));
        router.add("POST", "/sandbox/reset", "reset", r -> {
            sandbox.resetObservations();
            return SandboxResponse.empty(204);
        });
    }
}
