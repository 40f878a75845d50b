package dev.smskamelets.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.component.Stores;
import dev.smskamelets.core.checkpoint.AtomicFileStateRepository;
import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.Await;
import dev.smskamelets.test.Cron;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application gets with nothing but the library on its class path: a fresh Camel Main with no bean bound and
 * no {@code application.properties}, one YAML route and property {@value Stores#DATA_DIR}. A source kamelet runs
 * against the sandbox with the file stores {@link Stores} creates under the data folder, and an endpoint missing a
 * required resource option fails the start naming that option.
 */
class FreshCamelMainTest {

    static final int OPT_OUTS = 40;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.optOuts", OPT_OUTS)
            .option("listrak.contacts", 5);

    @Test
    void aSourceKameletRunsWithTheDefaultFileStoresUnderTheDataDir(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        JsonNode listrak = listrak(sandbox);
        Path data = dir.resolve("data");
        Main main = fresh(dir, data, listrak, """
                - route:
                    from:
                      uri: "kamelet:listrak-sms-optout-source"
                      parameters:
                %s            senderCodeId: 1234
                            startDate: "2024-06-01"
                            schedule: "%s"
                      steps:
                        - to: "mock:optouts"
                """.formatted(connection(listrak, 12), Cron.EVERY_SECOND));
        List<JsonNode> records;
        try {
            main.start();
            CamelContext context = main.getCamelContext();
            MockEndpoint optOuts = context.getEndpoint("mock:optouts", MockEndpoint.class);
            Await.until(OPT_OUTS + " opt-outs at mock:optouts", Duration.ofSeconds(60),
                    () -> optOuts.getReceivedCounter() >= OPT_OUTS);
            // Passes go on every second: two more read the same opt-outs again and hand none of them off twice.
            int calls = optOutCalls(sandbox);
            Await.until("two more passes", Duration.ofSeconds(30), () -> optOutCalls(sandbox) >= calls + 2);
            assertThat(optOuts.getReceivedCounter()).isEqualTo(OPT_OUTS);
            records = optOuts.getReceivedExchanges().stream()
                    .map(e -> read(e.getIn().getBody(String.class))).toList();

            assertThat(context.getRegistry().lookupByName("smsStateRepository"))
                    .isInstanceOf(AtomicFileStateRepository.class);
            assertThat(context.getRegistry().lookupByName("smsIdempotentRepository"))
                    .isInstanceOf(FileIdempotentRepository.class);
        } finally {
            main.stop();
        }
        assertThat(records).extracting(r -> r.path("phoneNumber").asText()).doesNotHaveDuplicates()
                .allMatch(p -> p.matches("\\+1\\d{10}"));
        assertThat(records).allMatch(r -> r.path("senderCodeId").asInt() == 1234);

        Path state = data.resolve("smsStateRepository.properties");
        Path idempotent = data.resolve("smsIdempotentRepository.log");
        assertThat(state).isRegularFile();
        assertThat(idempotent).isRegularFile().isNotEmptyFile();
        String key = "listrak-sms-optout/listrak-sms-optout-" + listrak.path("clientId").asText() + "-1234";
        Instant latest = records.stream().map(r -> Instant.parse(r.path("optOutDate").asText()))
                .max(Comparator.naturalOrder()).orElseThrow();
        assertThat(new AtomicFileStateRepository(state.toString()).getState(key)).as("checkpoint %s in %s", key, state)
                .isNotNull().satisfies(watermark -> assertThat(Instant.parse(watermark)).isEqualTo(latest));
    }

    @Test
    void anOptOutEndpointWithoutSenderCodeIdFailsTheStartNamingTheOption(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        JsonNode listrak = listrak(sandbox);
        Main main = fresh(dir, dir.resolve("data"), listrak, """
                - route:
                    from:
                      uri: "listrak-sms:optouts"
                      parameters:
                %s      steps:
                        - to: "mock:optouts"
                """.formatted(connection(listrak, 8)));
        try {
            assertThatThrownBy(main::start).rootCause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("senderCodeId");
        } finally {
            main.stop();
        }
        assertThat(optOutCalls(sandbox)).isZero();
    }

    /** A Camel Main with nothing but the route file, the data folder and the secret as properties. */
    private static Main fresh(Path dir, Path data, JsonNode listrak, String routes) throws Exception {
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, routes);
        Main main = new Main();
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + file.toAbsolutePath());
        main.addOverrideProperty(Stores.DATA_DIR, data.toString());
        main.addOverrideProperty("listrakSecret", listrak.path("clientSecret").asText());
        return main;
    }

    private static JsonNode listrak(Sandbox sandbox) {
        return JSON.valueToTree(sandbox.info()).path("apis").path("listrak-sms");
    }

    private static String connection(JsonNode listrak, int indent) {
        String pad = " ".repeat(indent);
        return pad + "baseUrl: \"" + listrak.path("baseUrl").asText() + "\"\n"
                + pad + "authUrl: \"" + listrak.path("tokenUrl").asText() + "\"\n"
                + pad + "clientId: \"" + listrak.path("clientId").asText() + "\"\n"
                + pad + "clientSecret: \"{{listrakSecret}}\"\n";
    }

    private static int optOutCalls(Sandbox sandbox) {
        return sandbox.requests().entries(e -> "Contact_GetOptOuts".equals(e.operationId())).size();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
