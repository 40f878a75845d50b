package dev.smskamelets.sandbox;

/**
 * What every simulated vendor API shares: configuration, the write ledger, fault switches, outbound webhooks and
 * the sandbox's own base URL (for links such as Listrak's {@code nextPageCursor} URI).
 */
public record SandboxContext(SandboxConfig config, Ledger ledger, Faults faults, WebhookSender webhooks,
                             java.util.function.Supplier<String> baseUrl) {
}
