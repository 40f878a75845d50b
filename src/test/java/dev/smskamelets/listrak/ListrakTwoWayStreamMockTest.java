package dev.smskamelets.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.component.SourcePass;
import dev.smskamelets.component.SourcePassListener;
import dev.smskamelets.test.Cron;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.MockVendor;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

/**
 * {@code listrak-twowaysms-message-stream-source} against a local mock of the Two-Way API answering as its spec
 * declares: {@code getMessageStream}'s 200 response has no body. An empty 200 is "no messages": the pass ends
 * cleanly, emits nothing and asks for one page only.
 */
class ListrakTwoWayStreamMockTest {

    @Test
    void anEmpty200IsNoMessagesNotAContractError() throws Exception {
        try (MockVendor vendor = MockVendor.start();
             KameletCamel camel = new KameletCamel(Map.of("secret", "two-way-secret-55"))) {
            vendor.on("POST", "/OAuth2/Token", req -> MockVendor.json(200,
                    "{\"access_token\": \"tw-token\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"));
            vendor.on("GET", "/twowaysms/messagestream/15558675309", req -> MockVendor.empty(200));
            CompletableFuture<SourcePass> pass = new CompletableFuture<>();
            camel.bind("passes", (SourcePassListener) pass::complete);
            camel.bind("stateRepo", new MemoryStateRepository());
            camel.start("""
                    - route:
                        from:
                          uri: "kamelet:listrak-twowaysms-message-stream-source"
                          parameters:
                            baseUrl: "%s/twowaysms"
                            authUrl: "%s/OAuth2/Token"
                            clientId: "two-way-client"
                            clientSecret: "{{secret}}"
                            phoneId: "15558675309"
                            batchSize: 50
                            stateRepository: stateRepo
                            startAt: "2025-01-01T00:00:00Z"
                            schedule: "%s"
                          steps:
                            - process:
                                ref: collector
                    """.formatted(vendor.url(), vendor.url(), Cron.EVERY_SECOND));

            SourcePass first = pass.get(60, TimeUnit.SECONDS);

            assertThat(first.failure()).as("the pass's failure").isNull();
            assertThat(camel.records).isEmpty();
            assertThat(vendor.requests("/twowaysms/messagestream/15558675309")).isNotEmpty()
                    .allMatch(r -> r.query().contains("earliestDateTime=2025-01-01T00%3A00%3A00Z")
                            || r.query().contains("earliestDateTime=2025-01-01T00:00:00Z"));
        }
    }
}
