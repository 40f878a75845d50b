package dev.smskamelets.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Configuration errors name the field but never the secret; path and header modes; comparison edge cases. */
class SharedSecretCheckTest {

    static final String SECRET = "0123456789abcdef-XYZ";

    @Test
    void refusesWeakOrMalformedSecretsWithoutEchoingThem() {
        assertThatThrownBy(() -> new SharedSecretCheck("short-secret", "path", null))
                .hasMessageContaining("sharedSecret").hasMessageContaining("12 characters").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> new SharedSecretCheck("0123456789abcdef/../x", "path", null))
                .hasMessageNotContaining("0123456789abcdef");
        assertThatThrownBy(() -> new SharedSecretCheck(SECRET, "query", null)).hasMessageContaining("'query'");
        assertThatThrownBy(() -> new SharedSecretCheck(SECRET, "header", " ")).hasMessageContaining("headerName");
        assertThat(new SharedSecretCheck(SECRET, "header", "X-Auth")).hasToString("SharedSecretCheck[header X-Auth]");
    }

    @Test
    void comparesWholeValuesOnly() throws Exception {
        SharedSecretCheck check = new SharedSecretCheck(SECRET, "PATH", null, "/hook/");
        assertThat(check.matches(SECRET)).isTrue();
        assertThat(check.matches(SECRET.substring(1))).isFalse();
        assertThat(check.matches(SECRET + " ")).isFalse();
        assertThat(check.matches("")).isFalse();
        assertThat(check.matches(null)).isFalse();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertThat(check.accepts(request(context, "/hook/" + SECRET))).isTrue();
            assertThat(check.accepts(request(context, "/ctx/hook/" + SECRET))).isTrue(); // behind a context path
            assertThat(check.accepts(request(context, "/other/" + SECRET))).isFalse();
            assertThat(check.accepts(request(context, "/hook/" + SECRET + "/"))).isFalse();
            assertThat(check.accepts(request(context, "/hook"))).isFalse();
        }
    }

    private static Exchange request(DefaultCamelContext context, String path) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setHeader(Exchange.HTTP_PATH, path);
        return exchange;
    }
}
