package dev.smskamelets.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.textrequest.TrSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shared web hook checks, against the sandbox's independent Text Request signer. */
class WebhookAuthTest {

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

    @Test
    void theWindowIsSymmetric() {
        Instant now = Instant.ofEpochSecond(1_000_000);
        assertThat(WebhookAuth.withinWindow(1_000_300, now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookAuth.withinWindow(999_700, now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookAuth.withinWindow(999_699, now, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookAuth.epochSeconds("12x")).isNull();
    }
}
