package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxContext;
import dev.smskamelets.sandbox.SandboxControl;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import dev.smskamelets.sandbox.VendorApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Listrak Cross Channel REST API ({@code https://api.listrak.com/crosschannel/v1}, here
 * {@code /crosschannel/v1}): seeded custom event configurations with schemas, and event posts answered 200 with
 * per-recipient status codes (partial failure for unknown or malformed identifiers). Errors use the
 * {@code {data, meta{statusCode, message, errors[]}}} envelope. {@code GET /sandbox/listrak/crosschannel/events}
 * lists accepted events.
 */
public final class ListrakCrossChannelApi implements VendorApi, SandboxControl.Extension {

    private final ListrakGuard guard;
    private final CrossChannelCatalog catalog;
    private final CrossChannelEvents events;
    private final Ledger ledger;

    public ListrakCrossChannelApi(SandboxContext context, ListrakIntegration integration, ListrakTokens tokens,
                                  Predicate<String> knownEmail, Predicate<String> knownPhone, Predicate<String> knownUid) {
        this.guard = new ListrakGuard(integration, tokens, context.faults());
        this.catalog = new CrossChannelCatalog(context.config().seed());
        this.events = new CrossChannelEvents(knownEmail, knownPhone, knownUid);
        this.ledger = context.ledger();
    }

    @Override public String id() { return ListrakIntegration.CROSS_CHANNEL; }
    @Override public String prefix() { return "/crosschannel/v1"; }
    @Override public String openApiResource() { return "openapi/listrak-crosschannel.yaml"; }

    @Override
    public void register(Router router) {
        new ListrakRoutes(router, e -> envelope(e.status(), e.code(), e.getMessage()), () -> { })
                .add("GET", "/eventConfigurations", "getEventConfigurations", r -> ok(
                        catalog.configurations.stream().map(CrossChannelCatalog.EventConfiguration::summary).toList(), "OK"))
                .add("GET", "/eventConfigurations/{eventUID}", "getSchemaByEventUid",
                        r -> ok(catalog.configuration(r.pathParam("eventUID")).detail(), "OK"))
                .add("POST", "/eventConfigurations/{eventUID}/events", "postEvents", this::post);
    }

    @Override
    public void registerControl(Router router) {
        router.add("GET", "/sandbox/listrak/crosschannel/events", "listrakCrossChannelEvents",
                r -> SandboxResponse.json(200, events.accepted));
    }

    private SandboxResponse post(SandboxRequest r) {
        CrossChannelCatalog.EventConfiguration config = catalog.configuration(r.pathParam("eventUID"));
        JsonNode body = SmsContactOperations.object(r);
        JsonNode list = body.path("events");
        if (!list.isArray() || list.isEmpty()) {
            throw ListrakError.invalidParameter("events must be a non-empty array.");
        }
        List<Map<String, Object>> data = new ArrayList<>();
        int before = events.accepted.size();
        boolean allOk = true;
        for (JsonNode event : list) {
            List<Map<String, Object>> results = events.judge(config, event);
            allOk &= results.stream().allMatch(m -> Integer.valueOf(200).equals(m.get("statusCode")));
            data.addAll(results);
        }
        for (CrossChannelEvents.Accepted a : events.accepted.subList(before, events.accepted.size())) {
            ledger.record(id(), "postEvents", "event", config.eventUID() + ":" + a.id(),
                    "accepted for " + a.identifiers().size() + " identifiers", ListrakRoutes.requestId(r));
        }
        return ok(data, allOk ? "OK" : "One or more recipients could not be processed.");
    }

    private static SandboxResponse ok(Object data, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("meta", meta(200, message, List.of()));
        return SandboxResponse.json(200, body);
    }

    static SandboxResponse envelope(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", null);
        body.put("meta", meta(status, message, List.of(Map.of("userMessage", message, "internalMessage", code))));
        return SandboxResponse.json(status, body);
    }

    private static Map<String, Object> meta(int status, String message, List<?> errors) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("statusCode", status);
        meta.put("message", message);
        meta.put("errors", errors);
        return meta;
    }

    @Override
    public SandboxResponse authenticate(SandboxRequest request) {
        ListrakGuard.Denial denial = guard.check(request);
        return denial == null ? null : envelope(401, "Unauthorized", denial.message());
    }

    @Override
    public String account(SandboxRequest request) {
        return guard.account(request);
    }

    @Override
    public SandboxResponse tooManyRequests(String message) {
        return envelope(429, "TooManyRequests", message);
    }

    @Override
    public SandboxResponse badRequest(String message) {
        int status = ListrakError.contractStatus(message);
        return envelope(status, status == 405 ? "MethodNotAllowed" : status == 415 ? "UnsupportedMediaType" : "BadRequest", message);
    }

    @Override
    public SandboxResponse notFound(String message) {
        return envelope(404, "NotFound", message);
    }

    @Override
    public Map<String, Object> info(String baseUrl) {
        Map<String, Object> info = new LinkedHashMap<>(guard.integration().info(baseUrl + "/OAuth2/Token"));
        info.put("baseUrl", baseUrl + prefix());
        info.put("eventConfigurations", catalog.configurations.stream().map(c -> Map.of(
                "eventUID", c.eventUID(), "eventName", c.eventName(), "schema", c.schema())).toList());
        return info;
    }
}
