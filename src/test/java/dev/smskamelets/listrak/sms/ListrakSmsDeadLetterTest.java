package dev.smskamelets.listrak.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.core.deadletter.DeadLetter;
import dev.smskamelets.core.deadletter.DeadLetterProcessor;
import dev.smskamelets.core.deadletter.FileDeadLetterStore;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invalid number thrown inside a sink kamelet is a per-record error: with the kamelet component's
 * {@code noErrorHandler=true} (the library's setting, see application.properties) the exception reaches the calling
 * route untouched, its {@code onException} hands the record to the dead-letter store with the field and the value,
 * and the other records of the batch are applied. The default setting would let the kamelet route's copy of the
 * caller's error handler exhaust (and log) the exception first, and the caller's onException would never see it.
 */
class ListrakSmsDeadLetterTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.contacts", 30).option("listrak.optOuts", 2);

    @Test
    void anInvalidNumberInsideTheSinkIsDeadLetteredAndTheBatchGoesOn(Sandbox sandbox, @TempDir Path dir) throws Exception {
        var seed = sandbox.api(ListrakSmsApi.class).seed();
        String first = seed.phone(seed.optOuts() + 1);
        String second = seed.phone(seed.optOuts() + 2);
        FileDeadLetterStore store = new FileDeadLetterStore();
        store.setDirectory(dir.toString());
        try (KameletCamel camel = KameletCamel.listrakSms(sandbox);
             LogCapture logs = LogCapture.start(org.apache.logging.log4j.Level.INFO)) {
            camel.kamelets().setNoErrorHandler(true);
            camel.bind("deadLetters", new DeadLetterProcessor(store));
            camel.start("""
                    - onException:
                        exception:
                          - "dev.smskamelets.core.phone.InvalidPhoneNumberException"
                        handled:
                          constant: "true"
                        steps:
                          - process:
                              ref: deadLetters
                    - route:
                        id: optouts
                        from:
                          uri: "direct:optouts"
                          steps:
                            - split:
                                simple: "${body}"
                                steps:
                                  - setHeader:
                                      name: phoneNumber
                                      simple: "${body}"
                                  - setBody:
                                      constant: "{}"
                                  - to:
                                      uri: "kamelet:listrak-sms-contact-optout-sink"
                                      parameters:
                    %s
                                        senderCodeId: 1234
                    """.formatted(camel.connection(20)));
            camel.context.createProducerTemplate().sendBody("direct:optouts", List.of(first, "555-12", second));
            assertThat(logs.text()).as("no error logged by the kamelet route").doesNotContain("Failed delivery");
        }
        assertThat(sandbox.ledger().entries(e -> "listrak-sms".equals(e.api()) && e.change().startsWith("opted-out")))
                .extracting(e -> e.key()).containsExactlyInAnyOrder("1234:" + first, "1234:" + second);
        List<DeadLetter> letters = store.list(10);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.error().type()).endsWith("InvalidPhoneNumberException");
            assertThat(letter.error().message()).contains("phoneNumber", "555-12");
            assertThat(letter.headers()).containsEntry("phoneNumber", "555-12");
        });
    }
}
