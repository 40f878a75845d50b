package dev.smskamelets.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.Cron;
import dev.smskamelets.test.SandboxExtension;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * For every polling source kamelet, the exact set of headers its sink receives with each record: the record's own
 * headers and nothing of the Quartz trigger ({@code fireTime}, {@code jobDetail}, {@code trigger}, {@code scheduler},
 * {@code mergedJobDataMap}, ...) or of the HTTP call. The three webhook sources assert theirs in their own tests
 * ({@code ListrakTwoWaySourcesTest}, {@code TextRequestWebhookSourceTest}, {@code TextableRelayWebhookSourceTest}).
 */
class SourceSinkHeadersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.optOuts", 6)
            .option("listrak.contacts", 6);

    /** Runs one pass of {@code kamelet} with {@code parameters} and returns the header names of each record. */
    static List<Set<String>> sinkHeaders(String kamelet, String parameters, Properties props) throws Exception {
        List<Set<String>> seen = new CopyOnWriteArrayList<>();
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            camel.getPropertiesComponent().setInitialProperties(props);
            camel.getRegistry().bind("smsStateRepository", new MemoryStateRepository());
            camel.getRegistry().bind("smsIdempotentRepository", new MemoryIdempotentRepository());
            camel.getRegistry().bind("sink", (Processor) e -> seen.add(new TreeSet<>(e.getIn().getHeaders().keySet())));
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("source.yaml", """
                    - route:
                        from:
                          uri: "kamelet:%s"
                          parameters:
                    %s
                            schedule: "%s"
                          steps:
                            - process:
                                ref: sink
                    """.formatted(kamelet, parameters.strip().indent(8).stripTrailing(), Cron.EVERY_SECOND)));
            camel.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            int idle = 0;
            while (idle < 3 && System.nanoTime() < deadline) {
                idle = !seen.isEmpty() && camel.getInflightRepository().size() == 0 ? idle + 1 : 0;
                Thread.sleep(100);
            }
            camel.getRouteController().stopAllRoutes();
            return List.copyOf(seen);
        } finally {
            camel.stop();
        }
    }

    static JsonNode info(Sandbox sandbox, String api) {
        return JSON.valueToTree(sandbox.info()).path("apis").path(api);
    }

    static Properties secrets(Sandbox sandbox) {
        Properties props = new Properties();
        props.put("listrakSecret", info(sandbox, "listrak-sms").get("clientSecret").asText());
        props.put("twoWaySecret", info(sandbox, "listrak-twowaysms").get("clientSecret").asText());
        props.put("trKey", info(sandbox, "textrequest").get("apiKey").asText());
        return props;
    }

    static String listrak(Sandbox sandbox, String api, String secret) {
        JsonNode info = info(sandbox, api);
        return "baseUrl: \"" + info.get("baseUrl").asText() + "\"\nauthUrl: \"" + info.get("tokenUrl").asText()
                + "\"\nclientId: \"" + info.get("clientId").asText() + "\"\nclientSecret: \"{{" + secret + "}}\"\n";
    }

    static String textRequest(Sandbox sandbox) {
        return "baseUrl: \"" + info(sandbox, "textrequest").get("baseUrl").asText()
                + "\"\napiKey: \"{{trKey}}\"\ndashboardId: 101\n";
    }

    static void assertHeaders(List<Set<String>> seen, String... expected) {
        assertThat(seen).as("records handed to the sink").isNotEmpty();
        assertThat(seen).allSatisfy(headers -> assertThat(headers).containsExactlyInAnyOrder(expected));
    }

    @Test
    void listrakSmsOptOutSource(Sandbox sandbox) throws Exception {
        List<Set<String>> seen = sinkHeaders("listrak-sms-optout-source",
                listrak(sandbox, "listrak-sms", "listrakSecret") + "senderCodeId: 1234", secrets(sandbox));
        assertHeaders(seen, "Content-Type");
    }

    @Test
    void listrakSmsContactSource(Sandbox sandbox) throws Exception {
        List<Set<String>> seen = sinkHeaders("listrak-sms-contact-source",
                listrak(sandbox, "listrak-sms", "listrakSecret") + "senderCodeId: 1234\nphoneListId: 5001",
                secrets(sandbox));
        assertHeaders(seen, "Content-Type");
    }

    @Test
    void listrakTwoWayMessageStreamSource(Sandbox sandbox) throws Exception {
        String phoneId = info(sandbox, "listrak-twowaysms").get("phoneIds").get(0).asText();
        List<Set<String>> seen = sinkHeaders("listrak-twowaysms-message-stream-source",
                listrak(sandbox, "listrak-twowaysms", "twoWaySecret") + "phoneId: \"" + phoneId + "\"",
                secrets(sandbox));
        assertHeaders(seen, "Content-Type", "listrakPhoneId", "listrakMessageId", "listrakDirection", "listrakDateTime");
    }

    @Test
    void textRequestContactSource(Sandbox sandbox) throws Exception {
        List<Set<String>> seen = sinkHeaders("textrequest-contact-source", textRequest(sandbox), secrets(sandbox));
        assertHeaders(seen, "Content-Type");
    }

    @Test
    void textRequestConversationSource(Sandbox sandbox) throws Exception {
        List<Set<String>> seen = sinkHeaders("textrequest-conversation-source", textRequest(sandbox), secrets(sandbox));
        assertHeaders(seen, "Content-Type");
    }

    @Test
    void textRequestMessageSource(Sandbox sandbox) throws Exception {
        List<Set<String>> seen = sinkHeaders("textrequest-message-source", textRequest(sandbox), secrets(sandbox));
        assertHeaders(seen, "Content-Type");
    }
}
