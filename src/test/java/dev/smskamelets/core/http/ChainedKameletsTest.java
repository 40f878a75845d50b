package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.test.MockVendor;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * Two kamelets chained on one exchange, each against its own vendor (local mocks answering as the specs show):
 * Text Request archives a conversation (a bodiless 200, named {@code Conversations_archiveConversation}), then
 * Textable refuses the send with a 404. The Textable failure names Textable's own operation, and none of the
 * client's internal exchange properties survives either kamelet.
 */
class ChainedKameletsTest {

    @Test
    void eachKameletCallNamesItsOwnOperationAndLeavesNoInternalProperty() throws Exception {
        List<Set<String>> propertiesAfter = new CopyOnWriteArrayList<>();
        DefaultCamelContext camel = new DefaultCamelContext();
        try (MockVendor textRequest = MockVendor.start(); MockVendor textable = MockVendor.start()) {
            textRequest.on("PUT", "/api/v3/dashboards/101/contacts/2125550123/conversations/archive",
                    req -> MockVendor.empty(200));
            textable.on("POST", "/api/send", req -> MockVendor.json(404,
                    "{\"errors\": [\"Contact not found\"]}"));
            Properties props = new Properties();
            props.put("trBase", textRequest.url() + "/api/v3");
            props.put("txBase", textable.url());
            camel.getPropertiesComponent().setInitialProperties(props);
            camel.getRegistry().bind("snapshot", (Processor) e -> propertiesAfter.add(Set.copyOf(e.getProperties().keySet())));
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("chain.yaml", """
                    - route:
                        from:
                          uri: "direct:chain"
                          steps:
                            - to: "kamelet:textrequest-conversation-action?baseUrl={{trBase}}&apiKey=tr-key-chain-1&dashboardId=101&operation=archive"
                            - process:
                                ref: snapshot
                            - setBody:
                                simple: '{"to": "+12125550123", "from": "+15125550100", "message": "Your ticket was closed."}'
                            - doTry:
                                steps:
                                  - to: "kamelet:textable-message-sink?baseUrl={{txBase}}&bearerToken=tx-token-chain-2"
                                doFinally:
                                  steps:
                                    - process:
                                        ref: snapshot
                    """));
            camel.start();

            Exchange result = camel.createProducerTemplate().send("direct:chain",
                    e -> e.getIn().setHeader("phone", "2125550123"));

            assertThat(textRequest.requests()).as("%s %s", result.getException(), textRequest.requests()).hasSize(1);
            assertThat(textable.requests()).as("%s", result.getException()).hasSize(1);
            VendorApiException failure = result.getException(VendorApiException.class);
            assertThat(failure).as("the exchange's failure: %s", result.getException()).isNotNull();
            assertThat(failure.getVendor()).isEqualTo("textable");
            assertThat(failure.getOperation()).isEqualTo("sendMessage");
            assertThat(failure.getStatus()).isEqualTo(404);
            assertThat(failure.getMessage()).startsWith("textable sendMessage failed with HTTP 404");
            assertThat(propertiesAfter).hasSize(2);
            assertThat(propertiesAfter.get(0)).as("properties after the Text Request kamelet")
                    .noneMatch(p -> p.startsWith("vendor"));
            assertThat(propertiesAfter.get(1)).as("properties after the Textable kamelet")
                    .noneMatch(p -> p.startsWith("vendor"));
        } finally {
            camel.stop();
        }
    }
}
