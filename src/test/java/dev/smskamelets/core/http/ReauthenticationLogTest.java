package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.MockVendor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * A 401 that makes the client drop its OAuth2 token and fetch a new one is logged once at INFO, naming the vendor,
 * the client id, the token endpoint and the API's reason, never a token or the secret. The vendor is a local mock
 * that revokes the first token it issued (Listrak's {status, error, message} error body).
 */
class ReauthenticationLogTest {

    static final String SECRET = "reauth-secret-Zq81";

    @Test
    void aRejectedTokenIsLoggedOnceAtInfoWithVendorClientEndpointAndReason() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        DefaultCamelContext camel = new DefaultCamelContext();
        try (MockVendor vendor = MockVendor.start()) {
            vendor.on("POST", "/OAuth2/Token", req -> MockVendor.json(200,
                    "{\"access_token\": \"access-token-" + issued.incrementAndGet() + "-xyz\", \"token_type\": \"Bearer\","
                            + " \"expires_in\": 3600}"));
            vendor.on("GET", "/sms/v1/ShortCode", req -> "Bearer access-token-1-xyz".equals(req.header("Authorization"))
                    ? MockVendor.json(401, "{\"status\": 401, \"error\": \"ERROR_UNAUTHORIZED\","
                            + " \"message\": \"The access token was revoked.\"}")
                    : MockVendor.json(200, "{\"status\": 200, \"data\": []}"));
            camel.start();
            VendorClient client = new VendorClient();
            client.setVendor("listrak-sms");
            client.setOperation("ShortCode_GetShortCodeCollection");
            client.setBaseUrl(vendor.url() + "/sms");
            client.setAuthType("oauth2");
            client.setTokenUrl(vendor.url() + "/OAuth2/Token");
            client.setClientId("reauth-client-7");
            client.setClientSecret(SECRET);
            client.setRequestsPerSecond(1000);

            String text;
            try (LogCapture logs = LogCapture.start(Level.INFO)) {
                Exchange exchange = new DefaultExchange(camel);
                exchange.getIn().setHeader(Exchange.HTTP_PATH, "/v1/ShortCode");
                client.process(exchange);
                assertThat(exchange.getIn().getBody(String.class)).contains("\"data\"");
                text = logs.text();
            }

            assertThat(issued.get()).isEqualTo(2);
            List<String> lines = text.lines().filter(l -> l.contains(" INFO ") && l.contains("reauth-client-7")).toList();
            assertThat(lines).as(text).hasSize(1);
            assertThat(lines.get(0)).contains("listrak-sms", "ShortCode_GetShortCodeCollection", "reauth-client-7",
                    vendor.url() + "/OAuth2/Token", "HTTP 401", "ERROR_UNAUTHORIZED", "The access token was revoked.");
            assertThat(text).doesNotContain("access-token-1-xyz", "access-token-2-xyz", SECRET);
        } finally {
            camel.stop();
        }
    }
}
