package dev.smskamelets.textable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.textable.TextableApi;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code textable-message-sink}: send, group MMS, schedule (sendAt in ms), reminders, notes and stored messages
 * against the sandbox (ledger checked), validation before any request, and Textable's error body mapped.
 */
class TextableMessageSinkTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textable.contacts", 20);

    static KameletCamel camel(Sandbox sandbox, String extra) throws Exception {
        Map<String, Object> user = sandbox.api(TextableApi.class).user();
        return new KameletCamel(Map.of("token", (String) user.get("token"))).start("""
                - route:
                    from:
                      uri: "direct:send"
                      steps:
                        - to:
                            uri: "kamelet:textable-message-sink"
                            parameters:
                              baseUrl: "%s"
                              bearerToken: "{{token}}"
                              from: "%s"
                %s
                """.formatted(sandbox.baseUrl(), user.get("phoneNumber"), extra));
    }

    static List<Ledger.Entry> writes(Sandbox sandbox, String entity) {
        return sandbox.ledger().since(0).stream().filter(e -> "textable".equals(e.api()) && entity.equals(e.entity())
                && "sendMessage".equals(e.operationId())).toList();
    }

    @Test
    void sendsGroupMmsAndSchedulesInEpochMillis(Sandbox sandbox) throws Exception {
        long at = Instant.now().plusSeconds(3600).toEpochMilli();
        try (KameletCamel camel = camel(sandbox, "")) {
            Object answer = camel.producer().requestBody("direct:send", Map.of("to", "(512) 888-0101", "message", "Hi"));
            assertThat(answer.toString()).contains("\"status\":\"true\"");
            camel.producer().requestBody("direct:send", Map.of("to", List.of("+15128880102", "512-888-0103"),
                    "message", "", "media", List.of("https://example.com/a.jpg")));
            camel.producer().requestBody("direct:send", "{\"to\":\"+15128880104\",\"message\":\"Later\",\"sendAt\":" + at + "}");
            camel.producer().requestBody("direct:send", Map.of("to", "+15128880105", "message", "Dentist tomorrow",
                    "sendAt", Instant.ofEpochMilli(at).toString(), "reminder", true, "scheduleTimezone", "America/Chicago"));
        }
        assertThat(writes(sandbox, "message")).extracting(Ledger.Entry::change).containsExactly(
                "sent to +15128880101", "sent to +15128880102,+15128880103", "scheduled to +15128880104",
                "scheduled to +15128880105");
    }

    @Test
    void notesAndRecordedMessagesAreStoredNotSent(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = camel(sandbox, "              mode: note")) {
            camel.producer().requestBody("direct:send", Map.of("to", "+15128880111", "message", "Called, left voicemail"));
        }
        try (KameletCamel camel = camel(sandbox, "              mode: record")) {
            camel.producer().requestBody("direct:send", Map.of("to", "+15128880111", "message", "Sent from our CRM"));
        }
        assertThat(writes(sandbox, "note")).extracting(Ledger.Entry::change).containsExactly("note to +15128880111");
        assertThat(writes(sandbox, "message")).extracting(Ledger.Entry::change).containsExactly("stored to +15128880111");
        assertThat(sandbox.webhooks().deliveries()).isEmpty(); // no relay URL set; notes would never be relayed anyway
    }

    @Test
    void invalidRequestsAreRefusedBeforeAnyRequest(Sandbox sandbox) throws Exception {
        long now = System.currentTimeMillis();
        Map<Object, String> cases = Map.of(
                Map.of("to", "+15128880121", "message", "x", "sendAt", now / 1000 + 3600), "sendAt",
                Map.of("to", "+15128880121", "message", "x", "sendAt", now - 3_600_000), "sendAt",
                Map.of("to", "+15128880121", "message", "x", "sendAt", now + 3_600_000, "reminder", true), "scheduleTimezone",
                Map.of("to", "+15128880121", "message", "x", "reminder", true, "scheduleTimezone", "America/Chicago"), "sendAt",
                Map.of("to", "+15128880121", "message", "x", "scheduleTimezone", "Europe/Paris"), "scheduleTimezone",
                Map.of("to", "+15128880121", "message", "x", "sendat", now + 3_600_000), "sendat",
                Map.of("to", "not-a-number", "message", "x"), "to",
                Map.of("to", List.of("+15128880121", "12"), "message", "x"), "to[1]",
                Map.of("to", "+15128880121"), "message",
                Map.of("to", "+15128880121", "message", "x", "autoArchive", "maybe"), "autoArchive");
        try (KameletCamel camel = camel(sandbox, "")) {
            for (Map.Entry<Object, String> c : cases.entrySet()) {
                assertThatThrownBy(() -> camel.producer().requestBody("direct:send", c.getKey()))
                        .isInstanceOf(CamelExecutionException.class).cause()
                        .isInstanceOf(TextableValidationException.class)
                        .hasMessageContaining(c.getValue())
                        .satisfies(e -> assertThat(((TextableValidationException) e).field()).isEqualTo(c.getValue()));
            }
        }
        assertThat(sandbox.requests().count("textable", "sendMessage")).isZero();
    }

    @Test
    void sendingToAnOptedOutContactMapsTextablesErrorBody(Sandbox sandbox) throws Exception {
        String userPhone = (String) sandbox.api(TextableApi.class).user().get("phoneNumber");
        TextableRelayHttp.inbound(sandbox, "+15128880131", userPhone, "STOP");
        try (KameletCamel camel = camel(sandbox, "")) {
            assertThatThrownBy(() -> camel.producer().requestBody("direct:send", Map.of("to", "+15128880131", "message", "Sale!")))
                    .cause().isInstanceOfSatisfying(VendorApiException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(400);
                        assertThat(e.getKind()).isEqualTo(VendorApiException.Kind.PERMANENT);
                        assertThat(e.getVendorMessage()).isEqualTo("Contact +15128880131 has opted out of messages");
                        assertThat(e.getVendorCode()).isNull();
                        assertThat(e.getAttempts()).isEqualTo(1);
                    });
        }
        assertThat(writes(sandbox, "message")).isEmpty();
    }
}
