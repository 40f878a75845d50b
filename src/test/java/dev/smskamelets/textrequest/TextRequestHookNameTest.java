package dev.smskamelets.textrequest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.test.MockVendor;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * {@code textrequest-hook-action} sends the {@code name} that Text Request's {@code post_webhook_request} requires,
 * on {@code register} and on {@code ensure}: the body's own, else the {@code hookName} property, else one derived
 * from the event. Against a stand-in that answers as the spec says: 400 in the {@code error} schema without a name.
 */
class TextRequestHookNameTest {

    static MockVendor textRequest() {
        return new MockVendor(r -> {
            if (r.method().equals("GET")) {
                return new MockVendor.Answer(200, "{\"items\":[],\"meta\":{\"page\":0,\"page_size\":100,\"total_items\":0}}");
            }
            var body = r.json();
            if (body.path("name").asText("").isBlank()) {
                return new MockVendor.Answer(400, "{\"error_message\":\"The name field is required.\",\"error_code\":\"400\"}");
            }
            return new MockVendor.Answer(201, MockVendor.json(Map.of("id", 1414, "name", body.get("name").asText(),
                    "target_url", body.path("target_url").asText(), "event", body.path("event").asText(),
                    "dashboard_id", 101, "httpVerb", body.path("http_verb").asText("POST"), "enabled", true)));
        });
    }

    static DefaultCamelContext camel(MockVendor vendor, String hookName) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        String name = hookName == null ? "" : "&hookName=RAW(" + hookName + ")";
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", """
                - route:
                    from:
                      uri: "direct:call"
                      steps:
                        - toD: "kamelet:textrequest-hook-action?baseUrl=RAW(%s)&apiKey=RAW(mock-key)&dashboardId=101&operation=${header.op}%s"
                """.formatted(vendor.url("/api/v3"), name)));
        context.start();
        return context;
    }

    static Exchange call(DefaultCamelContext context, String op, Map<String, String> body) {
        return context.createProducerTemplate().send("direct:call", e -> {
            e.getIn().setHeader("op", op);
            e.getIn().setBody(MockVendor.json(body));
        });
    }

    @Test
    void registerAndEnsureSendANameDerivedFromTheEventWhenTheBodyHasNone() throws Exception {
        try (MockVendor vendor = textRequest(); DefaultCamelContext context = camel(vendor, null)) {
            Map<String, String> hook = Map.of("target_url", "https://example.com/hooks/contact_updated",
                    "event", "contact_updated", "http_verb", "POST");
            Exchange ensured = call(context, "ensure", hook);
            assertThat(ensured.getException()).isNull();
            assertThat(ensured.getMessage().getHeader("textRequestHookAction")).isEqualTo("registered");
            assertThat(call(context, "register", Map.of("target_url", "https://example.com/hooks/msg_received",
                    "event", "msg_received", "http_verb", "PUT")).getException()).isNull();
            assertThat(call(context, "register", Map.of("target_url", "https://example.com/hooks/msg_sent",
                    "event", "msg_sent", "name", "my own name")).getException()).isNull();
            List<String> names = vendor.requests("POST", "/api/v3/dashboards/101/hooks").stream()
                    .map(r -> r.json().path("name").asText(null)).toList();
            assertThat(names).containsExactly("sms-kamelets contact_updated", "sms-kamelets msg_received", "my own name");
        }
    }

    @Test
    void theHookNamePropertyNamesHooksWhoseBodyHasNone() throws Exception {
        try (MockVendor vendor = textRequest(); DefaultCamelContext context = camel(vendor, "opt-out sync")) {
            assertThat(call(context, "ensure", Map.of("target_url", "https://example.com/hooks/contact_updated",
                    "event", "contact_updated")).getException()).isNull();
            assertThat(vendor.requests("POST", "/api/v3/dashboards/101/hooks")).singleElement()
                    .satisfies(r -> assertThat(r.json().path("name").asText()).isEqualTo("opt-out sync"));
        }
    }
}
