package dev.smskamelets.sandbox.textrequest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Text Request's web hook signature: {@code x-tr-webhook-signature} = Base64(HMAC-SHA256(key = the account API key
 * as UTF-8, message = UTF-8 of "{timestamp}.{raw body}")), with {@code x-tr-webhook-timestamp} in Unix seconds.
 */
public final class TrSignature {

    public static final String SIGNATURE_HEADER = "x-tr-webhook-signature";
    public static final String TIMESTAMP_HEADER = "x-tr-webhook-timestamp";

    private TrSignature() {
    }

    public static String sign(String apiKey, long epochSeconds, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
