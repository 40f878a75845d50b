package dev.smskamelets.core;

import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxContext;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import dev.smskamelets.sandbox.VendorApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tiny vendor for the core-store tests: a time-windowed event feed ({@code GET /events?since=}) and an opt-out
 * write ({@code PUT /optouts/{phone}}, recorded in the ledger) behind an {@code x-api-key}.
 */
final class OptOutTestApi implements VendorApi {

    static final String API_KEY = "store-test-key-8f2c1d";
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private final SandboxContext context;
    private final List<Map<String, Object>> events = new ArrayList<>();

    OptOutTestApi(SandboxContext context) {
        this.context = context;
    }

    /** Forgets every event. */
    synchronized void reset() {
        events.clear();
    }

    /** Adds one opt-out event for any phone text, {@code minute} minutes after T0. */
    synchronized void addEvent(String phone, int minute) {
        events.add(Map.of("phone", phone, "at", T0.plusSeconds(60L * minute).toString()));
    }

    /** Adds opt-out events for (415) 555-26{first..last}, one minute apart from T0. */
    synchronized void addEvents(int first, int last) {
        for (int i = first; i <= last; i++) {
            events.add(Map.of("phone", String.format("(415) 555-26%02d", i), "at", T0.plusSeconds(60L * i).toString()));
        }
    }

    @Override public String id() { return "store-test"; }
    @Override public String prefix() { return "/store-test"; }
    @Override public String openApiResource() { return null; }

    @Override
    public void register(Router router) {
        router.add("GET", "/events", "listEvents", this::list);
        router.add("PUT", "/optouts/{phone}", "optOut", r -> {
            String phone = r.pathParam("phone");
            if (!phone.matches("\\d{10}")) {
                throw new BadRequestException("phone must be 10 digits, got " + phone);
            }
            context.ledger().record(id(), r.operationId(), "optout", phone, "put", null);
            return SandboxResponse.json(200, Map.of("phone", phone));
        });
    }

    private synchronized SandboxResponse list(SandboxRequest r) {
        Instant since = Instant.parse(r.queryParam("since"));
        List<Map<String, Object>> page = events.stream().filter(e -> !Instant.parse((String) e.get("at")).isBefore(since)).toList();
        String until = page.isEmpty() ? since.toString() : (String) page.get(page.size() - 1).get("at");
        return SandboxResponse.json(200, Map.of("items", page, "until", until));
    }

    @Override
    public SandboxResponse authenticate(SandboxRequest request) {
        return API_KEY.equals(request.header("x-api-key")) ? null : SandboxResponse.json(401, Map.of("error", "UNAUTHORIZED"));
    }

    @Override public SandboxResponse badRequest(String message) { return SandboxResponse.json(400, Map.of("error", message)); }
    @Override public SandboxResponse notFound(String message) { return SandboxResponse.json(404, Map.of("error", message)); }
    @Override public Map<String, Object> info(String baseUrl) { return Map.of("baseUrl", baseUrl + prefix()); }
}
