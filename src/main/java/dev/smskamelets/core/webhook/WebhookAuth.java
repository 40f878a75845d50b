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
     * True when {@code presentedBase64} is the canonical Base64 (RFC 4648, padded, unused bits zero) of the
     * HMAC-SHA256 of the parts; compared in constant time, and false (never an exception) for a missing or malformed
     * signature. Java's decoder also accepts other spellings of the same bytes (padding dropped, a last character
     * with different unused bits): they are refused, so one signed request has exactly one valid signature text.
     */
    public static boolean base64HmacMatches(String presentedBase64, String key, byte[]... parts) {
        byte[] presented = canonicalBase64(presentedBase64);
        if (presented == null || key == null || key.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(presented, hmacSha256(key, parts));
    }

    /** The bytes of {@code value} when it is canonical padded Base64 (surrounding whitespace ignored), else null. */
    static byte[] canonicalBase64(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
    }

    /** Lower-case hex SHA-256 of the parts, in order. */
    public static String sha256Hex(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
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
