package dev.smskamelets.listrak.sms;

import static dev.smskamelets.test.KameletCamel.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code listrak-sms-contact-source}: every contact of a list across many pages, then only the contacts
 * subscribed since the last window; opted-out contacts on request; an empty list still advances the window.
 */
class ListrakSmsContactSourceTest {

    static final int CONTACTS = 12_000;
    static final int OPT_OUTS = 40;

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.contacts", CONTACTS)
            .option("listrak.optOuts", OPT_OUTS);

    static String source(KameletCamel camel, String params) {
        return """
                - route:
                    from:
                      uri: "kamelet:listrak-sms-contact-source"
                      parameters:
                %s%s
                      steps:
                        - process:
                            ref: collector
                """.formatted(camel.connection(12), (params + "\nschedule: \"" + dev.smskamelets.test.Cron.once() + "\"").strip().lines().map(l -> "            " + l)
                .reduce((a, b) -> a + "\n" + b).orElse(""));
    }

    @Test
    void readsEveryContactThenOnlyContactsSubscribedSinceTheLastWindow(Sandbox sandbox) throws Exception {
        MemoryStateRepository state = new MemoryStateRepository();
        String params = "senderCodeId: 1234\nphoneListId: 5001\npageSize: 5000";
        try (KameletCamel camel = KameletCamel.listrakSms(sandbox).bind("smsStateRepository", state)) {
            camel.start(source(camel, params));
            assertThat(camel.awaitPass(180)).isTrue();
            assertThat(camel.bodies()).hasSize(CONTACTS)
                    .extracting(r -> read(r).get("phoneNumber").asText()).doesNotHaveDuplicates();
        }
        String key = state.getState("listrak-sms-contacts/listrak-sms-contacts-"
                + KameletCamel.info(sandbox, "listrak-sms").get("clientId").asText() + "-1234-5001-false");
        assertThat(key).isNotNull();
        assertThat(sandbox.requests().entries(e -> "Contact_GetContactCollection".equals(e.operationId())))
                .hasSize(3).allMatch(e -> e.query().contains("startSubscribeDate=1970-01-01T00:00:00Z"));

        sandbox.resetObservations();
        try (KameletCamel camel = KameletCamel.listrakSms(sandbox)) {
            camel.start(camel.route("create", "listrak-sms-contact-sink", "senderCodeId: 1234\nphoneListId: 5001"));
            camel.request("direct:create", "{\"phoneNumber\":\"+16467362201\"}", Map.of());
            camel.request("direct:create", "{\"phoneNumber\":\"+16467362202\"}", Map.of());
        }
        try (KameletCamel camel = KameletCamel.listrakSms(sandbox).bind("smsStateRepository", state)) {
            camel.start(source(camel, params));
            assertThat(camel.awaitPass(60)).isTrue();
            assertThat(camel.bodies()).extracting(r -> read(r).get("phoneNumber").asText())
                    .containsExactlyInAnyOrder("6467362201", "6467362202");
        }
        assertThat(sandbox.requests().entries(e -> "Contact_GetContactCollection".equals(e.operationId())))
                .hasSize(1).allMatch(e -> e.query().contains("startSubscribeDate=" + Instant.parse(key)));
    }

    @Test
    void readsOptedOutContactsAndAdvancesOverAnEmptyList(Sandbox sandbox) throws Exception {
        MemoryStateRepository state = new MemoryStateRepository();
        try (KameletCamel camel = KameletCamel.listrakSms(sandbox).bind("smsStateRepository", state)) {
            camel.start(source(camel, "senderCodeId: 1234\nphoneListId: 5001\noptedOut: true\npageSize: 7"));
            assertThat(camel.awaitPass(60)).isTrue();
            assertThat(camel.bodies()).hasSize(OPT_OUTS).allMatch(r -> read(r).get("optedOut").asBoolean());
        }
        assertThat(sandbox.requests().count("listrak-sms", "Contact_GetContactCollection")).isEqualTo(6); // 40 / 7
        try (KameletCamel camel = KameletCamel.listrakSms(sandbox).bind("smsStateRepository", state)) {
            camel.start(source(camel, "senderCodeId: 1235\nphoneListId: 5101"));
            String key = "listrak-sms-contacts/listrak-sms-contacts-" + camel.info.get("clientId").asText()
                    + "-1235-5101-false";
            for (int i = 0; i < 600 && state.getState(key) == null; i++) {
                Thread.sleep(100);
            }
            assertThat(state.getState(key)).as("window advanced over an empty list").isNotNull();
            assertThat(camel.records).isEmpty();
        }
    }
}
