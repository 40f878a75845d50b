package dev.smskamelets.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.checkpoint.AtomicFileStateRepository;
import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.WebhookSender;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listrak Two-Way SMS sources against the sandbox: the message stream resumes from its core-store checkpoint after
 * a restart, and the MO webhook source admits the sandbox's own deliveries only with the shared secret, answering
 * 2xx only after the route handled the MO.
 */
class ListrakTwoWaySourcesTest {

    static final String API = "listrak-twowaysms";
    static final String SECRET = "mo-hook-4f9c2a17d3e8b650";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @TempDir
    Path dir;

    static void inbound(Sandbox sandbox, String phoneId, String text) throws Exception {
        var answer = KameletCamel.http("POST", sandbox.baseUrl() + "/sandbox/listrak/twowaysms/inbound",
                "{\"phoneId\":" + phoneId + ",\"text\":\"" + text + "\"}", Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private List<KameletCamel.Record> streamPass(Sandbox sandbox, String phoneId, int expected) throws Exception {
        JsonNode info = KameletCamel.info(sandbox, API);
        try (KameletCamel camel = new KameletCamel(Map.of("secret", info.get("clientSecret").asText()))) {
            camel.bind("stateRepo", new AtomicFileStateRepository(dir.resolve("state.properties").toString()));
            camel.bind("idem", new FileIdempotentRepository(dir.resolve("idempotent.log").toString()));
            camel.start("""
                    - route:
                        from:
                          uri: "kamelet:listrak-twowaysms-message-stream-source"
                          parameters:
                            baseUrl: "%s"
                            authUrl: "%s"
                            clientId: "%s"
                            clientSecret: "{{secret}}"
                            phoneId: "%s"
                            batchSize: 3
                            stateRepository: stateRepo
                            schedule: "%s"
                          steps:
                            - idempotentConsumer:
                                simple: "${header.listrakMessageId}"
                                idempotentRepository: idem
                                steps:
                                  - process:
                                      ref: collector
                    """.formatted(info.get("baseUrl").asText(), info.get("tokenUrl").asText(),
                    info.get("clientId").asText(), phoneId, dev.smskamelets.test.Cron.once()));
            assertThat(camel.await(expected, 60)).isTrue();
            Thread.sleep(300); // let a wrongly repeated record show up before the context stops
            return List.copyOf(camel.records);
        }
    }

    @Test
    void messageStreamResumesFromItsCheckpointAfterARestart(Sandbox sandbox) throws Exception {
        String phoneId = KameletCamel.info(sandbox, API).get("phoneIds").get(3).asText();
        for (int i = 1; i <= 5; i++) {
            inbound(sandbox, phoneId, "first run " + i);
        }
        List<KameletCamel.Record> first = streamPass(sandbox, phoneId, 7);
        assertThat(first).hasSize(7);
        assertThat(first.stream().map(r -> r.json().get("text").asText()).toList()).startsWith(
                "Hi, is my order on its way?").endsWith("first run 1", "first run 2", "first run 3", "first run 4",
                "first run 5");
        assertThat(first.get(0).headers()).containsEntry("listrakPhoneId", phoneId)
                .containsEntry("listrakDirection", "inbound").containsKey("listrakDateTime");
        String lastSeen = first.get(6).json().get("dateTime").asText();
        Properties state = new Properties();
        try (var in = java.nio.file.Files.newInputStream(dir.resolve("state.properties"))) {
            state.load(in);
        }
        assertThat(Instant.parse(state.values().iterator().next().toString())).isEqualTo(Instant.parse(lastSeen));
        List<RequestLog.Entry> firstCalls = sandbox.requests().entries(e -> "getMessageStream".equals(e.operationId()));
        assertThat(firstCalls).hasSize(4).allMatch(e -> e.query().contains("batchSize=3"));
        assertThat(firstCalls.get(0).query()).contains("earliestDateTime=1970-01-01T00%3A00%3A00Z");

        sandbox.resetObservations();
        for (int i = 1; i <= 3; i++) {
            inbound(sandbox, phoneId, "second run " + i);
        }
        List<KameletCamel.Record> second = streamPass(sandbox, phoneId, 3);
        assertThat(second.stream().map(r -> r.json().get("text").asText()))
                .containsExactly("second run 1", "second run 2", "second run 3");
        RequestLog.Entry resumed = sandbox.requests().entries(e -> "getMessageStream".equals(e.operationId())).get(0);
        String earliest = URLDecoder.decode(resumed.query(), StandardCharsets.UTF_8).replaceAll(".*earliestDateTime=([^&]+).*", "$1");
        assertThat(Instant.parse(earliest)).isEqualTo(Instant.parse(lastSeen));
    }

    private static String webhookRoute() {
        return """
                - route:
                    from:
                      uri: "kamelet:listrak-twowaysms-webhook-source"
                      parameters:
                        webhookSecret: "%s"
                      steps:
                        - process:
                            ref: collector
                """.formatted(SECRET);
    }

    @Test
    void webhookSourceAdmitsTheSandboxMoDeliveriesOnlyWithTheSharedSecret(Sandbox sandbox) throws Exception {
        String phoneId = KameletCamel.info(sandbox, API).get("phoneIds").get(4).asText();
        try (KameletCamel camel = new KameletCamel(Map.of())) {
            String base = camel.withHttpServer().url("");
            camel.beforeCollect = exchange -> {
                if (exchange.getIn().getBody(String.class).contains("fail me")) {
                    throw new IllegalStateException("store unavailable");
                }
            };
            camel.start(webhookRoute());
            setWebhook(sandbox, base + "/listrak/twowaysms/mo/" + SECRET);
            inbound(sandbox, phoneId, "Where is my order?");
            awaitDeliveries(sandbox, 1);
            setWebhook(sandbox, base + "/listrak/twowaysms/mo/not-the-secret-at-all");
            inbound(sandbox, phoneId, "wrong secret");
            awaitDeliveries(sandbox, 2);
            setWebhook(sandbox, base + "/listrak/twowaysms/mo");
            inbound(sandbox, phoneId, "no secret");
            awaitDeliveries(sandbox, 3);
            setWebhook(sandbox, base + "/listrak/twowaysms/mo/" + SECRET);
            inbound(sandbox, phoneId, "fail me");
            List<WebhookSender.Delivery> deliveries = awaitDeliveries(sandbox, 4);
            assertThat(deliveries).extracting(WebhookSender.Delivery::status).containsExactly(200, 401, 401, 500);

            var viaHeader = KameletCamel.http("POST", base + "/listrak/twowaysms/mo",
                    "{\"SenderCode\":12345,\"CountryCode\":\"US\",\"PhoneId\":" + phoneId + ",\"Text\":\"via proxy\"}",
                    Map.of("X-Webhook-Secret", SECRET));
            assertThat(viaHeader.statusCode()).isEqualTo(200);
            var notAnMo = KameletCamel.http("POST", base + "/listrak/twowaysms/mo/" + SECRET, "{\"Text\":1}", Map.of());
            assertThat(notAnMo.statusCode()).isEqualTo(400);
            assertThat(notAnMo.body()).contains("PhoneId");

            assertThat(camel.records).extracting(r -> r.json().get("Text").asText())
                    .containsExactly("Where is my order?", "via proxy");
            KameletCamel.Record mo = camel.records.get(0);
            assertThat(mo.json().get("PhoneId").asText()).isEqualTo(phoneId);
            assertThat(mo.headers()).containsEntry("listrakPhoneId", Long.parseLong(phoneId))
                    .containsEntry("listrakSenderCode", "12345").containsEntry("listrakCountryCode", "US");
            assertThat(camel.records.get(1).headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-Webhook-Secret"));
            assertThat(camel.records).allSatisfy(r -> assertThat(r.headers().keySet()).containsExactlyInAnyOrder("Content-Type",
                    "listrakPhoneId", "listrakSenderCode", "listrakCountryCode", "listrakOptOut",
                    "listrakOptOutRevocation"));
            assertThat(mo.headers()).containsEntry("listrakOptOut", false).containsEntry("listrakOptOutRevocation", false);
            assertThat(camel.records.toString()).doesNotContain(SECRET);
        } finally {
            setWebhook(sandbox, "");
        }
    }

    static void setWebhook(Sandbox sandbox, String url) throws Exception {
        assertThat(KameletCamel.http("PUT", sandbox.baseUrl() + "/sandbox/listrak/twowaysms/webhook",
                "{\"url\":\"" + url + "\"}", Map.of()).statusCode()).isEqualTo(200);
    }

    static List<WebhookSender.Delivery> awaitDeliveries(Sandbox sandbox, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<WebhookSender.Delivery> done = sandbox.webhooks().deliveries().stream()
                    .filter(d -> d.status() != 0 || d.error() != null).toList();
            if (done.size() >= count) {
                return done;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + count + " webhook deliveries, got " + sandbox.webhooks().deliveries());
    }
}
