package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.SandboxRequest;

/**
 * The bearer-token check every Listrak API makes: the integration must not be paused, and the token must have
 * been issued for this integration, be unexpired and not revoked. Each API renders a refusal in its own shape.
 */
final class ListrakGuard {

    /** A refusal: HTTP status and a readable message. */
    record Denial(int status, String message) {
    }

    private final ListrakIntegration integration;
    private final ListrakTokens tokens;
    private final Faults faults;

    ListrakGuard(ListrakIntegration integration, ListrakTokens tokens, Faults faults) {
        this.integration = integration;
        this.tokens = tokens;
        this.faults = faults;
    }

    /** Null when the request may proceed. */
    Denial check(SandboxRequest request) {
        if (faults.paused(integration.id())) {
            return new Denial(401, "Inactive integration: API access for " + integration.id() + " is paused.");
        }
        ListrakTokens.Refusal refusal = tokens.check(request.header("authorization"), integration.id());
        return refusal == null ? null : new Denial(401, ListrakTokens.describe(refusal, integration.id()));
    }

    /** The integration's client id when the request carries a valid token of it (the rate-limit account), else null. */
    String account(SandboxRequest request) {
        return tokens.check(request.header("authorization"), integration.id()) == null ? integration.clientId() : null;
    }

    ListrakIntegration integration() {
        return integration;
    }
}
