package dev.smskamelets.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.deadletter.DeadLetter;
import dev.smskamelets.core.deadletter.FileDeadLetterStore;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.MockVendor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listrak-crosschannel-event-sink} settles every recipient it sent in exactly one outcome, whatever Listrak's
 * per-recipient answer ({@code CustomEventPostResponse}) says: an identifier the answer names but that was never
 * sent changes no count and is reported; a sent recipient the answer leaves out is dead-lettered as unconfirmed.
 * Listrak is a stand-in serving that answer (the sandbox never answers like this).
 */
class ListrakCrossChannelReconciliationTest {

    static final String UID = "0b6f1c1e-5d2a-3c7e-9f4b-2a8d6e1f0c3b";

    @TempDir
    Path dir;

    private static Map<String, Object> id(String value) {
        return Map.of("identifierType", "EmailAddress", "identifierValue", value);
    }

    /** Answers the batch with a status for a, a never-sent ghost and b (refused); c is not mentioned. */
    static MockVendor listrak() {
        return new MockVendor(r -> {
            if (r.path().equals("/OAuth2/Token")) {
                return new MockVendor.Answer(200, "{\"access_token\":\"mock-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            }
            if (r.method().equals("GET")) {
                return new MockVendor.Answer(200, MockVendor.json(Map.of("data", Map.of("eventUID", UID,
                        "eventName", "Back In Stock", "eventSchemaAttrs", Map.of("productName", "String")),
                        "meta", Map.of("statusCode", 200))));
            }
            return new MockVendor.Answer(200, MockVendor.json(Map.of("data", List.of(
                    Map.of("statusCode", 200, "identifiers", List.of(id("a@example.com"), id("ghost@example.com"))),
                    Map.of("statusCode", 400, "identifiers", List.of(id("b@example.com")), "errors",
                            List.of(Map.of("errorType", "InvalidIdentifier", "errorMessage", "b is suppressed")))),
                    "meta", Map.of("statusCode", 200))));
        });
    }

    @Test
    void everySentRecipientEndsInExactlyOneOutcomeAndUnknownIdentifiersAreReported() throws Exception {
        FileDeadLetterStore dlq = new FileDeadLetterStore(dir.resolve("dlq").toString());
        try (MockVendor vendor = listrak(); KameletCamel camel = new KameletCamel(Map.of())) {
            camel.bind("dlq", dlq);
            camel.start("""
                    - route:
                        from:
                          uri: "direct:events"
                          steps:
                            - to:
                                uri: "kamelet:listrak-crosschannel-event-sink"
                                parameters:
                                  baseUrl: "%s"
                                  authUrl: "%s"
                                  clientId: "mock-client"
                                  clientSecret: "mock-secret"
                                  eventUID: "%s"
                                  batchSize: 3
                                  batchTimeout: 30000
                                  deadLetterStore: dlq
                                  resultUri: "direct:result"
                    - route:
                        from:
                          uri: "direct:result"
                          steps:
                            - process:
                                ref: collector
                    """.formatted(vendor.url("/crosschannel/v1"), vendor.url("/OAuth2/Token"), UID));
            for (String email : List.of("a@example.com", "b@example.com", "c@example.com")) {
                camel.producer().sendBody("direct:events", Map.of("identifiers", List.of(id(email)),
                        "dataFields", Map.of("productName", "Boots")));
            }
            assertThat(camel.await(1, 60)).isTrue();
            KameletCamel.Record result = camel.records.get(0);
            assertThat(result.headers()).containsEntry("listrakEventsSent", 3)
                    .containsEntry("listrakRecipientsDelivered", 1).containsEntry("listrakRecipientsRejected", 2)
                    .containsEntry("listrakUnknownIdentifiers", 1);
            JsonNode summary = result.json();
            assertThat(summary.get("delivered").asInt() + summary.get("rejected").asInt()).isEqualTo(3);
            assertThat(summary.get("unknownIdentifiers").toString()).contains("ghost@example.com");
        }
        List<DeadLetter> letters = dlq.list(10);
        assertThat(letters).extracting(l -> KameletCamel.read(l.body()).at("/identifiers/0/identifierValue").asText()
                + " " + l.error().vendorCode()).containsExactlyInAnyOrder("b@example.com InvalidIdentifier",
                "c@example.com NO_RECIPIENT_STATUS");
        assertThat(letters).noneMatch(l -> l.body().contains("ghost"));
    }
}
