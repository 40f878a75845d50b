package dev.smskamelets.core.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.core.deadletter.DescribedFailure;
import java.util.HashMap;
import java.util.List;
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

    /**
     * The plain-NANP shortcut answers exactly as libphonenumber does under {@code possible} validation, for every
     * format, on random and edge-case inputs (including those it must leave to libphonenumber).
     */
    @Test
    void plainNanpShortcutAgreesWithLibphonenumber() {
        java.util.Random random = new java.util.Random(7);
        List<String> inputs = new java.util.ArrayList<>(List.of("+12125550123", "2125550123", "12125550123",
                "+11125550123", "1125550123", "2121550123", "+1212555012", "+121255501234", "0125550123",
                "+12125550l23", "+44 20 7946 0958", "+442079460958", "12125550123 ", "(212) 555-0123"));
        for (int i = 0; i < 5000; i++) {
            String digits = String.format("%010d", Math.floorMod(random.nextLong(), 10_000_000_000L));
            inputs.add(switch (i % 3) {
                case 0 -> "+1" + digits;
                case 1 -> digits;
                default -> "1" + digits;
            });
        }
        for (String region : List.of("US", "CA", "GB")) {
            for (String target : List.of("listrak", "textrequest", "nanp_11")) {
                PhoneNormalizer fast = new PhoneNormalizer();
                fast.setTarget(target);
                fast.setValidation("possible");
                fast.setDefaultRegion(region);
                for (String raw : inputs) {
                    String shortcut = fast.plainNanp(raw);
                    if (shortcut == null) {
                        continue;
                    }
                    com.google.i18n.phonenumbers.PhoneNumberUtil util =
                            com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
                    com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parsed;
                    try {
                        parsed = util.parse(raw, region);
                    } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                        throw new AssertionError("shortcut took '" + raw + "' that libphonenumber refuses", e);
                    }
                    assertThat(util.isPossibleNumber(parsed)).as("possible: %s (%s)", raw, region).isTrue();
                    assertThat(parsed.getCountryCode()).as(raw).isEqualTo(1);
                    assertThat(String.valueOf(parsed.getNationalNumber())).as("national digits of %s (%s)", raw, region)
                            .isEqualTo(shortcut);
                    assertThat(fast.normalize(raw)).isEqualTo(switch (fast.getFormat()) {
                        case E164 -> util.format(parsed, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164);
                        case NANP_10 -> String.valueOf(parsed.getNationalNumber());
                        case NANP_11 -> "1" + parsed.getNationalNumber();
                    });
                }
            }
        }
        PhoneNormalizer strict = new PhoneNormalizer();
        assertThat(strict.getValidation()).isEqualTo("valid");
        PhoneNormalizer possible = new PhoneNormalizer();
        possible.setValidation("possible");
        assertThat(possible.normalize("phone", "+12115550123")).as("possible, through the shortcut").isEqualTo("+12115550123");
        assertThatThrownBy(() -> strict.normalize("phone", "+12115550123")).as("strict keeps libphonenumber's rules")
                .isInstanceOf(InvalidPhoneNumberException.class);
    }
}
