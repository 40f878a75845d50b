package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The action/sink pattern: one vendor call per exchange through {@code process: {ref: "{{client}}"}}; retries
 * happen inside the step, headers an upstream route left behind never reach the vendor, and a permanent failure
 * surfaces as a VendorApiException to the caller's error handler.
 */
class ActionKameletTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().api(CoreTestApi::new);

    static final String ROUTES = """
            - route:
                from:
                  uri: "direct:call"
                  steps:
                    - to:
                        uri: "kamelet:core-test-echo-action"
                        parameters:
                          baseUrl: "{{sandbox}}/core"
                          apiKey: "{{key}}"
            """;

    @Test
    void callsOncePerExchangeRetryingInsideTheStepAndSendsNoUpstreamHeaders(Sandbox sandbox) throws Exception {
        sandbox.faults().add(new Faults.Rule().api("core-test").operation("echo").errors(100, 502).maxFaults(1));
        try (KameletCamel camel = new KameletCamel(Map.of("sandbox", sandbox.baseUrl(), "key", CoreTestApi.API_KEY))) {
            camel.start(ROUTES);
            ProducerTemplate producer = camel.context.createProducerTemplate();
            Exchange out = producer.request("direct:call", e -> {
                e.getIn().setHeader("target", "echo");
                e.getIn().setHeader("Authorization", "Bearer upstream-secret-token");
                e.getIn().setHeader("x-internal-note", "do-not-send");
            });

            assertThat(out.getException()).isNull();
            assertThat(out.getMessage().getBody(String.class)).isEqualTo("{\"ok\":true}");
            assertThat(out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        }
        assertThat(sandbox.requests().entries(e -> "echo".equals(e.operationId())))
                .extracting(e -> e.status()).containsExactly(502, 200);
        assertThat(sandbox.api(CoreTestApi.class).lastEchoHeaders).contains("x-api-key")
                .doesNotContain("authorization", "x-internal-note", "target");
    }

    @Test
    void permanentFailureReachesTheCallerAsVendorApiException(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = new KameletCamel(Map.of("sandbox", sandbox.baseUrl(), "key", CoreTestApi.API_KEY))) {
            camel.start(ROUTES);
            Exchange out = camel.context.createProducerTemplate().request("direct:call",
                    e -> e.getIn().setHeader("target", "errors/listrak"));

            assertThat(out.getException()).isInstanceOf(VendorApiException.class)
                    .hasMessageContaining("ERROR_PHONE_NUMBER_NOT_FOUND");
            assertThat(((VendorApiException) out.getException()).getOperation()).isEqualTo("echo");
        }
    }
}
