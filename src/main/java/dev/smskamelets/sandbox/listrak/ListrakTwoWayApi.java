package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxContext;
import dev.smskamelets.sandbox.SandboxControl;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import dev.smskamelets.sandbox.VendorApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Listrak Two-Way SMS API ({@code https://api.listrak.com/twowaysms}, here {@code /twowaysms}): tickets,
 * sends and message streams, behind an API-Gateway style authorizer (401 without a token, 403 for a token that
 * is expired, revoked, of another integration, or while the integration is paused; body {@code {"message"}}).
 * Inbound messages are simulated through {@link TwoWayControl}, which fires the MO webhook.
 */
public final class ListrakTwoWayApi implements VendorApi, SandboxControl.Extension, InboundRelay {

    private final ListrakGuard guard;
    private final TwoWayState state;
    private final TwoWayControl control;
    private final Ledger ledger;

    public ListrakTwoWayApi(SandboxContext context, ListrakIntegration integration, ListrakTokens tokens,
                            SmsSeed seed, Predicate<String> knownPhone) {
        this.guard = new ListrakGuard(integration, tokens, context.faults());
        this.state = new TwoWayState(seed, knownPhone);
        this.ledger = context.ledger();
        this.control = new TwoWayControl(state, context.webhooks(), ledger,
                context.config().option("listrak.twowaysms.webhookUrl", null));
    }

    @Override public String id() { return ListrakIntegration.TWO_WAY; }
    @Override public String prefix() { return "/twowaysms"; }
    @Override public String openApiResource() { return "openapi/listrak-twowaysms.yaml"; }

    @Override
    public void register(Router router) {
        new TwoWayOperations(state, ledger).register(new ListrakRoutes(router, ListrakTwoWayApi::error, () -> { }));
    }

    @Override
    public void registerControl(Router router) {
        control.register(new ListrakRoutes(router, ListrakTwoWayApi::error, () -> { }));
    }

    @Override
    public Map<String, Object> inbound(String phone, String text, String senderCode) {
        return control.inbound(ListrakPhones.phoneId(phone), text, "relayed from Listrak SMS");
    }

    static SandboxResponse error(ListrakError e) {
        return message(e.status(), e.getMessage());
    }

    private static SandboxResponse message(int status, String message) {
        return SandboxResponse.json(status, Map.of("message", message));
    }

    @Override
    public SandboxResponse authenticate(SandboxRequest request) {
        if (request.header("authorization") == null) {
            return message(401, "Unauthorized");
        }
        ListrakGuard.Denial denial = guard.check(request);
        return denial == null ? null : message(403, denial.message());
    }

    @Override
    public String account(SandboxRequest request) {
        return guard.account(request);
    }

    /** Two-Way's documented 429 ("The request rate limit has been exceeded.") in its {@code {message}} shape. */
    @Override
    public SandboxResponse tooManyRequests(String message) {
        return message(429, message);
    }

    @Override
    public SandboxResponse badRequest(String message) {
        return message(ListrakError.contractStatus(message), message);
    }

    @Override
    public SandboxResponse notFound(String message) {
        return message(404, message);
    }

    @Override
    public Map<String, Object> info(String baseUrl) {
        Map<String, Object> info = new LinkedHashMap<>(guard.integration().info(baseUrl + "/OAuth2/Token"));
        info.put("baseUrl", baseUrl + prefix());
        info.put("phoneIds", state.seededPhoneIds());
        info.put("webhookUrl", control.webhookUrl());
        info.put("webhookControl", baseUrl + "/sandbox/listrak/twowaysms/webhook");
        info.put("inboundControl", baseUrl + "/sandbox/listrak/twowaysms/inbound");
        return info;
    }
}
