package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.checkpoint.Checkpoint;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Time-window paging on Listrak Two-Way's {@code messagestream} ({@code earliestDateTime} + {@code batchSize}) with a
 * core-store {@link Checkpoint}: the first pass reads the whole stream in small batches, a token revoked mid-pass
 * (the gateway answers 403) is replaced once, and the next pass starts at the stored watermark.
 */
class TimeWindowTwoWayTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void streamIsReadInWindowsAndResumesAtTheWatermark(Sandbox sandbox) throws Exception {
        JsonNode apis = JSON.valueToTree(sandbox.info()).path("apis");
        assumeTrue(apis.has("listrak-twowaysms"), "Listrak Two-Way sandbox not merged yet");
        JsonNode twoWay = apis.get("listrak-twowaysms");
        String phoneId = twoWay.get("phoneIds").get(0).asText();
        String path = "/messagestream/" + phoneId;
        for (int i = 0; i < 9; i++) {
            inbound(sandbox, phoneId, "inbound message " + i);
        }
        List<String> all = ids(everything(sandbox, twoWay, path));
        assertThat(all).hasSizeGreaterThanOrEqualTo(10);
        long tokensBefore = sandbox.requests().count("listrak-auth", "token");

        Checkpoint checkpoint = new Checkpoint(new MemoryStateRepository(), "test", "twoway-stream");
        try (KameletCamel camel = new KameletCamel(Map.of("secret", twoWay.get("clientSecret").asText()))) {
            camel.bind("streamCheckpoint", checkpoint);
            camel.beforeCollect = exchange -> {
                if (camel.count.get() == 3) {
                    sandbox.faults().revokeTokens(twoWay.get("integration").asText());
                }
            };
            camel.start(routes(twoWay, path));
            assertThat(camel.awaitPass(120)).isTrue();
            // Windows overlap by their boundary record (earliestDateTime is inclusive): distinct ids are the stream.
            assertThat(ids(camel.bodies()).stream().distinct().toList()).isEqualTo(all);
        }
        assertThat(checkpoint.watermark()).isNotNull();
        assertThat(sandbox.requests().count("listrak-auth", "token") - tokensBefore).as("token requests").isEqualTo(2);

        inbound(sandbox, phoneId, "after the first pass");
        inbound(sandbox, phoneId, "after the first pass, again");
        List<String> now = ids(everything(sandbox, twoWay, path));
        try (KameletCamel second = new KameletCamel(Map.of("secret", twoWay.get("clientSecret").asText()))) {
            second.bind("streamCheckpoint", checkpoint);
            second.start(routes(twoWay, path));
            assertThat(second.awaitPass(120)).isTrue();
            // Only the boundary record of the last window and the two new messages.
            assertThat(ids(second.bodies()).stream().distinct().toList()).isEqualTo(now.subList(now.size() - 3,
                    now.size()));
        }
        assertThat(sandbox.requests().entries(e -> "getMessageStream".equals(e.operationId())))
                .anyMatch(e -> e.status() == 403);
    }

    static String routes(JsonNode twoWay, String path) {
        return """
                    - beans:
                        - name: twoWay
                          type: "#class:dev.smskamelets.core.http.VendorClient"
                          properties:
                            vendor: listrak-twowaysms
                            operation: getMessageStream
                            baseUrl: "%s"
                            authType: oauth2
                            tokenUrl: "%s"
                            clientId: "%s"
                            clientSecret: "{{secret}}"
                            paging: time-window
                            pageSize: 2
                            checkpoint: streamCheckpoint
                    - route:
                        from:
                          uri: "timer:stream?repeatCount=1"
                          steps:
                            - setHeader:
                                name: CamelHttpPath
                                constant: "%s"
                            - loop:
                                doWhile: true
                                simple: "${exchangeProperty.vendorPageMore} != false"
                                steps:
                                  - bean:
                                      ref: twoWay
                                      method: fetchPage
                                  - split:
                                      simple: "${body}"
                                      streaming: true
                                      stopOnException: true
                                      steps:
                                        - process:
                                            ref: collector
                                  - bean:
                                      ref: twoWay
                                      method: commitPage
                    """.formatted(twoWay.get("baseUrl").asText(), twoWay.get("tokenUrl").asText(),
                twoWay.get("clientId").asText(), path);
    }

    static void inbound(Sandbox sandbox, String phoneId, String text) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl()
                        + "/sandbox/listrak/twowaysms/inbound")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"phoneId\": " + phoneId + ", \"text\": \"" + text + "\"}")).build();
        var answer = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    static List<String> everything(Sandbox sandbox, JsonNode twoWay, String path) {
        VendorClient client = new VendorClient();
        client.setVendor("listrak-twowaysms");
        client.setBaseUrl(twoWay.get("baseUrl").asText());
        client.setAuthType("oauth2");
        client.setTokenUrl(twoWay.get("tokenUrl").asText());
        client.setClientId(twoWay.get("clientId").asText());
        client.setClientSecret(twoWay.get("clientSecret").asText());
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        try {
            JsonNode data = client.caller(camel).call("getMessageStream", VendorRequest.get(path, "batchSize=1000"),
                    true).json().get("data");
            return java.util.stream.StreamSupport.stream(data.spliterator(), false).map(JsonNode::toString).toList();
        } finally {
            camel.stop();
        }
    }

    static List<String> ids(List<String> records) {
        return records.stream().map(r -> VendorKameletsTest.read(r).get("messageId").asText()).toList();
    }
}
