package dev.smskamelets.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.auth.Authenticator;
import dev.smskamelets.core.http.pacing.AdaptivePacer;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vendor call, start to end: wait for the account's pacer, add credentials, send, and on failure classify.
 * Retryable failures (429, 5xx, reset, timeout) are retried with {@link Backoff}, honouring {@code Retry-After};
 * a 401 or 403 drops the OAuth2 token and retries once; everything else ends in a {@link VendorApiException} at once.
 * A 2xx body that is not the JSON the operation promises is a contract error with an excerpt of the body.
 */
public final class RetryingCaller {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingCaller.class);

    private final String vendor;
    private final CamelHttpTransport transport;
    private final Authenticator auth;
    private final AdaptivePacer pacer;
    private final Backoff backoff;
    private final boolean allowEmptyBody;

    public RetryingCaller(String vendor, CamelHttpTransport transport, Authenticator auth, AdaptivePacer pacer,
                          Backoff backoff) {
        this(vendor, transport, auth, pacer, backoff, false);
    }

    /** {@code allowEmptyBody}: a 2xx without a body is an empty answer, not a contract error. */
    public RetryingCaller(String vendor, CamelHttpTransport transport, Authenticator auth, AdaptivePacer pacer,
                          Backoff backoff, boolean allowEmptyBody) {
        this.vendor = vendor;
        this.transport = transport;
        this.auth = auth;
        this.pacer = pacer;
        this.backoff = backoff;
        this.allowEmptyBody = allowEmptyBody;
    }

    public VendorResponse call(String operation, VendorRequest request, boolean expectJson) {
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            VendorApiException failure;
            try {
                pace();
                Map<String, String> headers = new HashMap<>();
                auth.apply(headers);
                CamelHttpTransport.Answer answer = transport.send(request, headers);
                if (answer.status() / 100 == 2) {
                    pacer.onSuccess();
                    return success(operation, answer, expectJson);
                }
                // Listrak Two-Way's gateway answers 403 to an expired or revoked token, the other APIs 401.
                boolean rejected = answer.status() == 401 || answer.status() == 403;
                if (rejected && !reauthenticated && auth.invalidate(headers, refusal(operation, answer))) {
                    LOG.debug("{} {}: {}, retrying once with a fresh token", vendor, operation, answer.status());
                    reauthenticated = true;
                    attempt--;
                    continue;
                }
                failure = VendorErrors.fromResponse(vendor, operation, answer.status(), answer.body(),
                        RetryAfter.parse(answer.retryAfter()));
                if (answer.status() == 429) {
                    // capped as the retry's own wait is: a vendor asking for an hour does not hold the account an hour
                    pacer.onThrottled(backoff.capped(failure.getRetryAfter()));
                }
            } catch (IOException e) {
                failure = VendorErrors.fromIo(vendor, operation, e);
            } catch (VendorApiException e) {
                failure = e; // token endpoint failure: classified by TokenClient
            }
            if (!failure.isRetryable() || attempt >= backoff.maxAttempts()) {
                throw failure.attempts(attempt + (reauthenticated ? 1 : 0));
            }
            Duration wait = backoff.delay(attempt, failure.getRetryAfter());
            LOG.info("{} {}: attempt {}/{} failed, retrying in {} ms: {}", vendor, operation, attempt,
                    backoff.maxAttempts(), wait.toMillis(), failure.getMessage());
            sleep(wait, failure);
        }
    }

    /** Why the API refused a credential, for the re-authentication log line: status, vendor code and message. */
    private String refusal(String operation, CamelHttpTransport.Answer answer) {
        VendorApiException parsed = VendorErrors.fromResponse(vendor, operation, answer.status(), answer.body(), null);
        return vendor + " " + operation + " answered HTTP " + answer.status()
                + (parsed.getVendorCode() == null ? "" : " [" + parsed.getVendorCode() + "]")
                + (parsed.getVendorMessage() == null ? "" : ": " + parsed.getVendorMessage());
    }

    private VendorResponse success(String operation, CamelHttpTransport.Answer answer, boolean expectJson) {
        byte[] bytes = answer.bytes();
        boolean bodiless = blank(answer);
        if (!expectJson || answer.status() == 204 || (bodiless && (answer.status() == 202 || allowEmptyBody))) {
            return new VendorResponse(answer.status(), answer.contentType(), answer.body(), null);
        }
        java.nio.charset.Charset charset = answer.charset();
        try {
            // UTF-8 is parsed from the bytes (no text copy of the page); another declared charset through its text
            JsonNode json = bytes == null ? null : charset.equals(java.nio.charset.StandardCharsets.UTF_8)
                    ? VendorErrors.MAPPER.readTree(bytes) : VendorErrors.MAPPER.readTree(answer.body());
            if (json == null || !(json.isObject() || json.isArray())) {
                throw new IOException("not a JSON object or array");
            }
            return new VendorResponse(answer.status(), answer.contentType(), bytes, charset, json);
        } catch (IOException e) {
            throw VendorErrors.notJson(vendor, operation, answer.status(), answer.contentType(), answer.body(), e);
        }
    }

    /** No body, or only white space (decoded only when a byte is not ASCII). */
    private static boolean blank(CamelHttpTransport.Answer answer) {
        byte[] bytes = answer.bytes();
        if (bytes == null) {
            return true;
        }
        for (byte b : bytes) {
            if (b < 0) {
                return answer.body().isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private void pace() {
        try {
            pacer.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorApiException(vendor, "pacing", 0, null, "interrupted", VendorApiException.Kind.PERMANENT);
        }
    }

    private static void sleep(Duration wait, VendorApiException failure) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
