package dev.smskamelets.listrak.sms;

import static dev.smskamelets.test.KameletCamel.control;
import static dev.smskamelets.test.KameletCamel.failure;
import static dev.smskamelets.test.KameletCamel.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.core.phone.InvalidPhoneNumberException;
import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contact sinks and actions against the Listrak SMS sandbox: create, update (fields and profile fields), opt out,
 * subscribe/unsubscribe, get with subscriptions; Listrak's ERROR_* codes in the VendorApiException; invalid phones
 * refused before any request; retries and a token revoked between calls.
 */
class ListrakSmsContactKameletsTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.contacts", 60);

    static KameletCamel camel(Sandbox sandbox) throws Exception {
        KameletCamel camel = KameletCamel.listrakSms(sandbox);
        String c = camel.connection(18);
        camel.start("""
                - route:
                    from:
                      uri: "direct:create"
                      steps:
                        - to:
                            uri: "kamelet:listrak-sms-contact-sink"
                            parameters:
                %s                  senderCodeId: 1234
                                  operation: create
                                  phoneListId: 5001
                - route:
                    from:
                      uri: "direct:update"
                      steps:
                        - to:
                            uri: "kamelet:listrak-sms-contact-sink"
                            parameters:
                %s                  senderCodeId: 1234
                                  operation: update
                - route:
                    from:
                      uri: "direct:optout"
                      steps:
                        - to:
                            uri: "kamelet:listrak-sms-contact-optout-sink"
                            parameters:
                %s                  senderCodeId: 1234
                - route:
                    from:
                      uri: "direct:subscribe"
                      steps:
                        - to:
                            uri: "kamelet:listrak-sms-list-subscription-sink"
                            parameters:
                %s                  senderCodeId: 1234
                                  operation: subscribe
                                  phoneListId: 5002
                - route:
                    from:
                      uri: "direct:unsubscribe"
                      steps:
                        - to:
                            uri: "kamelet:listrak-sms-list-subscription-sink"
                            parameters:
                %s                  senderCodeId: 1234
                                  operation: unsubscribe
                                  phoneListId: 5002
                - route:
                    from:
                      uri: "direct:get"
                      steps:
                        - to:
                            uri: "kamelet:listrak-sms-contact-get-action"
                            parameters:
                %s                  senderCodeId: 1234
                """.formatted(c, c, c, c, c, c));
        return camel;
    }

    static final String NEW_PHONE = "(646) 736-2291";
    static final String NEW_E164 = "+16467362291";

    @Test
    void createsUpdatesSubscribesUnsubscribesGetsAndOptsOutAContact(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = camel(sandbox)) {
            String created = camel.request("direct:create", """
                    {"phoneNumber":"%s","firstName":"Ada","emailAddress":"ada@example.com",
                     "segmentationFieldValues":[{"segmentationFieldId":301,"value":"Downtown"}]}""".formatted(NEW_PHONE),
                    Map.of());
            assertThat(read(created).get("status").asInt()).isEqualTo(201);
            JsonNode state = control(sandbox, "/sandbox/listrak/sms/contacts/" + NEW_E164);
            assertThat(state.get("firstName").asText()).isEqualTo("Ada");
            assertThat(state.at("/lists/5001/subscriptionState").asText()).isEqualTo("Subscribed");

            camel.request("direct:update", """
                    {"phoneNumber":"%s","lastName":"Lovelace",
                     "segmentationFieldValues":[{"segmentationFieldId":303,"value":"42"}]}""".formatted(NEW_E164), Map.of());
            state = control(sandbox, "/sandbox/listrak/sms/contacts/" + NEW_E164);
            assertThat(state.get("lastName").asText()).isEqualTo("Lovelace");
            assertThat(state.get("segmentationFieldValues").toString()).contains("\"value\":\"42\"", "Downtown");

            camel.request("direct:subscribe", null, Map.of("phoneNumber", NEW_PHONE));
            JsonNode got = read(camel.request("direct:get", null, Map.of("phoneNumber", NEW_PHONE)));
            assertThat(got.at("/contact/lastName").asText()).isEqualTo("Lovelace");
            assertThat(got.get("subscriptions")).extracting(s -> s.get("phoneListId").asInt()).containsExactlyInAnyOrder(5001, 5002);

            camel.request("direct:unsubscribe", "{\"phoneNumber\":\"" + NEW_E164 + "\"}", Map.of());
            state = control(sandbox, "/sandbox/listrak/sms/contacts/" + NEW_E164);
            assertThat(state.at("/lists/5002/subscriptionState").asText()).isNotEqualTo("Subscribed");

            camel.request("direct:optout", null, Map.of("phoneNumber", NEW_E164));
            state = control(sandbox, "/sandbox/listrak/sms/contacts/" + NEW_E164);
            assertThat(state.get("optedOut").asBoolean()).isTrue();
            assertThat(state.get("optOutReason").asText()).isEqualTo("API");
        }
        String key = "1234:6467362291";
        assertThat(sandbox.ledger().writes("listrak-sms", "contact", key)).isGreaterThanOrEqualTo(5);
        assertThat(sandbox.requests().count("listrak-sms", "Contact_PutContactResource")).isEqualTo(2);
    }

    @Test
    void listrakRefusalsCarryTheirErrorCode(Sandbox sandbox) throws Exception {
        String existing = sandbox.api(ListrakSmsApi.class).seed().phone(45);
        try (KameletCamel camel = camel(sandbox)) {
            assertCode(camel.send("direct:create", "{\"phoneNumber\":\"" + existing + "\"}", Map.of()), 400,
                    "ERROR_PHONE_NUMBER_FOUND");
            assertCode(camel.send("direct:update", "{\"phoneNumber\":\"+12025550188\"}", Map.of()), 404,
                    "ERROR_PHONE_NUMBER_NOT_FOUND");
            assertCode(camel.send("direct:get", null, Map.of("phoneNumber", "+12025550188")), 404,
                    "ERROR_PHONE_NUMBER_NOT_FOUND");
            assertCode(camel.send("direct:update", "{\"phoneNumber\":\"" + existing + "\",\"emailAddress\":\"nope\"}",
                    Map.of()), 400, "ERROR_INVALID_EMAIL_ADDRESS");
            assertCode(camel.send("direct:update", "{\"phoneNumber\":\"" + existing
                    + "\",\"segmentationFieldValues\":[{\"segmentationFieldId\":999,\"value\":\"x\"}]}", Map.of()),
                    400, "ERROR_INVALID_SEGMENTATION_FIELD_ID");
            assertCode(camel.send("direct:update", "{\"phoneNumber\":\"" + existing
                    + "\",\"segmentationFieldValues\":[{\"segmentationFieldId\":301,\"value\":\"" + "x".repeat(51)
                    + "\"}]}", Map.of()), 400, "ERROR_SEGMENTATION_MAX_LENGTH");
            assertCode(camel.send("direct:unsubscribe", null, Map.of("phoneNumber",
                    sandbox.api(ListrakSmsApi.class).seed().phone(46))),
                    null, "ERROR_PHONE_NUMBER_NOT_SUBSCRIBED");
        }
    }

    @Test
    void anInvalidPhoneFailsThatRecordAloneBeforeAnyRequest(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = camel(sandbox)) {
            for (String uri : new String[] {"direct:create", "direct:update", "direct:optout"}) {
                Exchange failed = camel.send(uri, "{\"phoneNumber\":\"12ab\"}", Map.of());
                assertThat(failure(failed)).isInstanceOf(InvalidPhoneNumberException.class)
                        .hasMessageContaining("phoneNumber").hasMessageContaining("'12ab'");
            }
            Exchange failed = camel.send("direct:subscribe", null, Map.of("phoneNumber", "555"));
            assertThat(failure(failed)).isInstanceOf(InvalidPhoneNumberException.class).hasMessageContaining("'555'");
            // the next record goes through: a bad record is not a failed run
            camel.request("direct:optout", null, Map.of("phoneNumber", sandbox.api(ListrakSmsApi.class).seed().phone(50)));
        }
        assertThat(sandbox.requests().count("listrak-sms", "Contact_PostContactListResource")).isZero();
        assertThat(sandbox.requests().count("listrak-sms", "ContactListSubscription_PostContactListSubscription")).isZero();
        assertThat(sandbox.requests().count("listrak-sms", "Contact_PutContactResource")).isEqualTo(1);
    }

    @Test
    void retriesServerErrorsAndRateLimitsAndSurvivesARevokedToken(Sandbox sandbox) throws Exception {
        String phone = sandbox.api(ListrakSmsApi.class).seed().phone(55);
        try (KameletCamel camel = camel(sandbox)) {
            camel.request("direct:get", null, Map.of("phoneNumber", phone)); // a token is cached
            sandbox.faults().revokeTokens("listrak-sms");
            sandbox.faults().add(new Faults.Rule().api("listrak-sms").operation("Contact_PutContactResource")
                    .errors(100, 503).maxFaults(2));
            sandbox.faults().add(new Faults.Rule().api("listrak-sms").operation("Contact_GetContactResource")
                    .rateLimit(0.001, "seconds").maxFaults(1));
            camel.request("direct:update", "{\"phoneNumber\":\"" + phone + "\",\"firstName\":\"Retry\"}", Map.of());
            JsonNode got = read(camel.request("direct:get", null, Map.of("phoneNumber", phone)));
            assertThat(got.at("/contact/firstName").asText()).isEqualTo("Retry");
        }
        assertThat(sandbox.requests().entries(e -> "Contact_PutContactResource".equals(e.operationId())))
                .extracting(e -> e.status()).containsExactly(503, 503, 401, 200) /* faults come before auth */;
        assertThat(sandbox.ledger().writes("listrak-sms", "contact", "1234:" + phone.replace("+1", ""))).isEqualTo(1);
    }

    static void assertCode(Exchange exchange, Integer status, String code) {
        assertThat(failure(exchange)).isInstanceOf(VendorApiException.class);
        VendorApiException e = (VendorApiException) failure(exchange);
        assertThat(e.getVendorCode()).isEqualTo(code);
        if (status != null) {
            assertThat(e.getStatus()).isEqualTo(status);
        }
    }
}
