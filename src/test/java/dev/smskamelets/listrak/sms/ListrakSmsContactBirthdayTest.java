package dev.smskamelets.listrak.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.core.validate.InvalidFieldException;
import dev.smskamelets.test.MockVendor;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * {@code listrak-sms-contact-sink} sends {@code birthday} as the {@code date-time} the Listrak spec's SMSContact
 * requires: a date alone becomes midnight UTC of that day, anything unreadable is refused before any request with
 * an error naming the field. Against a stand-in that refuses what the spec forbids (not the lenient sandbox).
 */
class ListrakSmsContactBirthdayTest {

    /** Listrak as its spec says: OAuth2 token, then 201 {@code ResourceCreated}, 400 {@code Error} for a bad birthday. */
    static MockVendor listrak() {
        return new MockVendor(r -> {
            if (r.path().equals("/OAuth2/Token")) {
                return new MockVendor.Answer(200, "{\"access_token\":\"mock-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            }
            String birthday = r.json().path("birthday").asText(null);
            try {
                if (birthday != null) {
                    OffsetDateTime.parse(birthday);
                }
            } catch (java.time.format.DateTimeParseException e) {
                return new MockVendor.Answer(400, "{\"status\":400,\"error\":\"ERROR_INVALID_BIRTHDAY\",\"message\":\"birthday is not a date-time\"}");
            }
            return new MockVendor.Answer(201, "{\"status\":201,\"resourceId\":\"+12125550123\"}");
        });
    }

    static DefaultCamelContext camel(MockVendor listrak) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", """
                - route:
                    from:
                      uri: "direct:create"
                      steps:
                        - to:
                            uri: "kamelet:listrak-sms-contact-sink"
                            parameters:
                              baseUrl: "%s"
                              authUrl: "%s"
                              clientId: "mock-client"
                              clientSecret: "mock-secret"
                              senderCodeId: 1234
                              operation: create
                              phoneListId: 5001
                """.formatted(listrak.url("/sms"), listrak.url("/OAuth2/Token"))));
        context.start();
        return context;
    }

    static Exchange create(DefaultCamelContext context, String json) {
        return context.createProducerTemplate().send("direct:create", e -> e.getIn().setBody(json));
    }

    @Test
    void aDateOnlyBirthdayIsSentAsMidnightUtcAndADateTimeAsItsInstant() throws Exception {
        try (MockVendor listrak = listrak(); DefaultCamelContext context = camel(listrak)) {
            Exchange dateOnly = create(context, "{\"phoneNumber\":\"2125550123\",\"birthday\":\"1990-04-01\"}");
            assertThat(dateOnly.getException()).isNull();
            Exchange offset = create(context, "{\"phoneNumber\":\"2125550124\",\"birthday\":\"1990-04-01T08:30:00-05:00\"}");
            assertThat(offset.getException()).isNull();
            Exchange none = create(context, "{\"phoneNumber\":\"2125550125\",\"birthday\":null}");
            assertThat(none.getException()).isNull();
            var sent = listrak.requests("POST", "/sms/v1/ShortCode/1234/PhoneList/5001/Contact");
            assertThat(sent).extracting(r -> r.json().get("birthday").isNull() ? null : r.json().get("birthday").asText())
                    .containsExactly("1990-04-01T00:00:00Z", "1990-04-01T13:30:00Z", null);
        }
    }

    @Test
    void anUnreadableBirthdayIsRefusedBeforeAnyRequestNamingTheField() throws Exception {
        try (MockVendor listrak = listrak(); DefaultCamelContext context = camel(listrak)) {
            for (String bad : new String[] {"04/01/1990", "", "1990-13-01"}) {
                Exchange refused = create(context, MockVendor.json(Map.of("phoneNumber", "2125550123", "birthday", bad)));
                assertThat(refused.getException()).as(bad).isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("birthday");
                    assertThat(e.getMessage()).contains("birthday", "'" + bad + "'");
                });
            }
            assertThat(listrak.requests()).isEmpty();
        }
    }
}
