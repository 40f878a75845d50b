package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tokens expire after {@code listrak.tokenTtlSeconds}; a new token works again. */
class ListrakTokenExpiryTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.withOption("listrak.tokenTtlSeconds", 2);

    @Test
    void expiredTokenIsRefusedWithTheVendorShape(Sandbox sandbox) throws InterruptedException {
        ListrakClient client = new ListrakClient(sandbox);
        client.get("/sms/v1/ShortCode", null); // loads the contract checker before the clock starts
        ListrakClient.Answer token = client.tokenRequest("sandbox-sms-client", "sandbox-sms-secret");
        assertThat(token.json().get("expires_in").asInt()).isEqualTo(2);
        String value = token.json().get("access_token").asText();
        assertThat(client.get("/sms/v1/ShortCode", value).status()).isEqualTo(200);

        Thread.sleep(2100);

        ListrakClient.Answer expired = client.get("/sms/v1/ShortCode", value);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error").asText()).isEqualTo("ERROR_UNAUTHORIZED");
        assertThat(expired.json().get("message").asText()).contains("expired");
        assertThat(client.get("/sms/v1/ShortCode", client.token("sms")).status()).isEqualTo(200);
    }
}
