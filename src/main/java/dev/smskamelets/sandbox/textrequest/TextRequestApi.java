package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxContext;
import dev.smskamelets.sandbox.SandboxControl;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import dev.smskamelets.sandbox.VendorApi;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text Request API v3 under {@code /api/v3}: dashboards, contacts, messages, conversations, tags, groups, custom
 * fields, keywords and web hooks, with the vendor's {@code x-api-key} authentication (missing: 400, wrong: 401),
 * its error shape, its paging and its signed outbound web hooks. See docs/sandbox-textrequest-textable.md.
 */
public final class TextRequestApi implements VendorApi, SandboxControl.Extension {

    public static final String ID = "textrequest";

    private final TrState state;
    private final TrContacts contacts;
    private final TrMessaging messaging;
    private final TrWebhooks webhooks;
    private final TrHookHandlers hooks;
    private final int tenDlcRate;

    public TextRequestApi(SandboxContext context) {
        this.state = new TrState(TrSeed.apiKey(context.config()), 1414, "e3c9340e-f091-4023-891a-2c8b679ccf36",
                context.config().seed(), context.ledger());
        this.webhooks = new TrWebhooks(state, context.webhooks(), context.ledger());
        this.contacts = new TrContacts(state, webhooks);
        this.messaging = new TrMessaging(state, contacts, webhooks);
        this.hooks = new TrHookHandlers(state);
        this.tenDlcRate = context.config().intOption("textrequest.tenDlcRate", 10);
        TrSeed.populate(state, context.config());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String prefix() {
        return "/api/v3";
    }

    @Override
    public String openApiResource() {
        return "openapi/textrequest.yaml";
    }

    @Override
    public void register(Router router) {
        new TrDashboardHandlers(state, tenDlcRate).register(router);
        new TrContactHandlers(state, contacts).register(router);
        new TrMessageHandlers(state, messaging, contacts).register(router);
        new TrCatalogHandlers(state).register(router);
        new TrGroupHandlers(state).register(router);
        hooks.register(router);
    }

    @Override
    public void registerControl(Router router) {
        new TrControl(state, messaging, webhooks, hooks).register(router);
    }

    @Override
    public SandboxResponse authenticate(SandboxRequest request) {
        String key = request.header("x-api-key");
        if (key == null || key.isBlank()) {
            return TrErrors.error(400, null, "An API key must be specified in the x-api-key header.");
        }
        if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), state.apiKey.getBytes(StandardCharsets.UTF_8))) {
            return TrErrors.error(401, null, "The API key is invalid.");
        }
        return null;
    }

    /** The API key's fingerprint ({@code key-} and 12 hex digits of its SHA-256) when the key is the account's. */
    @Override
    public String account(SandboxRequest request) {
        String key = request.header("x-api-key");
        if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), state.apiKey.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "key-" + java.util.HexFormat.of().formatHex(hash, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SandboxResponse tooManyRequests(String message) {
        return TrErrors.error(429, null, message);
    }

    @Override
    public SandboxResponse badRequest(String message) {
        return TrErrors.error(400, null, message);
    }

    @Override
    public SandboxResponse notFound(String message) {
        return TrErrors.error(404, null, message);
    }

    /** The account's API key (also the web hook signing key). */
    public String apiKey() {
        return state.apiKey;
    }

    /** Seeded dashboard ids, in order. */
    public List<Integer> dashboardIds() {
        return List.copyOf(state.dashboards.keySet());
    }

    @Override
    public Map<String, Object> info(String baseUrl) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("baseUrl", baseUrl + prefix());
        info.put("auth", "header x-api-key");
        info.put("apiKey", state.apiKey);
        info.put("accountId", state.accountId);
        List<Map<String, Object>> dashboards = state.dashboards.values().stream().map(d -> {
            Map<String, Object> m = d.toJson();
            m.put("tenDlc", d.tenDlc);
            m.put("messagesPerSecond", d.tenDlc ? d.messagesPerSecond : 1);
            m.put("queuedSends", d.queuedSends);
            m.put("maxQueueMillis", d.maxQueueMillis);
            m.put("contacts", d.contacts.size());
            m.put("optedOut", d.contacts.values().stream().filter(c -> c.optedOut != null).count());
            m.put("suppressed", d.contacts.values().stream().filter(c -> c.suppressed).count());
            m.put("hooks", d.hooks.values().stream().map(h -> {
                Map<String, Object> hook = new LinkedHashMap<>();
                hook.put("id", h.id);
                hook.put("event", h.event);
                hook.put("targetUrl", h.targetUrl);
                hook.put("enabled", h.enabled);
                return hook;
            }).toList());
            return m;
        }).toList();
        info.put("dashboards", dashboards);
        info.put("webhookEvents", TrWebhooks.EVENTS);
        info.put("control", List.of("POST /sandbox/textrequest/inbound", "POST /sandbox/textrequest/location",
                "POST /sandbox/textrequest/payments/{payment_id}/status", "POST /sandbox/textrequest/messages/{message_id}/status",
                "POST /sandbox/textrequest/dashboards/{dashboard_id}/ten-dlc", "POST /sandbox/textrequest/dashboards/{dashboard_id}/hooks"));
        info.put("options", List.of("textrequest.apiKey", "textrequest.dashboards", "textrequest.tenDlcDashboards",
                "textrequest.tenDlcRate", "textrequest.contacts", "textrequest.optedOut", "textrequest.suppressed",
                "textrequest.blocked", "textrequest.conversations", "textrequest.days", "textrequest.suppressedReason"));
        return info;
    }
}
