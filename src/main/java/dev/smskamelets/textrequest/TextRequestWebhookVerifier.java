package dev.smskamelets.textrequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.redact.Redactor;
import dev.smskamelets.core.webhook.RawBody;
import dev.smskamelets.core.webhook.RejectionLog;
import dev.smskamelets.core.webhook.ReplayGuard;
import dev.smskamelets.core.webhook.WebhookAuth;
import dev.smskamelets.core.webhook.WebhookRejection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates one Text Request web hook delivery before anything else reads it: the raw body is at most
 * {@code maxBodyBytes} (else 413), {@code x-tr-webhook-timestamp} (Unix seconds) lies within
 * {@code toleranceSeconds} of now, {@code x-tr-webhook-signature} is the canonical Base64(HMAC-SHA256(API key,
 * "{timestamp}.{raw body}")) compared in constant time (else 401); the body is a UTF-8 JSON object of a known
 * event type (else 400, with the reason); and the same timestamp and body were not accepted before (a replay,
 * remembered by a {@link ReplayGuard} until the window closes; else 401). A refused request is marked with
 * {@link WebhookRejection#REJECTED} and logged, rate-limited, by a {@link RejectionLog}; an accepted one keeps its
 * raw bytes as the body and in the exchange property {@value #RAW_BODY}. An accepted delivery whose exchange then
 * fails (the sink) is forgotten again, so the vendor's retry of it is not taken for a replay.
 */
public class TextRequestWebhookVerifier implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(TextRequestWebhookVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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
    private String path = "/textrequest/webhook";
    private volatile ReplayGuard replays;
    private final RejectionLog rejections = new RejectionLog(LOG, "Text Request web hook delivery",
            Duration.ofMinutes(1));

    @Override
    public void process(Exchange exchange) throws Exception {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("textrequest-webhook-source needs the 'apiKey' property, got '"
                    + apiKey + "'");
        }
        byte[] body = RawBody.read(exchange, maxBodyBytes);
        if (body == null) {
            refuse(exchange, 413, "request body larger than " + maxBodyBytes + " bytes");
            return;
        }
        String signature = exchange.getIn().getHeader(SIGNATURE_HEADER, String.class);
        Long timestamp = WebhookAuth.epochSeconds(exchange.getIn().getHeader(TIMESTAMP_HEADER, String.class));
        if (signature == null || signature.isBlank() || timestamp == null) {
            refuse(exchange, 401, "missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER);
            return;
        }
        if (!WebhookAuth.withinWindow(timestamp, clock.instant(), Duration.ofSeconds(toleranceSeconds))) {
            refuse(exchange, 401, TIMESTAMP_HEADER + " outside the accepted window");
            return;
        }
        if (!WebhookAuth.base64HmacMatches(signature, apiKey, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body)) {
            refuse(exchange, 401, "signature does not match");
            return;
        }
        String malformed = malformed(body, exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class));
        if (malformed != null) {
            refuse(exchange, 400, malformed);
            return;
        }
        // What was signed, not how the signature is spelt: one signed request is accepted once.
        String key = "textrequest-webhook:" + timestamp + ":" + WebhookAuth.sha256Hex(body);
        ReplayGuard guard = replays();
        if (!guard.firstSeen(exchange.getContext(), key)) {
            refuse(exchange, 401, "request already accepted (replayed: same timestamp and body)");
            return;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onFailure(Exchange failed) {
                guard.forget(failed.getContext(), key); // not taken: the vendor may deliver it again
            }
        });
        exchange.setProperty(RAW_BODY, body);
        exchange.setProperty(SIGNED_AT, timestamp);
        exchange.getIn().setBody(body);
    }

    /** Why a signed body cannot be an event (not UTF-8, not a JSON object, no known event type), or null. */
    static String malformed(byte[] body, String path) {
        if (body.length == 0) {
            return "body is empty, expected a JSON object";
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return "body is not UTF-8";
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return "body is not JSON: " + e.getOriginalMessage();
        } catch (java.io.IOException e) {
            return "body is not JSON";
        }
        if (payload == null || !payload.isObject()) {
            return "body is " + (payload == null || payload.isMissingNode() ? "no JSON value"
                    : "a JSON " + payload.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + ", expected a JSON object";
        }
        try {
            TextRequestWebhookEvents.eventOf(path, payload);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    private void refuse(Exchange exchange, int status, String reason) {
        rejections.refused(exchange, path, status, reason);
        WebhookRejection.reject(exchange, status, reason);
    }

    private ReplayGuard replays() {
        ReplayGuard current = replays;
        if (current == null) {
            synchronized (this) {
                if (replays == null) {
                    replays = new ReplayGuard(replayRepository, replayCacheSize,
                            Duration.ofSeconds(2 * toleranceSeconds));
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

    /** Accepted deliveries (timestamp and body digest) remembered in memory to refuse replays (default 10,000). */
    public void setReplayCacheSize(int replayCacheSize) {
        this.replayCacheSize = replayCacheSize;
    }

    /** Name of an IdempotentRepository bean that remembers accepted deliveries instead (blank = in memory). */
    public void setReplayRepository(String replayRepository) {
        this.replayRepository = replayRepository;
    }

    /** The endpoint's configured path (named in the log line of a refused request). */
    public void setPath(String path) {
        this.path = path;
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
