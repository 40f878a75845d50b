package dev.smskamelets.sandbox.textable;

import dev.smskamelets.sandbox.Handler;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxContext;
import dev.smskamelets.sandbox.SandboxControl;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import dev.smskamelets.sandbox.VendorApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Textable under {@code /api} (an instance's root is the sandbox's base URL; Text Request owns {@code /api/v3}):
 * the verified send and contact-create paths plus the unverified defaults of {@link TextablePaths}, bearer user
 * token authentication, E.164 numbers, {@code sendAt} in epoch ms, and the relay webhook. The contract check uses
 * {@code openapi/textable.yaml}, whose paths are absolute ({@code /api/send}); unverified operations are unchecked.
 */
public final class TextableApi implements VendorApi, SandboxControl.Extension {

    public static final String ID = "textable";
    static final String PREFIX = "/api";

    private final TxState state;
    private final TxAuth auth;
    private final TxMessaging messaging;

    public TextableApi(SandboxContext context) {
        this.state = new TxState(context.config().seed(), context.ledger());
        this.auth = new TxAuth(state);
        this.messaging = new TxMessaging(state, new TxRelay(state, context.webhooks()));
        TxSeed.populate(state, context.config());
    }

    /** A {@link TextablePaths} constant relative to this API's prefix, as the router wants it. */
    static String relative(String path) {
        return path.substring(PREFIX.length());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String specBasePath() {
        return "/";
    }

    @Override
    public String openApiResource() {
        return "openapi/textable.yaml";
    }

    @Override
    public void register(Router router) {
        Router local = new Router();
        local.add("POST", relative(TextablePaths.SEND), "sendMessage", r -> {
            messaging.send(auth.caller(r), Json.read(r.body()), r);
            return SandboxResponse.json(200, Map.of("status", "true"));
        });
        TxContactHandlers contacts = new TxContactHandlers(state, auth);
        contacts.register(local);
        new TxBulkHandlers(state, auth, contacts).register(local);
        new TxUserHandlers(state, auth).register(local);
        for (Router.Route route : local.routes()) {
            router.add(route.method(), route.template(), route.operationId(), withErrors(route.handler()));
        }
    }

    private static Handler withErrors(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (TxContactHandlers.NotFound e) {
                return TxErrors.error(404, e.getMessage());
            } catch (TxUserHandlers.Forbidden e) {
                return TxErrors.error(403, e.getMessage());
            }
        };
    }

    @Override
    public void registerControl(Router router) {
        new TxControl(messaging).register(router);
    }

    @Override
    public SandboxResponse authenticate(SandboxRequest request) {
        return auth.check(request);
    }

    /** The user the token belongs to ({@code user-<id>}): all tokens of one user share its limit. */
    @Override
    public String account(SandboxRequest request) {
        return auth.user(request).map(u -> "user-" + u.id).orElse(null);
    }

    @Override
    public SandboxResponse tooManyRequests(String message) {
        return TxErrors.error(429, message);
    }

    @Override
    public SandboxResponse badRequest(String message) {
        return TxErrors.error(400, message);
    }

    @Override
    public SandboxResponse notFound(String message) {
        return TxErrors.error(404, message);
    }

    /** The first (admin) user's API token. */
    public String apiToken() {
        return firstUser().tokens.get(0);
    }

    /** The first (admin) user. */
    public Map<String, Object> user() {
        TxUser u = firstUser();
        return Map.of("id", u.id, "phoneNumber", u.phone, "token", u.tokens.get(0), "accessToken", u.accessToken);
    }

    private TxUser firstUser() {
        return state.users.values().iterator().next();
    }

    @Override
    public Map<String, Object> info(String baseUrl) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("baseUrl", baseUrl);
        info.put("prefix", PREFIX);
        info.put("auth", "Authorization: Bearer <token>, or Bearer <userId>:<accessToken> (older form)");
        info.put("organizationId", state.organizationId);
        info.put("users", state.users.values().stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", u.id);
            m.put("phoneNumber", u.phone);
            m.put("admin", u.admin);
            m.put("token", u.tokens.get(0));
            m.put("accessToken", u.accessToken);
            m.put("relayWebhook", u.relayWebhook);
            m.put("contacts", state.contacts.values().stream().filter(c -> c.ownerId.equals(u.id)).count());
            m.put("optedOut", state.contacts.values().stream().filter(c -> c.ownerId.equals(u.id) && c.optedOut).count());
            return m;
        }).toList());
        info.put("verifiedPaths", List.of("POST " + TextablePaths.SEND, "POST " + TextablePaths.CONTACTS,
                "GET " + TextablePaths.ORGANIZATIONS_V2));
        info.put("unverifiedPaths", List.of("GET " + TextablePaths.CONTACTS + "?phoneNumber=", "GET " + TextablePaths.CONTACT_BY_ID,
                "PUT|DELETE " + TextablePaths.CONTACT_V2_BY_ID, "POST " + TextablePaths.APPLY_DRIP, "GET " + TextablePaths.DRIP_CAMPAIGNS,
                "POST " + TextablePaths.BLOCK, "POST " + TextablePaths.BATCH_UPLOAD, "GET|POST " + TextablePaths.USERS,
                "PUT " + TextablePaths.USER_BY_ID, "GET " + TextablePaths.USER_V2_BY_ID, "PUT " + TextablePaths.USER_WEBHOOK,
                "POST " + TextablePaths.USER_TOKEN));
        info.put("control", List.of("POST /sandbox/textable/inbound"));
        info.put("options", List.of("textable.users", "textable.contacts", "textable.optedOut", "textable.archived",
                "textable.blocked", "textable.conversations", "textable.relayWebhook"));
        return info;
    }
}
