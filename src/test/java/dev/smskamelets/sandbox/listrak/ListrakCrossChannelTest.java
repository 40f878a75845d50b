package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listrak Cross Channel: event configurations and event posts with per-recipient (partial) results. */
class ListrakCrossChannelTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private ListrakClient client;
    private String token;
    private SmsSeed seed;
    private String backInStock;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        client = new ListrakClient(sandbox);
        token = client.token("crosschannel");
        seed = sandbox.api(ListrakSmsApi.class).seed();
        backInStock = client.get("/crosschannel/v1/eventConfigurations", token).json().get("data").get(0).get("eventUID").asText();
    }

    private static Map<String, Object> id(String type, String value) {
        return Map.of("identifierType", type, "identifierValue", value);
    }

    @Test
    void listsAndDescribesEventConfigurations() {
        ListrakClient.Answer list = client.get("/crosschannel/v1/eventConfigurations", token);
        assertThat(list.json().get("data")).hasSize(3);
        assertThat(list.json().get("meta").get("statusCode").asInt()).isEqualTo(200);
        JsonNode detail = client.get("/crosschannel/v1/eventConfigurations/" + backInStock, token).json().get("data");
        assertThat(detail.get("eventName").asText()).isEqualTo("Back In Stock");
        assertThat(detail.get("eventSchemaAttrs").get("price").asText()).isEqualTo("Double");
        assertThat(detail.get("featureAccess").get(0).asText()).isEqualTo("Workflow");
        ListrakClient.Answer unknown = client.get("/crosschannel/v1/eventConfigurations/00000000-0000-0000-0000-000000000000", token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("data").isNull()).isTrue();
        assertThat(unknown.json().get("meta").get("statusCode").asInt()).isEqualTo(404);
        assertThat(unknown.json().get("meta").get("errors").get(0).get("userMessage").asText()).contains("00000000");
    }

    @Test
    void eventPostsReportPartialFailurePerRecipient(Sandbox sandbox) {
        long known = seed.optOuts() + 4;
        Map<String, Object> good = Map.of("identifiers", List.of(id("EmailAddress", seed.email(known)),
                        id("PhoneNumber", seed.phone(known)), id("EmailAddress", "nobody@nowhere.example"),
                        id("MobileContactUid", seed.mobileContactUid(known)), id("PhoneNumber", "12")),
                "dataFields", Map.of("productName", "Rain Jacket", "price", "89.90", "color", "teal"));
        Map<String, Object> badData = Map.of("identifiers", List.of(id("EmailAddress", seed.email(known))),
                "dataFields", Map.of("price", "cheap"));
        long mark = sandbox.ledger().mark();
        ListrakClient.Answer answer = client.call("POST", "/crosschannel/v1/eventConfigurations/" + backInStock + "/events",
                token, Map.of("events", List.of(good, badData)));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode data = answer.json().get("data");
        assertThat(data).extracting(d -> d.get("statusCode").asInt()).containsExactly(200, 400, 404, 400);
        assertThat(data.get(0).get("identifiers")).hasSize(3);
        assertThat(data.get(1).get("errors").get(0).get("errorType").asText()).isEqualTo("InvalidIdentifier");
        assertThat(data.get(2).get("identifiers").get(0).get("identifierValue").asText()).isEqualTo("nobody@nowhere.example");
        assertThat(data.get(2).get("errors").get(0).get("errorType").asText()).isEqualTo("RecipientNotFound");
        assertThat(data.get(3).get("errors").get(0).get("errorMessage").asText()).contains("price").contains("cheap");
        assertThat(answer.json().get("meta").get("statusCode").asInt()).isEqualTo(200);

        JsonNode accepted = client.get("/sandbox/listrak/crosschannel/events", null).json();
        JsonNode last = accepted.get(accepted.size() - 1);
        assertThat(last.get("dataFields").has("color")).as("fields outside the schema are dropped").isFalse();
        assertThat(last.get("dataFields").get("price").asText()).isEqualTo("89.90");
        assertThat(sandbox.ledger().since(mark)).hasSize(1);
    }

    @Test
    void malformedEventRequestsGetTheEnvelopeError() {
        ListrakClient.Answer empty = client.call("POST", "/crosschannel/v1/eventConfigurations/" + backInStock + "/events",
                token, Map.of("events", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("meta").get("message").asText()).contains("events");
        ListrakClient.Answer unknown = client.call("POST", "/crosschannel/v1/eventConfigurations/nope/events",
                token, Map.of("events", List.of(Map.of("identifiers", List.of(id("EmailAddress", "a@b.co"))))));
        assertThat(unknown.status()).isEqualTo(404);
    }
}
