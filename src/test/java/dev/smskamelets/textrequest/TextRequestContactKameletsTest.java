package dev.smskamelets.textrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contact kamelets against the Text Request sandbox: the filtered paged source, get by phone (204 = not found),
 * create-or-update with suppression, PATCH, bulk update, delete, validation before any request, error mapping.
 */
class TextRequestContactKameletsTest {

    static final int CONTACTS = 120;

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textrequest.contacts", CONTACTS)
            .option("textrequest.dashboards", 1).option("textrequest.tenDlcDashboards", 0)
            .option("textrequest.optedOut", 17).option("textrequest.suppressed", 9);

    static List<JsonNode> readSource(Sandbox sandbox, String filters) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox)) {
            camel.start("""
                    - route:
                        from:
                          uri: "kamelet:textrequest-contact-source"
                          parameters:
                            baseUrl: "{{base}}"
                            apiKey: "{{key}}"
                            dashboardId: 101
                            pageSize: 7
                            schedule: "%s"
                    %s
                          steps:
                            - process:
                                ref: collector
                    """.formatted(dev.smskamelets.test.Cron.once(), filters.indent(8).stripTrailing()));
            assertThat(camel.awaitPasses(1, 60)).isTrue();
            return camel.bodies().stream().map(KameletCamel::read).toList();
        }
    }

    @Test
    void theSourceWalksEveryPageOfAFilteredListOnce(Sandbox sandbox) throws Exception {
        List<JsonNode> optedOut = readSource(sandbox, "hasOptedOut: \"true\"");
        assertThat(optedOut).hasSize(17).allSatisfy(c -> assertThat(c.get("opted_out_utc").isNull()).isFalse());
        assertThat(optedOut.stream().map(c -> c.get("phone_number").asText())).doesNotHaveDuplicates();
        List<RequestLog.Entry> calls = sandbox.requests().entries(e -> "Contacts_getMatches".equals(e.operationId()));
        assertThat(calls).hasSize(3).allMatch(e -> e.query().contains("has_opted_out=true")
                && e.query().contains("page_size=7"));

        List<JsonNode> suppressed = readSource(sandbox, "isSuppressed: \"true\"\nisBlocked: \"false\"");
        assertThat(suppressed).isNotEmpty().allSatisfy(c -> {
            assertThat(c.get("is_suppressed").asBoolean()).isTrue();
            assertThat(c.get("is_blocked").asBoolean()).isFalse();
        });
        List<JsonNode> all = readSource(sandbox, "");
        assertThat(all).hasSize(CONTACTS);
        String prefix = all.get(5).get("phone_number").asText().substring(0, 9);
        assertThat(readSource(sandbox, "phonePrefix: \"" + prefix + "\"")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.get("phone_number").asText()).startsWith(prefix))
                .hasSize((int) all.stream().filter(c -> c.get("phone_number").asText().startsWith(prefix)).count());
        String created = all.get(60).get("date_created_utc").asText();
        List<JsonNode> newer = readSource(sandbox, "createdAfter: \"" + created + "\"\nhasMessageHistory: \"false\"");
        assertThat(newer).isNotEmpty().allSatisfy(c ->
                assertThat(java.time.Instant.parse(c.get("date_created_utc").asText()))
                        .isAfter(java.time.Instant.parse(created)));
    }

    @Test
    void aBadFilterFailsAtStartWithoutARequest(Sandbox sandbox) {
        assertThatThrownBy(() -> readSource(sandbox, "createdAfter: \"yesterday\""))
                .hasStackTraceContaining("createdAfter").hasStackTraceContaining("'yesterday'");
        assertThatThrownBy(() -> readSource(sandbox, "hasOptedOut: \"maybe\""))
                .hasStackTraceContaining("hasOptedOut").hasStackTraceContaining("'maybe'");
        assertThat(sandbox.requests().count("textrequest", "Contacts_getMatches")).isZero();
    }

    static final String ACTIONS = """
            - route:
                from:
                  uri: "direct:get"
                  steps:
                    - to: "kamelet:textrequest-contact-get-action?baseUrl={{base}}&apiKey={{key}}&dashboardId=101"
            - route:
                from:
                  uri: "direct:write"
                  steps:
                    - toD: "kamelet:textrequest-contact-action?baseUrl=RAW({{base}})&apiKey=RAW({{key}})&dashboardId=101&operation=${header.op}"
            - route:
                from:
                  uri: "direct:tags"
                  steps:
                    - to: "kamelet:textrequest-tag-action?baseUrl={{base}}&apiKey={{key}}&dashboardId=101&operation=list"
            """;

    @Test
    void getByPhoneAnswersTheContactOrNotFoundWithoutAnError(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).start(ACTIONS)) {
            ProducerTemplate producer = camel.producer();
            Exchange found = producer.request("direct:get", e -> e.getIn().setHeader("phone", "(321) 555-0003"));
            assertThat(found.getException()).isNull();
            assertThat(found.getMessage().getHeader("textRequestFound", Boolean.class)).isTrue();
            assertThat(found.getMessage().getHeader("textRequestContactFound", Boolean.class)).isTrue();
            assertThat(KameletCamel.read(found.getMessage().getBody(String.class)).get("phone_number").asText())
                    .endsWith("3215550003");
            Exchange missing = producer.request("direct:get", e -> e.getIn().setHeader("phone", "3219990000"));
            assertThat(missing.getException()).isNull();
            assertThat(missing.getMessage().getHeader("textRequestFound", Boolean.class)).isFalse();
            assertThat(missing.getMessage().getBody(String.class)).isNullOrEmpty();
            assertThat(sandbox.requests().entries(e -> "Contacts_getByPhoneNumber".equals(e.operationId())))
                    .extracting(RequestLog.Entry::status).containsExactly(200, 204);

            assertThatThrownBy(() -> producer.requestBodyAndHeader("direct:get", null, "phone", "+44 20 7946 0958"))
                    .isInstanceOf(CamelExecutionException.class).cause()
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'+44 20 7946 0958'");
            assertThat(sandbox.requests().count("textrequest", "Contacts_getByPhoneNumber")).isEqualTo(2);
        }
    }

    @Test
    void writesReachTheSandboxStateAndInvalidOnesNeverLeave(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).start(ACTIONS)) {
            ProducerTemplate producer = camel.producer();
            producer.requestBodyAndHeaders("direct:write", Map.of("first_name", "Ada", "is_suppressed", true,
                    "suppressed_reason", "Opted out at Listrak"), Map.of("op", "create-or-update", "phone", "321-777-0001"));
            JsonNode ada = KameletCamel.read(producer.requestBodyAndHeader("direct:get", null, "phone", "3217770001", String.class));
            assertThat(ada.get("is_suppressed").asBoolean()).isTrue();
            assertThat(ada.get("suppressed_reason").asText()).isEqualTo("Opted out at Listrak");
            assertThat(sandbox.ledger().writes("textrequest", "contact", "101/13217770001")).isPositive();

            String tag = KameletCamel.read(producer.requestBody("direct:tags", null, String.class)).at("/items/0/id").asText();
            producer.requestBodyAndHeaders("direct:write", "{\"contact_tag\":\"" + tag + "\",\"add_tag_to_contact\":true}",
                    Map.of("op", "patch", "phone", "3217770001"));
            assertThat(KameletCamel.read(producer.requestBodyAndHeader("direct:get", null, "phone", "3217770001", String.class))
                    .get("contact_tags").toString()).contains(tag);
            producer.requestBodyAndHeaders("direct:write", List.of(
                    Map.of("phone_number", "3217770002", "first_name", "Bo"),
                    Map.of("phone_number", "(321) 777-0003", "first_name", "Cy")), Map.of("op", "bulk-update"));
            assertThat(KameletCamel.read(producer.requestBodyAndHeader("direct:get", null, "phone", "3217770003", String.class))
                    .get("first_name").asText()).isEqualTo("Cy");

            long before = sandbox.requests().entries().size();
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:write",
                    List.of(Map.of("phone_number", "3217770004"), Map.of("phone_number", "12")), Map.of("op", "bulk-update")))
                    .cause().hasMessageContaining("[1].phone_number").hasMessageContaining("'12'");
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:write", "[1,2", Map.of("op", "bulk-update")))
                    .cause().hasMessageContaining("not JSON");
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:write", null, Map.of("op", "merge", "phone", "3217770001")))
                    .cause().hasMessageContaining("'merge'").hasMessageContaining("create-or-update");
            assertThat(sandbox.requests().entries()).hasSize((int) before);

            producer.requestBodyAndHeaders("direct:write", null, Map.of("op", "delete", "phone", "3217770002"));
            assertThat(producer.request("direct:get", e -> e.getIn().setHeader("phone", "3217770002"))
                    .getMessage().getHeader("textRequestFound", Boolean.class)).isFalse();

            String withMessages = KameletCamel.read(readSource(sandbox, "hasMessageHistory: \"true\"").get(0).toString())
                    .get("phone_number").asText();
            assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:write", null,
                    Map.of("op", "delete", "phone", withMessages)))
                    .cause().isInstanceOfSatisfying(VendorApiException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(400);
                        assertThat(e.getOperation()).isEqualTo("Contacts_deleteByPhoneNumber");
                        assertThat(e.getKind()).isEqualTo(VendorApiException.Kind.PERMANENT);
                    });
        }
    }

    @Test
    void aWrongApiKeyIsAnAuthErrorNamingTheOperation(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).start("""
                - route:
                    from:
                      uri: "direct:get"
                      steps:
                        - to: "kamelet:textrequest-contact-get-action?baseUrl={{base}}&apiKey=WRONG&dashboardId=101"
                """)) {
            assertThatThrownBy(() -> camel.producer().requestBodyAndHeader("direct:get", null, "phone", "3215550003"))
                    .cause().isInstanceOfSatisfying(VendorApiException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(401);
                        assertThat(e.getKind()).isEqualTo(VendorApiException.Kind.AUTH);
                        assertThat(e.getOperation()).isEqualTo("Contacts_getByPhoneNumber");
                        assertThat(e.getMessage()).doesNotContain("WRONG");
                    });
        }
    }
}
