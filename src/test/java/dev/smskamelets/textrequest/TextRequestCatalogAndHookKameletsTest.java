package dev.smskamelets.textrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import dev.smskamelets.test.WebhookReceiver;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tags, groups, keywords, custom fields, dashboards and hooks against the Text Request sandbox: CRUD reaching the
 * sandbox, 204 on a missing id, refusals before any request, error mapping, and the hook check that re-registers a
 * hook Text Request disabled after 10 failed deliveries.
 */
class TextRequestCatalogAndHookKameletsTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textrequest.contacts", 20)
            .option("textrequest.dashboards", 1).option("textrequest.tenDlcDashboards", 0);

    static final String ROUTES = """
            - route:
                from:
                  uri: "direct:call"
                  steps:
                    - toD: "kamelet:textrequest-${header.resource}-action?baseUrl=RAW({{base}})&apiKey=RAW({{key}})&dashboardId=101&operation=${header.op}"
            """;

    static Exchange call(ProducerTemplate producer, String resource, String op, Object body, Map<String, Object> headers) {
        return producer.request("direct:call", e -> {
            e.getIn().setHeader("resource", resource);
            e.getIn().setHeader("op", op);
            headers.forEach(e.getIn()::setHeader);
            e.getIn().setBody(body);
        });
    }

    static JsonNode ok(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        String body = exchange.getMessage().getBody(String.class);
        return body == null || body.isBlank() ? null : KameletCamel.read(body);
    }

    @Test
    void tagsGroupsKeywordsAndFieldsRoundTrip(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).start(ROUTES)) {
            ProducerTemplate p = camel.producer();
            JsonNode tag = ok(call(p, "tag", "create", Map.of("tag", "Gold", "tag_color", "#ffcc00"), Map.of()));
            String id = tag.get("id").asText();
            ok(call(p, "tag", "update", Map.of("tag", "Platinum", "tag_color", "#eeeeee"), Map.of("id", id)));
            assertThat(ok(call(p, "tag", "get", null, Map.of("id", id))).get("tag").asText()).isEqualTo("Platinum");
            assertThat(ok(call(p, "tag", "list", null, Map.of("pageSize", "2"))).get("items")).hasSize(2);
            ok(call(p, "tag", "delete", null, Map.of("id", id)));
            Exchange gone = call(p, "tag", "get", null, Map.of("id", id));
            assertThat(ok(gone)).isNull();
            assertThat(gone.getMessage().getHeader("textRequestFound", Boolean.class)).isFalse();
            assertThat(sandbox.ledger().since(0).stream().filter(e -> "tag".equals(e.entity()))).hasSizeGreaterThanOrEqualTo(3);

            JsonNode group = ok(call(p, "group", "create", Map.of("name", "Winners"), Map.of()));
            JsonNode keyword = ok(call(p, "keyword", "create", Map.of("keyword_value", "WIN", "response", "Yay"), Map.of()));
            assertThat(ok(call(p, "keyword", "get", null, Map.of("id", keyword.get("id").asText())))
                    .get("keyword_value").asText()).isEqualTo("WIN");
            JsonNode field = ok(call(p, "custom-field", "create", Map.of("name", "Shoe size"), Map.of()));
            assertThat(ok(call(p, "custom-field", "list", null, Map.of())).toString()).contains("Shoe size");
            assertThat(ok(call(p, "dashboard", "get", null, Map.of("id", "101"))).get("id").asInt()).isEqualTo(101);
            assertThat(group.get("name").asText()).isEqualTo("Winners");
            assertThat(field.get("name").asText()).isEqualTo("Shoe size");

            long requests = sandbox.requests().entries().size();
            assertThat(call(p, "tag", "get", null, Map.of("id", "../hooks")).getException())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../hooks'");
            assertThat(call(p, "tag", "rename", null, Map.of()).getException())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rename'");
            assertThat(call(p, "group", "create", "[1]", Map.of()).getException())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
            assertThat(call(p, "tag", "list", null, Map.of("page", "-1")).getException())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'-1'");
            assertThat(sandbox.requests().entries()).hasSize((int) requests);
        }
    }

    @Test
    void aVendorRefusalIsAVendorApiExceptionWithStatusAndOperation(Sandbox sandbox) throws Exception {
        SANDBOX.expectViolations(); // a nameless group breaks the document's required 'name' on purpose
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).start(ROUTES)) {
            assertThat(call(camel.producer(), "group", "create", Map.of("notes", "no name"), Map.of()).getException())
                    .isInstanceOfSatisfying(VendorApiException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(400);
                        assertThat(e.getOperation()).isEqualTo("Groups_createNewGroup");
                        assertThat(e.getKind()).isEqualTo(VendorApiException.Kind.PERMANENT);
                    });
        }
    }

    @Test
    void hooksAreRegisteredListedDeletedAndADisabledHookIsReRegistered(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = KameletCamel.textRequest(sandbox).start(ROUTES); WebhookReceiver receiver = new WebhookReceiver()) {
            ProducerTemplate p = camel.producer();
            String url = receiver.url("/hooks/msg_received");
            Map<String, String> hook = Map.of("target_url", url, "event", "msg_received", "http_verb", "PUT");
            JsonNode registered = ok(call(p, "hook", "register", hook, Map.of()));
            assertThat(call(p, "hook", "register", hook, Map.of()).getException())
                    .isInstanceOfSatisfying(VendorApiException.class, e -> assertThat(e.getStatus()).isEqualTo(409));
            assertThat(ok(call(p, "hook", "event-types", null, Map.of()))).hasSize(7);
            assertThat(ok(call(p, "hook", "list", null, Map.of())).get("items")).hasSize(1);
            assertThat(ok(call(p, "hook", "ensure", hook, Map.of())).get("action").asText()).isEqualTo("ok");

            receiver.respondWith(500);
            for (int i = 0; i < 10; i++) {
                Http.postJson(sandbox.baseUrl() + "/sandbox/textrequest/inbound",
                        "{\"dashboard_id\":101,\"from\":\"3215550001\",\"body\":\"ping " + i + "\"}");
            }
            receiver.await(r -> true, 10);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (ok(call(p, "hook", "list", null, Map.of())).at("/items/0/enabled").asBoolean()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(ok(call(p, "hook", "list", null, Map.of())).at("/items/0/enabled").asBoolean()).isFalse();

            receiver.respondWith(200);
            Exchange ensured = call(p, "hook", "ensure", hook, Map.of());
            JsonNode answer = ok(ensured);
            assertThat(answer.get("action").asText()).isEqualTo("re-registered");
            assertThat(ensured.getMessage().getHeader("textRequestHookAction")).isEqualTo("re-registered");
            assertThat(answer.at("/hook/id").asInt()).isNotEqualTo(registered.get("id").asInt());
            assertThat(ok(call(p, "hook", "list", null, Map.of())).get("items")).singleElement()
                    .satisfies(h -> assertThat(h.get("enabled").asBoolean()).isTrue());
            Http.postJson(sandbox.baseUrl() + "/sandbox/textrequest/inbound",
                    "{\"dashboard_id\":101,\"from\":\"3215550001\",\"body\":\"back\"}");
            assertThat(receiver.await(r -> r.bodyText().contains("back"), 1)).hasSize(1);

            ok(call(p, "hook", "delete", null, Map.of("id", answer.at("/hook/id").asText())));
            assertThat(ok(call(p, "hook", "list", null, Map.of())).get("items")).isEmpty();
            assertThat(ok(call(p, "hook", "ensure", hook, Map.of())).get("action").asText()).isEqualTo("registered");
        }
    }
}
