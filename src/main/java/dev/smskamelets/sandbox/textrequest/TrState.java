package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.SandboxRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Text Request account the sandbox simulates: its API key, its dashboards and the id sequences. Only touched
 * under the sandbox's state lock (handlers), except hook failure counters, which are atomic.
 */
final class TrState {

    static final String API = "textrequest";

    final String apiKey;
    final int accountId;
    final String externalAccountId;
    final TrIds ids;
    final Map<Integer, TrDashboard> dashboards = new LinkedHashMap<>();
    /** Every message by id with its dashboard (redact, status control). */
    final Map<String, TrDashboard> messageDashboards = new java.util.HashMap<>();
    private final Ledger ledger;
    int nextDashboardId = 101;
    int nextContactId = 6001;
    int nextGroupId = 11;
    int nextKeywordId = 301;
    int nextHookId = 1401;

    TrState(String apiKey, int accountId, String externalAccountId, long seed, Ledger ledger) {
        this.apiKey = apiKey;
        this.accountId = accountId;
        this.externalAccountId = externalAccountId;
        this.ids = new TrIds(seed);
        this.ledger = ledger;
    }

    /** The dashboard of a {@code dashboard_id} path parameter; an unknown id is the vendor's 400 "invalid". */
    TrDashboard dashboard(String idParam) {
        int id = intParam("dashboard_id", idParam);
        TrDashboard dashboard = dashboards.get(id);
        if (dashboard == null) {
            throw new BadRequestException("The dashboard id " + id + " is invalid: no such dashboard in this account.");
        }
        return dashboard;
    }

    static int intParam(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("The " + name + " '" + value + "' is not a number.");
        }
    }

    /** Records one state change in the sandbox ledger. */
    void record(SandboxRequest request, String entity, String key, String change) {
        ledger.record(API, request == null ? "sandbox" : request.operationId(), entity, key, change, requestId(request));
    }

    /** What the ledger names as cause: the caller's {@code x-request-id}, else method and path. */
    static String requestId(SandboxRequest request) {
        if (request == null) {
            return null;
        }
        String header = request.header("x-request-id");
        return header != null ? header : request.method() + " " + request.path();
    }
}
