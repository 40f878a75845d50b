package dev.smskamelets.core.webhook;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns a refused web hook request into its HTTP answer: the status ({@code 401} unauthenticated, {@code 413} too
 * large), a one-line plain-text reason that names no secret, and the exchange property {@value #REJECTED} that a
 * kamelet tests to {@code stop} before anything is handed to {@code kamelet:sink}.
 */
public final class WebhookRejection {

    /** Exchange property set to {@code true} on a refused request. */
    public static final String REJECTED = "webhookRejected";
    /** Exchange property with the reason (for logs and metrics). */
    public static final String REASON = "webhookRejectedReason";

    private WebhookRejection() {
    }

    /** Sets the answer on the exchange's message and marks the exchange rejected. */
    public static void reject(Exchange exchange, int status, String reason) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody(reason);
        exchange.setProperty(REJECTED, true);
        exchange.setProperty(REASON, reason);
    }
}
