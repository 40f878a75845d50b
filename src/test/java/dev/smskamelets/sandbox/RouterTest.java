package dev.smskamelets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router router = new Router()
            .add("GET", "/v1/ShortCode/{senderCodeId}/Contact/{phoneNumber}", "getContact", r -> null)
            .add("GET", "/v1/ShortCode/{senderCodeId}/Contact/Import", "importStatus", r -> null)
            .add("DELETE", "/tickets", "closeTicket", r -> null);

    @Test
    void matchesTemplateAndExtractsParameters() {
        Router.Match match = router.match("GET", "/v1/ShortCode/12/Contact/+15551234567");
        assertThat(match.route().operationId()).isEqualTo("getContact");
        assertThat(match.pathParams()).containsEntry("senderCodeId", "12").containsEntry("phoneNumber", "+15551234567");
    }

    @Test
    void literalSegmentWinsOverParameter() {
        assertThat(router.match("GET", "/v1/ShortCode/12/Contact/Import").route().operationId()).isEqualTo("importStatus");
    }

    @Test
    void methodMustMatchAndTrailingSlashIsIgnored() {
        assertThat(router.match("GET", "/tickets")).isNull();
        assertThat(router.pathKnown("/tickets")).isTrue();
        assertThat(router.match("DELETE", "/tickets/").route().operationId()).isEqualTo("closeTicket");
    }

    @Test
    void unknownPathAndEmptyParameterDoNotMatch() {
        assertThat(router.match("GET", "/v1/ShortCode/12/Contact")).isNull();
        assertThat(router.match("GET", "/v1/ShortCode//Contact/x")).isNull();
        assertThat(router.pathKnown("/nope")).isFalse();
    }
}
