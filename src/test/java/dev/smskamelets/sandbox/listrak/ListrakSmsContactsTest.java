package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listrak SMS contacts, subscriptions, opt-outs, sends and account reads, with Listrak's ERROR_* codes. */
class ListrakSmsContactsTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private ListrakClient client;
    private String token;
    private SmsSeed seed;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        client = new ListrakClient(sandbox);
        token = client.token("sms");
        seed = sandbox.api(ListrakSmsApi.class).seed();
    }

    private String subscribedPhone(int k) {
        return seed.phone(seed.optOuts() + k);
    }

    @Test
    void getsASeededContactWithProfileValues() {
        String phone = subscribedPhone(0);
        ListrakClient.Answer answer = client.get("/sms/v1/ShortCode/1234/Contact/" + phone, token);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode data = answer.json().get("data");
        assertThat(data.get("phoneNumber").asText()).isEqualTo(phone);
        assertThat(data.get("optedOut").asBoolean()).isFalse();
        assertThat(data.get("emailAddress").asText()).endsWith("@example.com");
        assertThat(data.get("segmentationFieldValues")).isNotEmpty();
        assertThat(client.get("/sms/v1/ShortCode/1234/Contact/%2B1" + phone, token).status())
                .as("+1 prefixed form is the same contact").isEqualTo(200);
    }

    @Test
    void unknownAndInvalidPhonesGetTheirErrorCodes() {
        ListrakClient.Answer unknown = client.get("/sms/v1/ShortCode/1234/Contact/9995550100", token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("ERROR_PHONE_NUMBER_NOT_FOUND");
        ListrakClient.Answer invalid = client.get("/sms/v1/ShortCode/1234/Contact/12ab", token);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("error").asText()).isEqualTo("ERROR_INVALID_PHONE_NUMBER");
        assertThat(invalid.json().get("message").asText()).contains("12ab");
        ListrakClient.Answer disabled = client.get("/sms/v1/ShortCode/1236/PhoneList", token);
        assertThat(disabled.json().get("error").asText()).isEqualTo("ERROR_SENDER_CODE_DISABLED");
        ListrakClient.Answer missingCode = client.get("/sms/v1/ShortCode/999", token);
        assertThat(missingCode.status()).isEqualTo(404);
        assertThat(missingCode.json().get("error").asText()).isEqualTo("ERROR_UNABLE_TO_LOCATE_RESOURCE");
        ListrakClient.Answer route = client.get("/sms/v1/Nowhere", token);
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().get("error").asText()).isEqualTo("ERROR_UNKNOWN_ROUTE");
    }

    @Test
    void createsAndSubscribesThenRefusesADuplicate(Sandbox sandbox) {
        Map<String, Object> body = Map.of("phoneNumber", "2125550142", "firstName", "Zoe", "emailAddress", "zoe@example.org",
                "segmentationFieldValues", List.of(Map.of("segmentationFieldId", 301, "value", "Airport")));
        long mark = sandbox.ledger().mark();
        ListrakClient.Answer created = client.call("POST", "/sms/v1/ShortCode/1234/PhoneList/5001/Contact", token, body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("resourceId").asText()).isEqualTo("2125550142");
        ListrakClient.Answer again = client.call("POST", "/sms/v1/ShortCode/1234/PhoneList/5001/Contact", token, body);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asText()).isEqualTo("ERROR_PHONE_NUMBER_FOUND");
        JsonNode contact = client.get("/sms/v1/ShortCode/1234/Contact/2125550142", token).json().get("data");
        assertThat(contact.get("firstName").asText()).isEqualTo("Zoe");
        assertThat(contact.get("segmentationFieldValues").get(0).get("value").asText()).isEqualTo("Airport");
        assertThat(sandbox.ledger().since(mark)).extracting(Ledger.Entry::key).contains("1234:2125550142");
        ListrakClient.Answer inactive = client.call("POST", "/sms/v1/ShortCode/1234/PhoneList/5003/Contact", token,
                Map.of("phoneNumber", "2125550143"));
        assertThat(inactive.json().get("error").asText()).isEqualTo("ERROR_LIST_INACTIVE");
        ListrakClient.Answer badList = client.call("POST", "/sms/v1/ShortCode/1234/PhoneList/5101/Contact", token,
                Map.of("phoneNumber", "2125550143"));
        assertThat(badList.json().get("error").asText()).isEqualTo("ERROR_INVALID_LIST_ID");
    }

    @Test
    void updateValidatesFieldsAndOptsOutButNeverOptsIn(Sandbox sandbox) {
        String phone = subscribedPhone(3);
        ListrakClient.Answer badEmail = client.call("PUT", "/sms/v1/ShortCode/1234/Contact", token,
                Map.of("phoneNumber", phone, "emailAddress", "not-an-email"));
        assertThat(badEmail.json().get("error").asText()).isEqualTo("ERROR_INVALID_EMAIL_ADDRESS");
        ListrakClient.Answer tooLong = client.call("PUT", "/sms/v1/ShortCode/1234/Contact", token, Map.of("phoneNumber", phone,
                "segmentationFieldValues", List.of(Map.of("segmentationFieldId", 301, "value", "x".repeat(51)))));
        assertThat(tooLong.json().get("error").asText()).isEqualTo("ERROR_SEGMENTATION_MAX_LENGTH");
        ListrakClient.Answer disabled = client.call("PUT", "/sms/v1/ShortCode/1234/Contact", token, Map.of("phoneNumber", phone,
                "segmentationFieldValues", List.of(Map.of("segmentationFieldId", 305, "value", "x"))));
        assertThat(disabled.json().get("error").asText()).isEqualTo("ERROR_SEGMENTATION_FIELD_DISABLED");
        ListrakClient.Answer unknownField = client.call("PUT", "/sms/v1/ShortCode/1234/Contact", token, Map.of("phoneNumber", phone,
                "segmentationFieldValues", List.of(Map.of("segmentationFieldId", 999, "value", "x"))));
        assertThat(unknownField.json().get("error").asText()).isEqualTo("ERROR_INVALID_SEGMENTATION_FIELD_ID");
        ListrakClient.Answer missing = client.call("PUT", "/sms/v1/ShortCode/1234/Contact", token, Map.of("phoneNumber", "9995550100"));
        assertThat(missing.json().get("error").asText()).isEqualTo("ERROR_PHONE_NUMBER_NOT_FOUND");

        ListrakClient.Answer optOut = client.call("PUT", "/sms/v1/ShortCode/1234/Contact", token,
                Map.of("phoneNumber", phone, "optedOut", true, "lastName", "Quit"));
        assertThat(optOut.status()).isEqualTo(200);
        JsonNode contact = client.get("/sms/v1/ShortCode/1234/Contact/" + phone, token).json().get("data");
        assertThat(contact.get("optedOut").asBoolean()).isTrue();
        assertThat(contact.get("unsubscribeDate").isNull()).isFalse();
        assertThat(contact.get("lastName").asText()).isEqualTo("Quit");

        client.call("PUT", "/sms/v1/ShortCode/1234/Contact", token, Map.of("phoneNumber", phone, "optedOut", false));
        assertThat(client.get("/sms/v1/ShortCode/1234/Contact/" + phone, token).json().get("data").get("optedOut").asBoolean())
                .as("the API cannot opt a contact back in").isTrue();
        JsonNode last = lastOptOut();
        assertThat(last.get("phoneNumber").asText()).isEqualTo(phone);
        assertThat(last.get("optOutReason").asText()).isEqualTo("API");
        assertThat(sandbox.ledger().writes("listrak-sms", "contact", "1234:" + phone)).isEqualTo(2); // update + opt-out
    }

    private JsonNode lastOptOut() {
        String next = "/sms/v1/ShortCode/1234/OptOut?count=5000";
        JsonNode data = null;
        while (next != null) {
            JsonNode page = client.get(next, token).json();
            data = page.get("data");
            next = page.hasNonNull("nextPageCursor") ? page.get("nextPageCursor").asText() : null;
        }
        return data.get(data.size() - 1);
    }

    @Test
    void subscribeWithoutBodyAndUnsubscribeByTheContactUnsubscribeRoute() {
        String phone = subscribedPhone(1); // index optOuts+1: not on the VIP list (every third)
        String path = "/sms/v1/ShortCode/1234/Contact/" + phone + "/PhoneList/5002";
        boolean onVip = seed.onList(seed.optOuts() + 1, 5002);
        if (!onVip) {
            assertThat(client.call("POST", path, token, null).status()).isEqualTo(201);
        }
        ListrakClient.Answer twice = client.call("POST", path, token, null);
        assertThat(twice.json().get("error").asText()).isEqualTo("ERROR_SUBSCRIBED_PHONE_NUMBER");
        JsonNode lists = client.get("/sms/v1/ShortCode/1234/Contact/" + phone + "/PhoneList", token).json().get("data");
        assertThat(lists).anySatisfy(l -> {
            assertThat(l.get("phoneListId").asInt()).isEqualTo(5002);
            assertThat(l.get("subscriptionState").asText()).isEqualTo("Subscribed");
        });
        String unsubscribe = "/sms/v1/ShortCode/1234/ContactUnsubscribe/" + phone + "/PhoneList/5002";
        ListrakClient.Answer gone = client.call("DELETE", unsubscribe, token, null);
        assertThat(gone.status()).isEqualTo(200);
        assertThat(gone.json().get("status").asInt()).isEqualTo(200);
        ListrakClient.Answer again = client.call("DELETE", unsubscribe, token, null);
        assertThat(again.json().get("error").asText()).isEqualTo("ERROR_PHONE_NUMBER_NOT_SUBSCRIBED");
        ListrakClient.Answer optedOut = client.call("POST", "/sms/v1/ShortCode/1234/Contact/" + seed.phone(1) + "/PhoneList/5002", token, null);
        assertThat(optedOut.status()).isEqualTo(400);
        assertThat(optedOut.json().get("message").asText()).contains("opted out");
    }

    @Test
    void inboundStopOptsOutLikeACustomerReply(Sandbox sandbox) {
        String phone = subscribedPhone(5);
        ListrakClient.Answer stop = client.call("POST", "/sandbox/listrak/sms/inbound", null, Map.of("phoneNumber", phone, "text", " stop "));
        assertThat(stop.status()).isEqualTo(200);
        assertThat(stop.json().get("action").asText()).isEqualTo("opted-out");
        assertThat(stop.json().get("optOutReason").asText()).isEqualTo("Campaign");
        assertThat(client.get("/sms/v1/ShortCode/1234/Contact/" + phone, token).json().get("data").get("optedOut").asBoolean()).isTrue();
        assertThat(client.call("POST", "/sandbox/listrak/sms/inbound", null, Map.of("phoneNumber", phone, "text", "STOP"))
                .json().get("action").asText()).isEqualTo("already-opted-out");
        assertThat(sandbox.ledger().writes("listrak-sms", "contact", "1234:" + phone)).isEqualTo(1);
    }

    @Test
    void broadcastsCountTheAudienceAndTitlesOver50AreContractViolations(Sandbox sandbox) {
        ListrakClient.Answer sent = client.call("POST", "/sms/v1/ShortCode/1234/Broadcast/Immediate", token,
                Map.of("phoneListId", 5001, "messageContent", "Sale today!", "messageTitle", "Spring sale", "segmentationFieldId", "302"));
        assertThat(sent.status()).isEqualTo(201);
        JsonNode log = client.get("/sandbox/listrak/sms/sent", null).json();
        JsonNode broadcast = log.get(log.size() - 1);
        assertThat(broadcast.get("id").asText()).isEqualTo(sent.json().get("resourceId").asText());
        long vip = java.util.stream.LongStream.range(seed.optOuts(), seed.size())
                .filter(i -> "true".equals(seed.fieldValue(i, 302))).count();
        assertThat(broadcast.get("recipients").asLong()).isLessThanOrEqualTo(vip).isGreaterThan(vip - 5);
        ListrakClient.Answer notCheckbox = client.call("POST", "/sms/v1/ShortCode/1234/Broadcast/Immediate", token,
                Map.of("phoneListId", 5001, "messageContent", "x", "messageTitle", "t", "segmentationFieldId", "301"));
        assertThat(notCheckbox.json().get("error").asText()).isEqualTo("ERROR_INVALID_SEGMENTATION_FIELD_ID");

        SANDBOX.expectViolations();
        ListrakClient.Answer longTitle = client.call("POST", "/sms/v1/ShortCode/1234/Broadcast/Immediate", token,
                Map.of("phoneListId", 5001, "messageContent", "x", "messageTitle", "t".repeat(51)));
        assertThat(longTitle.status()).isEqualTo(400);
        assertThat(longTitle.json().get("error").asText()).isEqualTo("ERROR_INVALID_PARAMETER");
        assertThat(sandbox.contract().violations()).singleElement().satisfies(v -> {
            assertThat(v.operationId()).isEqualTo("BroadcastMessage_PostImmediateBroadcast");
            assertThat(v.messages()).contains("messageTitle").contains("too long");
        });
    }

    @Test
    void transactionalSendUsesTheSenderCodeIdRoute(Sandbox sandbox) {
        String phone = subscribedPhone(2);
        long mark = sandbox.ledger().mark();
        ListrakClient.Answer sent = client.call("POST", "/sms/v1/ShortCode/1234/PhoneList/5001/TransactionalMessage/701/Message",
                token, Map.of("phoneNumber", phone, "messageContent", "Order 42 shipped"));
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sandbox.ledger().since(mark)).singleElement().satisfies(e -> assertThat(e.entity()).isEqualTo("message"));
        ListrakClient.Answer optedOut = client.call("POST", "/sms/v1/ShortCode/1234/PhoneList/5001/TransactionalMessage/701/Message",
                token, Map.of("phoneNumber", seed.phone(0), "messageContent", "hi"));
        assertThat(optedOut.json().get("error").asText()).isEqualTo("ERROR_PHONE_NUMBER_NOT_SUBSCRIBED");
        ListrakClient.Answer coupon = client.call("POST", "/sms/v1/ShortCode/1234/PhoneList/5001/TransactionalMessage/701/Message",
                token, Map.of("phoneNumber", phone, "messageContent", "Use [[Coupon]]"));
        assertThat(coupon.json().get("error").asText()).isEqualTo("ERROR_TRANSACTIONAL_MESSAGE_CONTENT_COUPON_CODE");
        ListrakClient.Answer unknown = client.call("POST", "/sms/v1/ShortCode/1234/PhoneList/5001/TransactionalMessage/711/Message",
                token, Map.of("phoneNumber", phone));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("ERROR_TRANSACTIONAL_MESSAGE_NOT_FOUND");
        ListrakClient.Answer notNumeric = client.call("POST", "/sms/v1/ShortCode/abc/PhoneList/5001/TransactionalMessage/701/Message",
                token, Map.of("phoneNumber", phone));
        assertThat(notNumeric.json().get("message").asText()).contains("senderCodeId").contains("abc");
    }

    @Test
    void accountReadsMatchTheInfo() {
        JsonNode codes = client.get("/sms/v1/ShortCode", token).json().get("data");
        assertThat(codes).extracting(c -> c.get("shortCodeId").asInt()).containsExactly(1234, 1235, 1236);
        assertThat(client.get("/sms/v1/ShortCode/1234", token).json().get("data").get("code").asText()).isEqualTo("12345");
        assertThat(client.get("/sms/v1/ShortCode/1234/PhoneList/5001", token).json().get("phoneListName").asText()).isEqualTo("Marketing");
        assertThat(client.get("/sms/v1/ShortCode/1234/SegmentationField", token).json().get("data")).hasSize(5);
        assertThat(client.get("/sms/v1/ShortCode/1234/SegmentationField/302", token).json().get("data").get("dataType").asText())
                .isEqualTo("Checkbox");
        assertThat(client.get("/sms/v1/ShortCode/1234/PhoneList/5001/TransactionalMessage", token).json().get("data")).hasSize(3);
        assertThat(client.get("/sms/v1/ShortCode/1234/PhoneList/5001/TransactionalMessage/702", token).json()
                .get("transactionalMessageName").asText()).isEqualTo("Password Reset");
        JsonNode info = client.get("/sandbox/info", null).json().path("apis").path("listrak-sms");
        assertThat(info.path("senderCodes")).hasSize(3);
        assertThat(info.path("phoneLists")).hasSize(4);
        assertThat(info.path("seed").path("optOuts").asInt()).isEqualTo(40);
    }

    @Test
    void malformedBodiesAndWrongContentTypesAreContractViolations(Sandbox sandbox) {
        SANDBOX.expectViolations();
        ListrakClient.Answer broken = client.call("PUT", "/sms/v1/ShortCode/1234/Contact", token, "{\"phoneNumber\": ");
        assertThat(broken.status()).as(broken.body()).isEqualTo(400);
        assertThat(broken.json().get("error").asText()).as(broken.body()).isEqualTo("ERROR_MALFORMED_REQUEST_BODY");
        ListrakClient.Answer text = client.send(client.request("/sms/v1/ShortCode/1234/Contact", token)
                .header("Content-Type", "text/plain").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("phone")));
        assertThat(text.status()).as(text.body()).isEqualTo(415);
        assertThat(text.json().get("error").asText()).isEqualTo("ERROR_UNSUPPORTED_CONTENT_TYPE");
        assertThat(sandbox.contract().violations()).hasSize(2);
    }

    @Test
    void wrongMethodOnAKnownRouteIs405() {
        ListrakClient.Answer answer = client.call("DELETE", "/sms/v1/ShortCode/1234/OptOut", token, null);
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.json().get("error").asText()).isEqualTo("ERROR_UNSUPPORTED_METHOD");
    }
}
