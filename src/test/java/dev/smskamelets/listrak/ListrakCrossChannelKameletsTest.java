package dev.smskamelets.listrak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.deadletter.DeadLetter;
import dev.smskamelets.core.deadletter.FileDeadLetterStore;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.sandbox.listrak.SmsSeed;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listrak Cross Channel kamelets against the sandbox: event configurations and schemas, and the batching events
 * sink, whose per-recipient outcome ends in the dead-letter store (refused) or the sandbox ledger (delivered, once).
 */
class ListrakCrossChannelKameletsTest {

    static final String API = "listrak-crosschannel";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @TempDir
    Path dir;

    static String params(Sandbox sandbox) {
        JsonNode info = KameletCamel.info(sandbox, API);
        return """
                baseUrl: "%s"
                authUrl: "%s"
                clientId: "%s"
                clientSecret: "{{secret}}"
                """.formatted(info.get("baseUrl").asText(), info.get("tokenUrl").asText(), info.get("clientId").asText());
    }

    static KameletCamel camel(Sandbox sandbox) {
        return new KameletCamel(Map.of("secret", KameletCamel.info(sandbox, API).get("clientSecret").asText()));
    }

    static String uid(Sandbox sandbox, int i) {
        return KameletCamel.info(sandbox, API).get("eventConfigurations").get(i).get("eventUID").asText();
    }

    static String indent(String text, int spaces) {
        return text.indent(spaces);
    }

    @Test
    void listsConfigurationsAndReadsOneSchema(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = camel(sandbox)) {
            camel.start("""
                    - route:
                        from:
                          uri: "direct:list"
                          steps:
                            - to:
                                uri: "kamelet:listrak-crosschannel-event-configuration-action"
                                parameters:
                    %s
                    - route:
                        from:
                          uri: "direct:get"
                          steps:
                            - to:
                                uri: "kamelet:listrak-crosschannel-event-configuration-action"
                                parameters:
                                  operation: get
                    %s
                    """.formatted(indent(params(sandbox), 14), indent(params(sandbox), 14)));
            var producer = camel.producer();
            JsonNode list = KameletCamel.read(producer.requestBody("direct:list", "", String.class));
            assertThat(list.get("data")).extracting(c -> c.get("eventName").asText())
                    .containsExactly("Back In Stock", "Loyalty Tier Changed", "Appointment Reminder");
            JsonNode detail = KameletCamel.read(producer.requestBodyAndHeader("direct:get", "", "listrakEventUID",
                    list.get("data").get(1).get("eventUID").asText(), String.class)).get("data");
            assertThat(detail.get("eventSchemaAttrs").get("points").asText()).isEqualTo("Int");
            assertThat(detail.get("eventSchemaAttrs").get("changedOn").asText()).isEqualTo("Date");

            assertThatThrownBy(() -> producer.requestBodyAndHeader("direct:get", "", "listrakEventUID", "../tickets"))
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../tickets'");
            assertThat(sandbox.requests().count(API, "getSchemaByEventUid")).isEqualTo(1);
            assertThatThrownBy(() -> producer.requestBodyAndHeader("direct:get", "", "listrakEventUID",
                    "00000000-0000-0000-0000-000000000000")).cause().isInstanceOfSatisfying(VendorApiException.class,
                    e -> assertThat(e.getStatus()).isEqualTo(404));
        }
    }

    private static Map<String, Object> id(String type, String value) {
        return Map.of("identifierType", type, "identifierValue", value);
    }

    private KameletCamel eventSink(Sandbox sandbox, FileDeadLetterStore dlq, String uid, int batchSize) throws Exception {
        KameletCamel camel = camel(sandbox);
        camel.bind("dlq", dlq);
        camel.start("""
                - route:
                    from:
                      uri: "direct:events"
                      steps:
                        - to:
                            uri: "kamelet:listrak-crosschannel-event-sink"
                            parameters:
                %s
                              eventUID: "%s"
                              batchSize: %d
                              batchTimeout: 2000
                              deadLetterStore: dlq
                              resultUri: "direct:result"
                - route:
                    from:
                      uri: "direct:result"
                      steps:
                        - process:
                            ref: collector
                """.formatted(indent(params(sandbox), 14), uid, batchSize));
        return camel;
    }

    @Test
    void aBatchWithRejectedRecipientsEndsWithExactlyThoseDeadLetteredAndTheOthersDeliveredOnce(Sandbox sandbox)
            throws Exception {
        SmsSeed seed = sandbox.api(ListrakSmsApi.class).seed();
        long k = seed.optOuts() + 10;
        String backInStock = uid(sandbox, 0);
        FileDeadLetterStore dlq = new FileDeadLetterStore(dir.resolve("dlq").toString());
        List<Map<String, Object>> events = List.of(
                Map.of("identifiers", List.of(id("EmailAddress", seed.email(k)), id("PhoneNumber", "+1" + seed.phone(k))),
                        "dataFields", Map.of("productName", "Rain Jacket", "price", 89.9, "color", "teal")),
                Map.of("identifiers", List.of(id("EmailAddress", "nobody@nowhere.example"),
                        id("MobileContactUid", seed.mobileContactUid(k + 1))), "dataFields", Map.of("sku", "RJ-1")),
                Map.of("identifiers", List.of(id("EmailAddress", seed.email(k + 2)), id("PhoneNumber", "(212) 736-5000")),
                        "dataFields", Map.of("restockDate", "2026-12-01")),
                Map.of("identifiers", List.of(id("EmailAddress", seed.email(k + 3))),
                        "dataFields", Map.of("productName", "Boots", "price", "cheap")),
                Map.of("identifiers", List.of(id("MobileContactUid", seed.mobileContactUid(k + 4)), id("Twitter", "@rain")),
                        "dataFields", Map.of("restockDate", "12/01/2026", "price", "12")));
        long mark = sandbox.ledger().mark();
        try (KameletCamel camel = eventSink(sandbox, dlq, backInStock, 4)) {
            for (Map<String, Object> event : events) {
                camel.producer().sendBody("direct:events", KameletCamel.JSON.writeValueAsString(event));
            }
            assertThat(camel.await(1, 60)).isTrue();
            assertThat(camel.records.get(0).headers()).containsEntry("listrakEventsSent", 4)
                    .containsEntry("listrakRecipientsDelivered", 5).containsEntry("listrakRecipientsRejected", 2);
        }
        List<RequestLog.Entry> posts = sandbox.requests().entries(e -> "postEvents".equals(e.operationId()));
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).requestBody()).doesNotContain("cheap").doesNotContain("Twitter").doesNotContain("color")
                .contains("\"identifierValue\":\"" + seed.phone(k) + "\"").contains("\"price\":\"89.9\"");
        assertThat(sandbox.requests().count(API, "getSchemaByEventUid")).isEqualTo(1);

        List<DeadLetter> letters = dlq.list(100);
        assertThat(letters).extracting(l -> l.error().vendorCode()).containsExactlyInAnyOrder(
                "INVALID_DATA_FIELD", "INVALID_IDENTIFIER", "RecipientNotFound", "RecipientNotFound");
        assertThat(letters).allMatch(l -> l.target().equals("listrak-crosschannel:" + backInStock));
        DeadLetter typeError = letters.stream().filter(l -> "INVALID_DATA_FIELD".equals(l.error().vendorCode())).findFirst().orElseThrow();
        assertThat(typeError.error().message()).contains("dataFields.price").contains("'cheap'").contains("Double");
        assertThat(typeError.error().operation()).isEqualTo("dataFields.price");
        List<String> rejected = letters.stream().filter(l -> l.error().status() != null).map(l -> {
            assertThat(l.error().status()).isEqualTo(404);
            return KameletCamel.read(l.body()).get("identifiers").get(0).get("identifierValue").asText();
        }).toList();
        assertThat(rejected).containsExactlyInAnyOrder("nobody@nowhere.example", "2127365000");

        JsonNode accepted = KameletCamel.read(KameletCamel.http("GET",
                sandbox.baseUrl() + "/sandbox/listrak/crosschannel/events", null, Map.of()).body());
        List<String> delivered = new ArrayList<>();
        accepted.forEach(event -> event.get("identifiers").forEach(i -> delivered.add(i.get("identifierValue").asText())));
        assertThat(delivered).containsExactlyInAnyOrder(seed.email(k), seed.phone(k), seed.mobileContactUid(k + 1),
                seed.email(k + 2), seed.mobileContactUid(k + 4));
        List<Ledger.Entry> writes = sandbox.ledger().since(mark).stream().filter(e -> API.equals(e.api())).toList();
        assertThat(writes).hasSize(4).extracting(Ledger.Entry::key).doesNotHaveDuplicates();
    }

    @Test
    void anIdentifierTwiceInOneBatchIsPostedInSeparateRequestsAndATimedOutBatchIsSent(Sandbox sandbox) throws Exception {
        SmsSeed seed = sandbox.api(ListrakSmsApi.class).seed();
        long k = seed.optOuts() + 20;
        FileDeadLetterStore dlq = new FileDeadLetterStore(dir.resolve("dlq2").toString());
        try (KameletCamel camel = eventSink(sandbox, dlq, uid(sandbox, 1), 3)) {
            for (String tier : List.of("Gold", "Platinum", "Silver")) {
                camel.producer().sendBody("direct:events", Map.of("identifiers", List.of(id("EmailAddress",
                        tier.equals("Silver") ? seed.email(k + 1) : seed.email(k))), "dataFields", Map.of("tier", tier,
                        "points", 1200, "changedOn", "2026-11-20T10:00:00Z")));
            }
            assertThat(camel.await(1, 60)).isTrue();
            camel.producer().sendBody("direct:events", Map.of("identifiers", List.of(id("EmailAddress", seed.email(k + 2))),
                    "dataFields", Map.of("tier", "Bronze")));
            assertThat(camel.await(2, 60)).isTrue(); // completed by the batch timeout
            assertThat(camel.records).extracting(r -> r.headers().get("listrakRecipientsDelivered")).containsExactly(3, 1);
        }
        assertThat(sandbox.requests().count(API, "postEvents")).isEqualTo(3);
        assertThat(dlq.count()).isZero();
    }

    @Test
    void aBatchTheVendorRefusesAsAWholeIsDeadLetteredEventByEvent(Sandbox sandbox) throws Exception {
        SmsSeed seed = sandbox.api(ListrakSmsApi.class).seed();
        long k = seed.optOuts() + 30;
        sandbox.faults().add(new dev.smskamelets.sandbox.Faults.Rule().api(API).operation("postEvents").errors(100, 400));
        FileDeadLetterStore dlq = new FileDeadLetterStore(dir.resolve("dlq3").toString());
        try (KameletCamel camel = eventSink(sandbox, dlq, uid(sandbox, 2), 2)) {
            for (int i = 0; i < 2; i++) {
                camel.producer().sendBody("direct:events", Map.of("identifiers", List.of(id("EmailAddress",
                        seed.email(k + i))), "dataFields", Map.of("location", "Downtown", "durationMinutes", "30")));
            }
            assertThat(camel.await(1, 60)).isTrue();
            assertThat(camel.records.get(0).headers()).containsEntry("listrakRecipientsDelivered", 0)
                    .containsEntry("listrakRecipientsRejected", 2);
        }
        assertThat(sandbox.requests().count(API, "postEvents")).isEqualTo(1); // a 400 is not retried
        assertThat(dlq.list(10)).hasSize(2).allSatisfy(l -> {
            assertThat(l.error().status()).isEqualTo(400);
            assertThat(l.error().retryable()).isFalse();
            assertThat(l.headers()).containsKey("listrakEventUID");
        });
    }
}
