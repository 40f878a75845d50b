package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.WebhookSender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Delivers Text Request's outbound web hooks and per-message callbacks: the payload is serialised once, signed at
 * the moment it leaves ({@link TrSignature}), sent with the hook's HTTP verb, and the hook is disabled after
 * {@link TrHook#DISABLE_AFTER} consecutive non-2xx replies. A delivery due later (a throttled message's
 * {@code msg_sent}) waits for its instant on the JDK's delayed executor.
 */
final class TrWebhooks {

    /** The event types of {@code GET /eventTypes}, in the document's order. */
    static final List<String> EVENTS = List.of("msg_sent", "msg_received", "contact_created", "msg_status_updated",
            "location_received", "payment_status_updated", "contact_updated");

    private final TrState state;
    private final WebhookSender sender;
    private final Ledger ledger;

    TrWebhooks(TrState state, WebhookSender sender, Ledger ledger) {
        this.state = state;
        this.sender = sender;
        this.ledger = ledger;
    }

    /** Calls every enabled hook of the dashboard registered for this event, at {@code at} (now if past). */
    void emit(TrDashboard dashboard, String event, Object payload, Instant at) {
        emit(dashboard, event, payload, at, () -> true);
    }

    /** Like {@link #emit(TrDashboard, String, Object, Instant)}; a later delivery is dropped if {@code still} is false by then. */
    void emit(TrDashboard dashboard, String event, Object payload, Instant at, BooleanSupplier still) {
        byte[] body = Json.write(payload);
        for (TrHook hook : List.copyOf(dashboard.hooks.values())) {
            if (hook.event.equals(event) && hook.enabled) {
                later(at, () -> {
                    if (still.getAsBoolean()) {
                        deliver(hook, body);
                    }
                });
            }
        }
    }

    /** A per-message {@code status_callback} or {@code location_callback}: always POST, signed the same way. */
    void callback(String url, String event, Object payload, Instant at, BooleanSupplier still) {
        if (url == null || url.isBlank()) {
            return;
        }
        byte[] body = Json.write(payload);
        later(at, () -> {
            if (still.getAsBoolean()) {
                send(event, "POST", url, body);
            }
        });
    }

    private void deliver(TrHook hook, byte[] body) {
        if (!hook.enabled) {
            return;
        }
        send(hook.event, hook.httpVerb, hook.targetUrl, body).thenAccept(status -> {
            if (hook.replied(status)) {
                ledger.record(TrState.API, "webhookDelivery", "hook", String.valueOf(hook.id),
                        "disabled after " + TrHook.DISABLE_AFTER + " consecutive non-2xx replies", null);
            }
        });
    }

    private CompletableFuture<Integer> send(String event, String verb, String url, byte[] body) {
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of(
                TrSignature.SIGNATURE_HEADER, TrSignature.sign(state.apiKey, timestamp, body),
                TrSignature.TIMESTAMP_HEADER, String.valueOf(timestamp));
        return sender.send(TrState.API, event, verb, url, headers, body);
    }

    private static void later(Instant at, Runnable task) {
        long delay = Duration.between(Instant.now(), at).toMillis();
        if (delay <= 0) {
            task.run();
        } else {
            CompletableFuture.runAsync(task, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        }
    }
}
