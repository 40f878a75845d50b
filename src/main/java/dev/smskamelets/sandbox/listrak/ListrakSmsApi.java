package dev.smskamelets.sandbox.listrak;

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
 * The Listrak SMS REST API v1 ({@code https://api.listrak.com/sms}, here {@code /sms}): all 20 operations of
 * {@code openapi/listrak-sms.yaml} over a seeded, stateful account, bearer tokens from {@link ListrakAuthApi},
 * Listrak's {@code {status, error: ERROR_*, message}} errors and cursor paging. Control endpoints are in
 * {@link SmsControl}.
 */
public final class ListrakSmsApi implements VendorApi, SandboxControl.Extension {

    private final ListrakGuard guard;
    private final SmsState state;
    private final SmsControl control;

    public ListrakSmsApi(SandboxContext context, ListrakIntegration integration, ListrakTokens tokens,
                         InboundRelay twoWay) {
        this.guard = new ListrakGuard(integration, tokens, context.faults());
        this.state = new SmsState(context.config(), context.ledger(), context.baseUrl());
        this.control = new SmsControl(state, twoWay);
    }

    @Override public String id() { return ListrakIntegration.SMS; }
    @Override public String prefix() { return "/sms"; }
    @Override public String openApiResource() { return "openapi/listrak-sms.yaml"; }

    @Override
    public void register(Router router) {
        ListrakRoutes routes = new ListrakRoutes(router, ListrakError::response, state.imports::advance);
        new SmsAccountOperations(state).register(routes);
        new SmsContactOperations(state).register(routes);
        new SmsSubscriptionOperations(state).register(routes);
        new SmsSendOperations(state).register(routes);
        new SmsImportOperations(state).register(routes);
    }

    @Override
    public void registerControl(Router router) {
        control.register(router);
    }

    @Override
    public SandboxResponse authenticate(SandboxRequest request) {
        ListrakGuard.Denial denial = guard.check(request);
        return denial == null ? null : ListrakError.response(denial.status(), "ERROR_UNAUTHORIZED", denial.message());
    }

    @Override
    public String account(SandboxRequest request) {
        return guard.account(request);
    }

    @Override
    public SandboxResponse tooManyRequests(String message) {
        return ListrakError.response(429, "ERROR_TOO_MANY_REQUESTS", message);
    }

    @Override
    public SandboxResponse badRequest(String message) {
        int status = ListrakError.contractStatus(message);
        if (status != 400) {
            return ListrakError.response(status, status == 405 ? "ERROR_UNSUPPORTED_METHOD" : "ERROR_UNSUPPORTED_CONTENT_TYPE", message);
        }
        if (message.contains("Unable to parse JSON")) {
            return ListrakError.response(400, "ERROR_MALFORMED_REQUEST_BODY", message);
        }
        return ListrakError.response(400, "ERROR_INVALID_PARAMETER", message);
    }

    @Override
    public SandboxResponse notFound(String message) {
        return ListrakError.response(404, "ERROR_UNKNOWN_ROUTE", message);
    }

    /** Whether a phone, e-mail or mobile contact UID is a contact (Two-Way and Cross Channel look up here). */
    boolean knownPhone(String phone) {
        return state.knownPhone(phone);
    }

    boolean knownEmail(String email) {
        return state.knownEmail(email);
    }

    boolean knownMobileContactUid(String uid) {
        return state.knownMobileContactUid(uid);
    }

    /** The seeded population (for tests and the benchmark). */
    public SmsSeed seed() {
        return state.seed;
    }

    @Override
    public Map<String, Object> info(String baseUrl) {
        Map<String, Object> info = new LinkedHashMap<>(guard.integration().info(baseUrl + "/OAuth2/Token"));
        info.put("baseUrl", baseUrl + prefix());
        info.put("paths", "/v1/...");
        info.put("senderCodes", state.catalog.senderCodes.stream().map(s -> Map.of("senderCodeId", s.id(),
                "code", s.code(), "enabled", s.enabled())).toList());
        info.put("phoneLists", state.catalog.lists.stream().map(l -> Map.of("senderCodeId", l.senderCodeId(),
                "phoneListId", l.id(), "name", l.name(), "active", l.active())).toList());
        info.put("segmentationFields", state.catalog.fields.stream().map(f -> Map.of("segmentationFieldId", f.id(),
                "name", f.name(), "dataType", f.dataType(), "enabled", f.enabled())).toList());
        info.put("transactionalMessages", state.catalog.transactional.stream().map(t -> Map.of("phoneListId", t.listId(),
                "transactionalMessageId", t.id(), "name", t.name(), "active", t.active())).toList());
        Map<String, Object> seed = new LinkedHashMap<>();
        seed.put("senderCodeId", SmsCatalog.SENDER_MAIN);
        seed.put("contacts", state.seed.size() - state.seed.optOuts());
        seed.put("optOuts", state.seed.optOuts());
        seed.put("optOutsFrom", state.seed.optOutsFrom().toString());
        seed.put("optOutsTo", state.seed.optOutsTo().toString());
        seed.put("options", List.of("listrak.contacts", "listrak.optOuts", "listrak.optOutsFrom", "listrak.optOutsTo",
                "listrak.import.stepMillis", "listrak.import.maxFileBytes", "listrak.tokenTtlSeconds"));
        if (state.seed.size() > state.seed.optOuts()) {
            seed.put("sampleSubscribedPhone", state.seed.phone(state.seed.optOuts()));
        }
        if (state.seed.optOuts() > 0) {
            seed.put("sampleOptedOutPhone", state.seed.phone(0));
        }
        info.put("seed", seed);
        return info;
    }
}
