package dev.smskamelets.textable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.webhook.RejectionLog;
import dev.smskamelets.core.webhook.SharedSecretCheck;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of {@code textable-relay-webhook-source}, on a platform-http request: authenticates it with a
 * {@link SharedSecretCheck} (Textable signs nothing), bounds the body, parses the {@code RelayWebhookPayload} and
 * turns it into a {@link RelayEvent}. A refused request gets its answer here (401 without or with a wrong shared
 * secret, 413 over {@code maxBodyBytes}, 400 not a JSON object; a one-line plain-text reason naming no secret), a
 * WARN line rate-limited by a {@link RejectionLog} (configured path only: the request path holds the secret), and
 * the exchange property {@value #REJECTED}, so the kamelet stops before {@code kamelet:sink}. Every request header
 * (the secret header among them) is removed: the event carries only its own {@code textable*} headers.
 */
public class RelayWebhookReceiver implements Processor {

    /** Exchange property set to true on a refused request. */
    public static final String REJECTED = "textableRelayRejected";
    private static final Logger LOG = LoggerFactory.getLogger(RelayWebhookReceiver.class);

    private String sharedSecret;
    private String presentedIn = "path";
    private String headerName;
    private String path;
    private long maxBodyBytes = 65_536;
    private boolean keepUserCredential;
    private volatile SharedSecretCheck check;
    private final RejectionLog rejections = new RejectionLog(LOG, "Textable relay delivery", Duration.ofMinutes(1));

    @Override
    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        if (!check().accepts(exchange)) {
            reject(exchange, 401, "missing or wrong shared secret");
            return;
        }
        byte[] raw = read(in);
        if (raw == null) {
            reject(exchange, 413, "body larger than " + maxBodyBytes + " bytes");
            return;
        }
        JsonNode payload;
        try {
            payload = RelayEvent.MAPPER.readTree(raw);
        } catch (IOException e) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            reject(exchange, 400, "body is not a JSON object (RelayWebhookPayload)");
            return;
        }
        RelayEvent event = RelayEvent.of(payload, keepUserCredential);
        in.getHeaders().clear();
        in.getHeaders().putAll(event.headers());
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(event.json());
    }

    /** The body bytes, or null when over the limit (declared {@code Content-Length} first, then what arrived). */
    private byte[] read(Message in) throws IOException {
        Long declared = in.getHeader("Content-Length", Long.class);
        if (declared != null && declared > maxBodyBytes) {
            return null;
        }
        Object body = in.getBody();
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof InputStream stream) {
            bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBodyBytes + 1));
        } else {
            bytes = in.getBody(byte[].class);
        }
        return bytes == null || bytes.length > maxBodyBytes ? null : bytes;
    }

    private void reject(Exchange exchange, int status, String reason) {
        rejections.refused(exchange, path, status, reason);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody(reason);
        exchange.setProperty(REJECTED, true);
    }

    private SharedSecretCheck check() {
        SharedSecretCheck current = check;
        if (current == null) {
            synchronized (this) {
                if (check == null) {
                    check = new SharedSecretCheck(sharedSecret, presentedIn, headerName, path);
                }
                current = check;
            }
        }
        return current;
    }

    /** Validates the configuration (called by the kamelet as the bean's init method): fails fast on a bad secret. */
    public void init() {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        check();
    }

    public void setSharedSecret(String sharedSecret) {
        this.sharedSecret = sharedSecret;
    }

    public void setPresentedIn(String presentedIn) {
        this.presentedIn = presentedIn;
    }

    public void setHeaderName(String headerName) {
        this.headerName = headerName;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public void setMaxBodyBytes(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public void setKeepUserCredential(boolean keepUserCredential) {
        this.keepUserCredential = keepUserCredential;
    }

    @Override
    public String toString() {
        return "RelayWebhookReceiver[" + path + ", " + (check == null ? presentedIn : check) + "]";
    }
}
