package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listrak Two-Way SMS: tickets (DELETE with a body), sends, the message stream and the MO webhook. */
class ListrakTwoWayTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private ListrakClient client;
    private String token;
    private long phoneId;
    private HttpServer receiver;
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp(Sandbox sandbox) throws Exception {
        client = new ListrakClient(sandbox);
        token = client.token("twowaysms");
        SmsSeed seed = sandbox.api(ListrakSmsApi.class).seed();
        phoneId = ListrakPhones.phoneId(seed.phone(seed.optOuts() + 20));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/mo", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private Map<String, Object> ticket(String id) {
        return Map.of("integrationType", "custom", "phoneId", phoneId, "externalTicketId", id);
    }

    @Test
    void openSendAndCloseATicket(Sandbox sandbox) {
        assertThat(client.call("POST", "/twowaysms/tickets", token, ticket("T-1")).status()).isEqualTo(201);
        ListrakClient.Answer twice = client.call("POST", "/twowaysms/tickets", token, ticket("T-2"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("message").asText()).contains("T-1");

        ListrakClient.Answer sent = client.call("POST", "/twowaysms/send", token, Map.of("integrationType", "custom",
                "phoneId", phoneId, "externalTicketId", "T-1", "messageBody", "We are on it."));
        assertThat(sent.status()).isEqualTo(202);
        ListrakClient.Answer tooLong = client.call("POST", "/twowaysms/send", token, Map.of("integrationType", "custom",
                "phoneId", phoneId, "externalTicketId", "T-1", "messageBody", "x".repeat(1001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("message").asText()).contains("messageBody").contains("1001");

        ListrakClient.Answer closed = client.call("DELETE", "/twowaysms/tickets", token, Map.of("integrationType", "custom", "phoneId", phoneId));
        assertThat(closed.status()).isEqualTo(204);
        assertThat(client.call("DELETE", "/twowaysms/tickets", token, Map.of("integrationType", "custom", "phoneId", phoneId)).status())
                .isEqualTo(404);
        assertThat(sandbox.ledger().writes("listrak-twowaysms", "ticket", Long.toString(phoneId))).isEqualTo(2);
        assertThat(client.call("POST", "/twowaysms/tickets", token, Map.of("integrationType", "custom", "phoneId", 19995550100L,
                "externalTicketId", "T-9")).status()).isEqualTo(404);
    }

    @Test
    void deleteTicketsWithoutABodyIsRefusedAsTheRealApiWould(Sandbox sandbox) {
        SANDBOX.expectViolations();
        ListrakClient.Answer answer = client.send(client.request("/twowaysms/tickets", token).DELETE());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).containsIgnoringCase("body");
        assertThat(sandbox.contract().violations()).singleElement()
                .satisfies(v -> assertThat(v.operationId()).isEqualTo("closeTicket"));
    }

    @Test
    void messageStreamPagesByEarliestDateTimeAndBatchSize() {
        for (int i = 0; i < 5; i++) {
            client.call("POST", "/twowaysms/send", token, Map.of("integrationType", "custom", "phoneId", phoneId, "messageBody", "m" + i));
        }
        JsonNode all = client.get("/twowaysms/messagestream/" + phoneId + "?batchSize=1000", token).json().get("data");
        assertThat(all.size()).isGreaterThanOrEqualTo(5);
        List<String> walked = new java.util.ArrayList<>();
        String earliest = null;
        while (true) {
            String query = "?batchSize=2" + (earliest == null ? "" : "&earliestDateTime=" + earliest);
            JsonNode batch = client.get("/twowaysms/messagestream/" + phoneId + query, token).json().get("data");
            batch.forEach(m -> walked.add(m.get("messageId").asText()));
            if (batch.size() < 2) {
                break;
            }
            earliest = Instant.parse(batch.get(1).get("dateTime").asText()).plusMillis(1).toString();
        }
        assertThat(walked).containsExactlyElementsOf(all.findValuesAsText("messageId"));
        ListrakClient.Answer bad = client.get("/twowaysms/messagestream/" + phoneId + "?batchSize=zero", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("batchSize").contains("zero");
        assertThat(client.get("/twowaysms/messagestream/19995550100", token).status()).isEqualTo(404);
    }

    @Test
    void inboundMessageIsDeliveredToTheConfiguredWebhook(Sandbox sandbox) throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/mo";
        assertThat(client.call("PUT", "/sandbox/listrak/twowaysms/webhook", null, Map.of("url", url)).status()).isEqualTo(200);
        ListrakClient.Answer inbound = client.call("POST", "/sandbox/listrak/twowaysms/inbound", null,
                Map.of("phoneId", phoneId, "text", "Where is my parcel?"));
        assertThat(inbound.status()).isEqualTo(200);
        assertThat(inbound.json().get("kind").asText()).isEqualTo("invalid-mo");

        JsonNode payload = Json.MAPPER.readTree(received.poll(10, TimeUnit.SECONDS));
        assertThat(payload.get("SenderCode").asInt()).isEqualTo(12345);
        assertThat(payload.get("CountryCode").asText()).isEqualTo("US");
        assertThat(payload.get("PhoneId").asLong()).isEqualTo(phoneId);
        assertThat(payload.get("Text").asText()).isEqualTo("Where is my parcel?");
        JsonNode stream = client.get("/twowaysms/messagestream/" + phoneId + "?batchSize=1000", token).json().get("data");
        assertThat(stream.get(stream.size() - 1).get("text").asText()).isEqualTo("Where is my parcel?");
        assertThat(stream.get(stream.size() - 1).get("direction").asText()).isEqualTo("inbound");

        // A customer text that is not a STOP keyword, sent to the SMS short code, reaches the same webhook.
        client.call("POST", "/twowaysms/tickets", token, ticket("T-7"));
        ListrakClient.Answer relayed = client.call("POST", "/sandbox/listrak/sms/inbound", null,
                Map.of("phoneNumber", ListrakPhones.phoneOf(phoneId), "text", "Thanks!"));
        assertThat(relayed.json().get("action").asText()).isEqualTo("relayed-to-two-way");
        assertThat(relayed.json().get("kind").asText()).isEqualTo("ticket-mo");
        assertThat(Json.MAPPER.readTree(received.poll(10, TimeUnit.SECONDS)).get("Text").asText()).isEqualTo("Thanks!");
        client.call("DELETE", "/twowaysms/tickets", token, Map.of("integrationType", "custom", "phoneId", phoneId));
        assertThat(sandbox.webhooks().awaitDeliveries(2, java.time.Duration.ofSeconds(30))).hasSize(2).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
    }

    @Test
    void wrongMethodIsAnswered405() {
        ListrakClient.Answer answer = client.send(client.request("/twowaysms/send", token).GET());
        assertThat(answer.status()).isEqualTo(405);
    }
}
