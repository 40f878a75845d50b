package dev.smskamelets.core.http;

import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxContext;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import dev.smskamelets.sandbox.VendorApi;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double served by the sandbox beside the vendors (id {@code core-test}, prefix {@code /core}) that has the
 * vendors' shapes without their data: an OAuth2 token endpoint (clients {@code alice}/{@code bob}, integration =
 * client id, pause and revocation honoured), a Listrak-style cursor list behind bearer tokens, a Text Request-style
 * page list behind {@code x-api-key}, a {@code whoami} that tells which client a token belongs to, and the three
 * vendor error shapes.
 */
final class CoreTestApi implements VendorApi {

    static final String API_KEY = "tr-test-key";
    static final Map<String, String> SECRETS = Map.of("alice", "alice-secret-1", "bob", "bob-secret-2");

    record Issued(String clientId, String scope, long issuedAt, long expiresAt) {
    }

    private final SandboxContext context;
    private final int records;
    private final long expiresIn;
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    /** Lower-case names of the headers the last {@code echo} call carried. */
    volatile java.util.Set<String> lastEchoHeaders = java.util.Set.of();

    CoreTestApi(SandboxContext context) {
        this.context = context;
        this.records = context.config().intOption("core.records", 12_345);
        this.expiresIn = context.config().longOption("core.expiresIn", 3600);
    }

    @Override public String id() { return "core-test"; }
    @Override public String prefix() { return "/core"; }
    @Override public String openApiResource() { return null; }

    int tokensIssued() {
        return issued.get();
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/oauth/token", "token", this::token);
        router.add("GET", "/whoami", "whoami", req -> {
            Issued who = tokens.get(bearer(req));
            return SandboxResponse.json(200, Map.of("clientId", who.clientId(), "scope", who.scope()));
        });
        router.add("GET", "/cursor/items", "cursorItems", this::cursorItems);
        router.add("GET", "/pages/items", "pageItems", this::pageItems);
        router.add("GET", "/echo", "echo", req -> {
            lastEchoHeaders = req.headers().keySet();
            return SandboxResponse.json(200, Map.of("ok", true));
        });
        router.add("GET", "/errors/listrak", "listrakError", req -> SandboxResponse.json(404, Map.of("status", 404,
                "error", "ERROR_PHONE_NUMBER_NOT_FOUND", "message", "Phone number was not found.")));
        router.add("GET", "/errors/textrequest", "textrequestError", req -> SandboxResponse.json(400,
                Map.of("status", 400, "errorCode", "invalid_phone", "message", "Phone must have 10 digits")));
        router.add("GET", "/errors/crosschannel", "crosschannelError", req -> SandboxResponse.json(400,
                Map.of("data", Map.of(), "meta", Map.of("statusCode", 400, "message", "Validation failed",
                        "errors", List.of("eventKey is required")))));
    }

    private SandboxResponse token(SandboxRequest req) {
        Map<String, String> form = form(req.bodyAsString());
        String client = form.getOrDefault("client_id", "");
        if (!"client_credentials".equals(form.get("grant_type")) || !SECRETS.containsKey(client)
                || !SECRETS.get(client).equals(form.get("client_secret"))) {
            return SandboxResponse.json(400, Map.of("error", "invalid_client", "error_description",
                    "Client authentication failed"));
        }
        if (context.faults().paused(client)) {
            return SandboxResponse.json(401, Map.of("error", "unauthorized_client", "error_description",
                    "API access for this integration is paused"));
        }
        String token = "tok-" + issued.incrementAndGet() + "-" + client;
        long now = System.currentTimeMillis();
        tokens.put(token, new Issued(client, form.getOrDefault("scope", ""), now, now + expiresIn * 1000));
        return SandboxResponse.json(200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", expiresIn));
    }

    private SandboxResponse cursorItems(SandboxRequest req) {
        String cursor = req.queryParam("cursor", "Start");
        int count = Integer.parseInt(req.queryParam("count", "1000"));
        int from = "Start".equals(cursor) ? 0 : Integer.parseInt(cursor.substring(1));
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = from; i < Math.min(records, from + count); i++) {
            data.add(Map.of("phoneNumber", String.format("+1555%07d", i), "seq", i));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 200);
        body.put("data", data);
        int next = from + count;
        if (next < records) {
            // Alternate the two forms the vendor is known for: a URI and a bare cursor.
            body.put("nextPageCursor", (next / count) % 2 == 0 ? "c" + next
                    : context.baseUrl().get() + "/core/cursor/items?cursor=c" + next + "&count=" + count);
        }
        return SandboxResponse.json(200, body);
    }

    private SandboxResponse pageItems(SandboxRequest req) {
        int page = Integer.parseInt(req.queryParam("page", "0"));
        int size = Integer.parseInt(req.queryParam("page_size", "100"));
        int from = page * size;
        if (from >= records) {
            return SandboxResponse.empty(204);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = from; i < Math.min(records, from + size); i++) {
            items.add(Map.of("id", i, "phone_number", String.format("555%07d", i)));
        }
        return SandboxResponse.json(200, Map.of("meta", Map.of("page", page, "page_size", size,
                "total_items", records), "items", items));
    }

    @Override
    public SandboxResponse authenticate(SandboxRequest req) {
        String op = req.operationId();
        if (op.equals("token") || op.endsWith("Error")) {
            return null;
        }
        if (op.equals("pageItems") || op.equals("echo")) {
            return API_KEY.equals(req.header("x-api-key")) ? null
                    : SandboxResponse.json(401, Map.of("status", 401, "errorCode", "unauthorized",
                    "message", "Invalid API key"));
        }
        Issued who = tokens.get(bearer(req));
        boolean valid = who != null && System.currentTimeMillis() < who.expiresAt()
                && who.issuedAt() > context.faults().tokensRevokedAt(who.clientId())
                && !context.faults().paused(who.clientId());
        return valid ? null : SandboxResponse.json(401, Map.of("status", 401, "error", "ERROR_UNAUTHORIZED",
                "message", "Authorization has been denied for this request."));
    }

    private static String bearer(SandboxRequest req) {
        String value = req.header("authorization");
        return value != null && value.startsWith("Bearer ") ? value.substring(7) : "";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public SandboxResponse badRequest(String message) {
        return SandboxResponse.json(400, Map.of("status", 400, "error", "ERROR_BAD_REQUEST", "message", message));
    }

    @Override
    public SandboxResponse notFound(String message) {
        return SandboxResponse.json(404, Map.of("status", 404, "error", "ERROR_NOT_FOUND", "message", message));
    }

    @Override
    public Map<String, Object> info(String baseUrl) {
        return Map.of("tokenUrl", baseUrl + "/core/oauth/token", "clients", SECRETS.keySet());
    }
}
