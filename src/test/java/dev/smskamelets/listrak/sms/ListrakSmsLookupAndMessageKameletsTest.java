package dev.smskamelets.listrak.sms;

import static dev.smskamelets.test.KameletCamel.failure;
import static dev.smskamelets.test.KameletCamel.read;
import static dev.smskamelets.listrak.sms.ListrakSmsContactKameletsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lookups (sender codes, lists, profile fields), transactional messages and the immediate broadcast against the
 * Listrak SMS sandbox: answers, paging, ERROR_* codes, validation before any request, retries.
 */
class ListrakSmsLookupAndMessageKameletsTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.contacts", 30);

    static KameletCamel camel(Sandbox sandbox) throws Exception {
        KameletCamel camel = KameletCamel.listrakSms(sandbox);
        StringBuilder routes = new StringBuilder();
        for (String op : new String[] {"sender-codes", "sender-code", "phone-lists", "phone-list", "profile-fields",
                "profile-field"}) {
            routes.append(camel.route(op, "listrak-sms-lookup-action",
                    "senderCodeId: 1234\noperation: " + op + "\npageSize: 1\nid: 5001"));
        }
        routes.append(camel.route("inactive-lists", "listrak-sms-lookup-action",
                "senderCodeId: 1234\noperation: phone-lists\nstatus: inactive"));
        routes.append(camel.route("disabled", "listrak-sms-lookup-action", "senderCodeId: 1236\noperation: phone-lists"));
        routes.append(camel.route("wrong-secret", "listrak-sms-lookup-action", "operation: sender-codes")
                .replace("{{listrakSecret}}", "not-the-secret").replace("requestsPerSecond: 500", "requestsPerSecond: 499"));
        routes.append(camel.route("bad-op", "listrak-sms-lookup-action", "senderCodeId: 1234\noperation: lists"));
        for (String op : new String[] {"list", "get", "send"}) {
            routes.append(camel.route("tm-" + op, "listrak-sms-transactional-message-action",
                    "senderCodeId: 1234\nphoneListId: 5001\noperation: " + op + "\ntransactionalMessageId: 701"));
        }
        routes.append(camel.route("broadcast", "listrak-sms-broadcast-sink", "senderCodeId: 1234\nphoneListId: 5001"));
        camel.start(routes.toString());
        return camel;
    }

    @Test
    void lookupsReturnTheAccountConfigurationPagingAcrossPages(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = camel(sandbox)) {
            assertThat(read(camel.request("direct:sender-codes", null, Map.of())))
                    .extracting(n -> n.get("shortCodeId").asInt()).contains(1234, 1235, 1236);
            assertThat(read(camel.request("direct:sender-code", null, Map.of())).get("shortCodeId").asInt()).isEqualTo(1234);
            JsonNode lists = read(camel.request("direct:phone-lists", null, Map.of()));
            assertThat(lists).extracting(n -> n.get("phoneListId").asInt()).containsExactly(5001, 5002);
            assertThat(read(camel.request("direct:inactive-lists", null, Map.of())))
                    .extracting(n -> n.get("phoneListId").asInt()).containsExactly(5003);
            assertThat(read(camel.request("direct:phone-list", null, Map.of())).get("phoneListId").asInt()).isEqualTo(5001);
            assertThat(read(camel.request("direct:phone-list", null, Map.of("ListrakId", 5002))).get("phoneListId")
                    .asInt()).isEqualTo(5002);
            assertThat(read(camel.request("direct:profile-fields", null, Map.of())))
                    .extracting(n -> n.get("segmentationFieldId").asInt()).contains(301, 302, 303, 304);
            assertThat(read(camel.request("direct:profile-field", null, Map.of("ListrakId", 302)))
                    .get("dataType").asText()).isEqualTo("Checkbox");
            assertCode(camel.send("direct:phone-list", null, Map.of("ListrakId", 9999)), null, "ERROR_INVALID_LIST_ID");
            assertCode(camel.send("direct:profile-field", null, Map.of("ListrakId", 9999)), null,
                    "ERROR_INVALID_SEGMENTATION_FIELD_ID");
            assertCode(camel.send("direct:disabled", null, Map.of()), null, "ERROR_SENDER_CODE_DISABLED");
            assertThat(failure(camel.send("direct:bad-op", null, Map.of()))).hasMessageContaining("'lists'");
            assertCode(camel.send("direct:wrong-secret", null, Map.of()), 401, "ERROR_INVALID_CREDENTIALS");
        }
        // pageSize 1: two active lists are two pages, then the cursor ends
        assertThat(sandbox.requests().entries(e -> "PhoneList_GetListCollection".equals(e.operationId())
                && e.path().contains("/1234/") && e.query().contains("status=active"))).hasSize(2);
    }

    @Test
    void transactionalMessagesListGetAndSendOnTheSenderCodeIdRoute(Sandbox sandbox) throws Exception {
        String phone = sandbox.api(ListrakSmsApi.class).seed().phone(45);
        try (KameletCamel camel = camel(sandbox)) {
            assertThat(read(camel.request("direct:tm-list", null, Map.of())))
                    .extracting(n -> n.get("transactionalMessageId").asInt()).contains(701, 702, 703);
            assertThat(read(camel.request("direct:tm-get", null, Map.of("ListrakId", 702)))
                    .get("transactionalMessageId").asInt()).isEqualTo(702);
            JsonNode sent = read(camel.request("direct:tm-send",
                    "{\"phoneNumber\":\"" + phone + "\",\"messageContent\":\"Your order shipped\"}", Map.of()));
            assertThat(sent.get("status").asInt()).isEqualTo(201);
            assertCode(camel.send("direct:tm-send", "{\"phoneNumber\":\"" + phone + "\",\"messageContent\":\"x\"}",
                    Map.of("ListrakId", 703)), 400, "ERROR_INVALID_PARAMETER"); // inactive message
            assertCode(camel.send("direct:tm-send", "{\"phoneNumber\":\"" + phone
                    + "\",\"messageContent\":\"Use [[coupon]] today\"}", Map.of()), 400,
                    "ERROR_TRANSACTIONAL_MESSAGE_CONTENT_COUPON_CODE");
            assertCode(camel.send("direct:tm-get", null, Map.of("ListrakId", 799)), null,
                    "ERROR_TRANSACTIONAL_MESSAGE_NOT_FOUND");
            assertThat(failure(camel.send("direct:tm-send", "{\"phoneNumber\":\"" + phone + "\"}", Map.of())))
                    .hasMessageContaining("messageContent");
        }
        assertThat(sandbox.ledger().since(0)).filteredOn(e -> "message".equals(e.entity())).hasSize(1);
        assertThat(sandbox.requests().entries(e -> "TransactionalMessage_PostTransactionalMessageSend"
                .equals(e.operationId()))).extracting(e -> e.path())
                .allMatch(p -> p.equals("/sms/v1/ShortCode/1234/PhoneList/5001/TransactionalMessage/701/Message")
                        || p.endsWith("/703/Message"));
    }

    @Test
    void broadcastValidatesTheTitleBeforeSendingAndRetriesServerErrors(Sandbox sandbox) throws Exception {
        sandbox.faults().add(new Faults.Rule().api("listrak-sms").operation("BroadcastMessage_PostImmediateBroadcast")
                .errors(100, 502).maxFaults(1));
        try (KameletCamel camel = camel(sandbox)) {
            for (String title : new String[] {"", "x".repeat(51)}) {
                assertThat(failure(camel.send("direct:broadcast",
                        "{\"messageTitle\":\"" + title + "\",\"messageContent\":\"Sale!\"}", Map.of())))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messageTitle")
                        .hasMessageContaining("'" + title + "'");
            }
            assertThat(sandbox.requests().count("listrak-sms", "BroadcastMessage_PostImmediateBroadcast")).isZero();
            JsonNode answer = read(camel.request("direct:broadcast",
                    "{\"messageTitle\":\"" + "x".repeat(50) + "\",\"messageContent\":\"Sale!\",\"segmentationFieldId\":302}",
                    Map.of()));
            assertThat(answer.get("status").asInt()).isEqualTo(201);
        }
        assertThat(sandbox.requests().entries(e -> "BroadcastMessage_PostImmediateBroadcast".equals(e.operationId())))
                .extracting(e -> e.status()).containsExactly(502, 201);
        assertThat(sandbox.ledger().since(0)).filteredOn(e -> "broadcast".equals(e.entity())).hasSize(1);
    }
}
