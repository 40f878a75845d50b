package dev.smskamelets.core.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.core.deadletter.DescribedFailure;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNormalizerTest {

    static PhoneNormalizer forTarget(String target) {
        PhoneNormalizer n = new PhoneNormalizer();
        n.setTarget(target);
        return n;
    }

    @ParameterizedTest
    @CsvSource({
        "listrak-sms, (415) 555-2671, +14155552671",
        "listrak-sms, 415.555.2671, +14155552671",
        "textable, +1 415 555 2671, +14155552671",
        "textable, +44 20 7946 0958, +442079460958",
        "textrequest, +1 (415) 555-2671, 4155552671",
        "textrequest, 14155552671, 4155552671",
        "textrequest, 415-555-2671, 4155552671",
        "NANP_11, 415-555-2671, 14155552671",
        "E164, 011 33 1 42 68 53 00, +33142685300",
    })
    void formatsPerTarget(String target, String raw, String expected) {
        assertThat(forTarget(target).normalize(raw)).isEqualTo(expected);
    }

    @Test
    void defaultRegionReadsNationalNumbers() {
        PhoneNormalizer n = forTarget("listrak");
        n.setDefaultRegion("gb");
        assertThat(n.normalize("020 7946 0958")).isEqualTo("+442079460958");
    }

    @ParameterizedTest
    @CsvSource(value = {
        "listrak-sms| 12345| not a valid number",
        "listrak-sms| call me| ",
        "listrak-sms| +1 555 123 4567| not a valid number",
        "textrequest| +44 20 7946 0958| not a North American (+1) number",
        "textable| ''| missing",
    }, delimiter = '|')
    void invalidNumbersNameFieldAndValue(String target, String raw, String reason) {
        PhoneNormalizer n = forTarget(target);
        n.setField("mobile");
        assertThatThrownBy(() -> n.normalize(raw))
                .isInstanceOf(InvalidPhoneNumberException.class).isInstanceOf(DescribedFailure.class)
                .hasMessageContaining("mobile").hasMessageContaining("'" + raw + "'")
                .hasMessageContaining(reason == null ? "" : reason)
                .satisfies(e -> {
                    DescribedFailure d = (DescribedFailure) e;
                    assertThat(d.vendorCode()).isEqualTo("INVALID_PHONE_NUMBER");
                    assertThat(d.operation()).isEqualTo("mobile");
                    assertThat(d.vendor()).isEqualTo(target);
                    assertThat(d.retryable()).isFalse();
                });
    }

    @Test
    void possibleValidationAcceptsFictional555Numbers() {
        PhoneNormalizer n = forTarget("textrequest");
        n.setValidation("possible");
        assertThat(n.normalize("+1 555 123 4567")).isEqualTo("5551234567");
        assertThatThrownBy(() -> n.normalize("555 123")).hasMessageContaining("wrong length");
    }

    @Test
    void badPropertiesAreClearErrors() {
        PhoneNormalizer n = new PhoneNormalizer();
        assertThatThrownBy(() -> n.setTarget("sms")).hasMessageContaining("'sms'");
        assertThatThrownBy(() -> n.setDefaultRegion("USA")).hasMessageContaining("defaultRegion").hasMessageContaining("USA");
        assertThatThrownBy(() -> n.setValidation("loose")).hasMessageContaining("validation");
    }

    @Test
    void worksInRoutesOnHeaderMapBodyAndBeanMethod() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("textrequestPhones", forTarget("textrequest"));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:processor").process("textrequestPhones");
                    from("direct:method").setBody(simple("${bean:textrequestPhones?method=normalize(${header.raw})}"));
                }
            });
            camel.start();
            var t = camel.createProducerTemplate();
            var ex = t.request("direct:processor", e -> e.getMessage().setHeader("phone", "+14155552671"));
            assertThat(ex.getMessage().getHeader("phone")).isEqualTo("4155552671");
            Map<String, Object> body = new HashMap<>(Map.of("phone", "(415) 555-2671", "name", "Ann"));
            assertThat(t.requestBody("direct:processor", body, Map.class)).containsEntry("phone", "4155552671");
            assertThat(t.requestBodyAndHeader("direct:method", null, "raw", "415 555 2671", String.class)).isEqualTo("4155552671");
        }
    }
}
