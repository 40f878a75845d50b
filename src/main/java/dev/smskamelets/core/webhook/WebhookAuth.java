package dev.smskamelets.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checks every web hook source shares: constant-time comparison of a presented shared secret or signature,
 * HMAC-SHA256 over raw bytes, and a timestamp window. Text Request signs its deliveries
 * ({@code TextRequestWebhookVerifier}); Textable and Listrak Two-Way sign nothing, so their sources compare a
 * configured shared secret with {@link SharedSecretCheck}. Nothing here logs or keeps a secret.
 */
public final class WebhookAuth {

    private WebhookAuth() {
    }

    /** HMAC-SHA256 with {@code key} (UTF-8) over the parts, in order, as they are (no re-encoding). */
    public static byte[] hmacSha256(String key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * True when {@code presentedBase64} decodes to the HMAC-SHA256 of the parts; compared in constant time, and
     * false (never an exception) for a missing or malformed signature.
     */
    public static boolean base64HmacMatches(String presentedBase64, String key, byte[]... parts) {
        if (presentedBase64 == null || presentedBase64.isBlank() || key == null || key.isEmpty()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(presentedBase64.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, hmacSha256(key, parts));
    }

    /** True when the Unix-seconds timestamp lies within {@code tolerance} of {@code now}, either side. */
    public static boolean withinWindow(long epochSeconds, Instant now, Duration tolerance) {
        long skew = Math.abs(now.getEpochSecond() - epochSeconds);
        return skew <= tolerance.toSeconds();
    }

    /** The Unix-seconds value of a header, or null when absent or not a whole number. */
    public static Long epochSeconds(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
