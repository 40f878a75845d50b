package dev.smskamelets.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.deadletter.DeadLetter;
import dev.smskamelets.core.deadletter.FileDeadLetterStore;
import dev.smskamelets.test.MockVendor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.smskamelets.test.KameletCamel;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code listrak-crosschannel:events} producer beyond what its kamelet's tests cover: a body that is a list is
 * one batch (checked event by event, posted in requests of at most batchSize, the summary on the exchange), and a
 * stopping producer posts the batch it still holds. Listrak is a stand-in that delivers every recipient it is sent.
 */
class ListrakCrossChannelComponentTest {

    static final String UID = "0b6f1c1e-5d2a-3c7e-9f4b-2a8d6e1f0c3b";

    @TempDir
    Path dir;

    /** Schema {productName: String, price: Double}; every posted identifier answered with 200. */
    static MockVendor listrak() {
        return new MockVendor(r -> {
            if (r.path().equals("/OAuth2/Token")) {
                return new MockVendor.Answer(200, "{\"access_token\":\"mock-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            }
            if (r.method().equals("GET")) {
                return new MockVendor.Answer(200, MockVendor.json(Map.of("data", Map.of("eventUID", UID,
                        "eventName", "Back In Stock", "eventSchemaAttrs", Map.of("productName", "String", "price", "Double")),
                        "meta", Map.of("statusCode", 200))));
            }
            List<JsonNode> ids = new ArrayList<>();
            r.json().path("events").forEach(event -> event.path("identifiers").forEach(ids::add));
            return new MockVendor.Answer(200, MockVendor.json(Map.of("data", List.of(Map.of("statusCode", 200,
                    "identifiers", ids)), "meta", Map.of("statusCode", 200))));
        });
    }

    static KameletCamel camel(MockVendor vendor, FileDeadLetterStore dlq, int batchSize, long batchTimeout)
            throws Exception {
        KameletCamel camel = new KameletCamel(Map.of());
        camel.bind("dlq", dlq);
        camel.start("""
                - route:
                    from:
                      uri: "direct:events"
                      steps:
                        - to:
                            uri: "listrak-crosschannel:events"
                            parameters:
                              operation: postEvents
                              baseUrl: "%s"
                              authUrl: "%s"
                              clientId: "mock-client"
                              clientSecret: "mock-secret"
                              eventUID: "%s"
                              batchSize: %d
                              batchTimeout: %d
                              deadLetterStore: dlq
                """.formatted(vendor.url("/crosschannel/v1"), vendor.url("/OAuth2/Token"), UID, batchSize, batchTimeout));
        return camel;
    }

    private static Map<String, Object> event(String email, Object price) {
        return Map.of("identifiers", List.of(Map.of("identifierType", "EmailAddress", "identifierValue", email)),
                "dataFields", Map.of("productName", "Boots", "price", price));
    }

    @Test
    void aListBodyIsOneBatchCheckedEventByEventAndPostedInRequestsOfBatchSize() throws Exception {
        FileDeadLetterStore dlq = new FileDeadLetterStore(dir.resolve("dlq").toString());
        List<Map<String, Object>> events = List.of(event("a@example.com", 10), event("b@example.com", "cheap"),
                event("c@example.com", 12.5), event("d@example.com", "7"), event("e@example.com", 1));
        try (MockVendor vendor = listrak(); KameletCamel camel = camel(vendor, dlq, 2, 60_000)) {
            Exchange done = camel.producer().request("direct:events", e -> e.getIn().setBody(events));
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getHeaders()).containsEntry("listrakEventsSent", 4)
                    .containsEntry("listrakRecipientsDelivered", 4).containsEntry("listrakRecipientsRejected", 0)
                    .containsEntry("listrakEventUID", UID);
            JsonNode summary = KameletCamel.read(done.getMessage().getBody(String.class));
            assertThat(summary.get("events").asInt()).isEqualTo(4);
            List<MockVendor.Request> posts = vendor.requests("POST", ".*/events");
            assertThat(posts).extracting(p -> p.json().path("events").size()).containsExactly(2, 2);
            assertThat(posts.toString()).doesNotContain("b@example.com");
        }
        List<DeadLetter> letters = dlq.list(10);
        assertThat(letters).extracting(l -> l.error().vendorCode()).containsExactly("INVALID_DATA_FIELD");
        assertThat(letters.get(0).error().message()).contains("dataFields.price").contains("'cheap'");
    }

    @Test
    void aStoppingProducerPostsTheBatchItStillHolds() throws Exception {
        FileDeadLetterStore dlq = new FileDeadLetterStore(dir.resolve("dlq2").toString());
        try (MockVendor vendor = listrak()) {
            KameletCamel camel = camel(vendor, dlq, 10, 600_000);
            try {
                camel.producer().sendBody("direct:events", event("a@example.com", 1));
                camel.producer().sendBody("direct:events", KameletCamel.JSON.writeValueAsString(event("b@example.com", 2)));
                assertThat(vendor.requests("POST", ".*/events")).as("posted before the batch is complete").isEmpty();
            } finally {
                camel.close();
            }
            List<MockVendor.Request> posts = vendor.requests("POST", ".*/events");
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0).json().path("events")).extracting(e -> e.at("/identifiers/0/identifierValue").asText())
                    .containsExactly("a@example.com", "b@example.com");
        }
        assertThat(dlq.count()).isZero();
    }
}
