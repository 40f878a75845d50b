package dev.smskamelets.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.textrequest.TrSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shared web hook checks, against the sandbox's independent Text Request signer. */
public class WebhookAuthTest {

    @Test
    void hmacMatchesTheVendorSignatureOverRawBytesOnly() {
        byte[] body = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        String signature = TrSignature.sign("KEY", 1619448468L, body);
        byte[] prefix = "1619448468.".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookAuth.base64HmacMatches(signature, "KEY", prefix, body)).isTrue();
        assertThat(WebhookAuth.base64HmacMatches(signature, "KEY2", prefix, body)).isFalse();
        assertThat(WebhookAuth.base64HmacMatches(signature, "KEY", prefix, "{\"a\": \"é\"}".getBytes())).isFalse();
        assertThat(WebhookAuth.base64HmacMatches("not base64!", "KEY", prefix, body)).isFalse();
        assertThat(WebhookAuth.base64HmacMatches(null, "KEY", prefix, body)).isFalse();
    }

    /** Java's Base64 decoder also accepts these re-encodings of the same 32 bytes: only the canonical form counts. */
    @Test
    void aReEncodedSignatureIsRefused() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] prefix = "1619448468.".getBytes(StandardCharsets.UTF_8);
        String signature = TrSignature.sign("KEY", 1619448468L, body);
        assertThat(signature).endsWith("=");
        assertThat(WebhookAuth.base64HmacMatches(signature, "KEY", prefix, body)).isTrue();
        for (String reEncoded : reEncodings(signature)) {
            assertThat(WebhookAuth.base64HmacMatches(reEncoded, "KEY", prefix, body)).as(reEncoded).isFalse();
        }
    }

    /** The padding dropped, and the last character with different unused low bits (same decoded bytes). */
    public static java.util.List<String> reEncodings(String signature) {
        String unpadded = signature.substring(0, signature.indexOf('='));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char last = unpadded.charAt(unpadded.length() - 1);
        char otherBits = alphabet.charAt(alphabet.indexOf(last) ^ 1); // 32 bytes: the last character has 2 unused bits
        String lastChanged = unpadded.substring(0, unpadded.length() - 1) + otherBits;
        return java.util.List.of(unpadded, lastChanged + "=", lastChanged);
    }

    @Test
    void theWindowIsSymmetric() {
        Instant now = Instant.ofEpochSecond(1_000_000);
        assertThat(WebhookAuth.withinWindow(1_000_300, now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookAuth.withinWindow(999_700, now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookAuth.withinWindow(999_699, now, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookAuth.epochSeconds("12x")).isNull();
    }
}
