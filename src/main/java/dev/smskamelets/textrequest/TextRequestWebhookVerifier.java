package dev.smskamelets.textrequest;

import dev.smskamelets.core.redact.Redactor;
import dev.smskamelets.core.webhook.RawBody;
import dev.smskamelets.core.webhook.ReplayGuard;
import dev.smskamelets.core.webhook.WebhookAuth;
import dev.smskamelets.core.webhook.WebhookRejection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Authenticates one Text Request web hook delivery before anything else reads it: the raw body is at most
 * {@code maxBodyBytes} (else 413), {@code x-tr-webhook-timestamp} (Unix seconds) lies within
 * {@code toleranceSeconds} of now, {@code x-tr-webhook-signature} equals Base64(HMAC-SHA256(API key,
 * "{timestamp}.{raw body}")) compared in constant time, and that signature was not accepted before (a replay);
 * otherwise 401. A refused request is marked with {@link WebhookRejection#REJECTED}; an accepted one keeps its
 * raw bytes as the body and in the exchange property {@value #RAW_BODY}.
 */
public class TextRequestWebhookVerifier implements Processor {

    public static final String SIGNATURE_HEADER = "x-tr-webhook-signature";
    public static final String TIMESTAMP_HEADER = "x-tr-webhook-timestamp";
    /** Exchange property: the delivery's raw body bytes. */
    public static final String RAW_BODY = "textRequestRawBody";
    /** Exchange property: the delivery's signed timestamp (Unix seconds). */
    public static final String SIGNED_AT = "textRequestSignedAt";

    private String apiKey;
    private long toleranceSeconds = 300;
    private long maxBodyBytes = 1_048_576;
    private int replayCacheSize = 10_000;
    private String replayRepository;
    private Clock clock = Clock.systemUTC();
    private volatile ReplayGuard replays;

    @Override
    public void process(Exchange exchange) throws Exception {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("textrequest-webhook-source needs the 'apiKey' property, got '"
                    + apiKey + "'");
        }
        byte[] body = RawBody.read(exchange, maxBodyBytes);
        if (body == null) {
            WebhookRejection.reject(exchange, 413, "request body larger than " + maxBodyBytes + " bytes");
            return;
        }
        String signature = exchange.getIn().getHeader(SIGNATURE_HEADER, String.class);
        Long timestamp = WebhookAuth.epochSeconds(exchange.getIn().getHeader(TIMESTAMP_HEADER, String.class));
        if (signature == null || signature.isBlank() || timestamp == null) {
            WebhookRejection.reject(exchange, 401, "missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER);
        } else if (!WebhookAuth.withinWindow(timestamp, clock.instant(), Duration.ofSeconds(toleranceSeconds))) {
            WebhookRejection.reject(exchange, 401, TIMESTAMP_HEADER + " outside the accepted window");
        } else if (!WebhookAuth.base64HmacMatches(signature, apiKey,
                (timestamp + ".").getBytes(StandardCharsets.UTF_8), body)) {
            WebhookRejection.reject(exchange, 401, "signature does not match");
        } else if (!replays().firstSeen(exchange.getContext(), "textrequest-webhook:" + signature.strip())) {
            WebhookRejection.reject(exchange, 401, "signature already used (replayed request)");
        } else {
            exchange.setProperty(RAW_BODY, body);
            exchange.setProperty(SIGNED_AT, timestamp);
            exchange.getIn().setBody(body);
        }
    }

    private ReplayGuard replays() {
        ReplayGuard current = replays;
        if (current == null) {
            synchronized (this) {
                if (replays == null) {
                    replays = new ReplayGuard(replayRepository, replayCacheSize);
                }
                current = replays;
            }
        }
        return current;
    }

    /** The account API key (Text Request signs with it). Write-only; registered with the log redactor. */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
        Redactor.registerSecret(apiKey);
    }

    /** Accepted distance between the signed timestamp and now, either side (default 300 s). */
    public void setToleranceSeconds(long toleranceSeconds) {
        if (toleranceSeconds < 1) {
            throw new IllegalArgumentException("toleranceSeconds must be at least 1, got " + toleranceSeconds);
        }
        this.toleranceSeconds = toleranceSeconds;
    }

    /** Largest accepted body (default 1 MiB); larger requests are answered 413. */
    public void setMaxBodyBytes(long maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Signatures remembered in memory to refuse replays (default 10,000). */
    public void setReplayCacheSize(int replayCacheSize) {
        this.replayCacheSize = replayCacheSize;
    }

    /** Name of an IdempotentRepository bean that remembers signatures instead (blank = in memory). */
    public void setReplayRepository(String replayRepository) {
        this.replayRepository = replayRepository;
    }

    /** For tests: the clock the window is measured on. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String toString() {
        return "TextRequestWebhookVerifier[tolerance=" + toleranceSeconds + "s, maxBody=" + maxBodyBytes + "]";
    }
}
