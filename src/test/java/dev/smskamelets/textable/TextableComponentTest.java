package dev.smskamelets.textable;

import dev.smskamelets.test.KameletCamel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.test.MockVendor;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The {@code textable} component itself: credentials at component level, a kamelet's path property reaching the
 * endpoint option, a token with URI-special characters sent intact, {@code defaultRegion} honoured, and unknown
 * resources or operations refused when the route starts, naming them.
 */
class TextableComponentTest {

    @Test
    void componentLevelCredentialsAndEndpointOptionsMakeTheRequest() throws Exception {
        try (MockVendor textable = MockVendor.start(); DefaultCamelContext camel = new DefaultCamelContext()) {
            textable.on("POST", "/custom/blocks", req -> MockVendor.json(200, "{\"results\":[]}"));
            TextableComponent component = new TextableComponent();
            component.getConfiguration().setBaseUrl(textable.url());
            component.getConfiguration().setToken("component-token-1");
            camel.addComponent("textable", component);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:block").to("textable:contacts?operation=blockContacts&action=unblock"
                            + "&blockPath=/custom/blocks&defaultRegion=GB");
                }
            });
            camel.start();
            Exchange out = camel.createProducerTemplate().request("direct:block",
                    e -> e.getIn().setHeader("textableSender", "020 7946 0018"));
            assertThat(out.getException()).isNull();
            assertThat(textable.requests()).hasSize(1);
            MockVendor.Request request = textable.requests().get(0);
            assertThat(request.header("Authorization")).isEqualTo("Bearer component-token-1");
            assertThat(request.json().get(0).get("action").asText()).isEqualTo("unblock");
            assertThat(request.json().get(0).get("sender").asText()).isEqualTo("+442079460018");
            assertThat(out.getMessage().getHeaders()).doesNotContainKeys(Exchange.HTTP_PATH, Exchange.HTTP_METHOD);
        }
    }

    @Test
    void theKameletPassesItsPathPropertyAndAnAwkwardTokenIntact() throws Exception {
        // the caller passes the token RAW into the kamelet; the kamelet must pass it on as it got it
        String token = "u1:abc+def&ghi=jk%2Fl/m";
        try (MockVendor textable = MockVendor.start()) {
            textable.on("PUT", "/api/v9/people/c42", req -> MockVendor.json(200, "{\"id\":\"c42\",\"optedOut\":true}"));
            try (KameletCamel camel = new KameletCamel(Map.of("token", token)).start("""
                    - route:
                        from:
                          uri: "direct:call"
                          steps:
                            - to:
                                uri: "kamelet:textable-contact-update-action"
                                parameters:
                                  baseUrl: "%s"
                                  bearerToken: "RAW({{token}})"
                                  path: "/api/v9/people/{id}"
                    """.formatted(textable.url()))) {
                Exchange out = camel.producer().request("direct:call", e -> {
                    e.getIn().setBody(Map.of("optedOut", true));
                    e.getIn().setHeader("textableContactId", "c42");
                });
                assertThat(out.getException()).isNull();
            }
            List<MockVendor.Request> requests = textable.requests();
            assertThat(requests).extracting(MockVendor.Request::method, MockVendor.Request::path)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PUT", "/api/v9/people/c42"));
            assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer " + token);
            assertThat(requests.get(0).json().get("optedOut").asBoolean()).isTrue();
        }
    }

    @Test
    void aSenderWithPlusReachesTheEndpointUnchangedAndAnAbsentOptionalPropertyIsNone() throws Exception {
        // a '+' in an endpoint URI is a space unless passed RAW: by the caller to the kamelet, and by the kamelet on
        try (MockVendor textable = MockVendor.start()) {
            textable.on("POST", "/api/send", req -> MockVendor.json(200, "{\"status\":\"true\"}"));
            String route = """
                    - route:
                        from:
                          uri: "direct:%s"
                          steps:
                            - to:
                                uri: "kamelet:textable-message-sink"
                                parameters:
                                  baseUrl: "%s"
                                  bearerToken: "plain-token-123"
                    %s
                    """;
            try (KameletCamel camel = new KameletCamel(Map.of("sender.number", "+447700900123")).start(
                    route.formatted("withFrom", textable.url(), "              from: \"RAW({{sender.number}})\"")
                            + route.formatted("withoutFrom", textable.url(), ""))) {
                Exchange sent = camel.producer().request("direct:withFrom",
                        e -> e.getIn().setBody(Map.of("to", "+15125550101", "message", "x")));
                assertThat(sent.getException()).isNull();
                Exchange refused = camel.producer().request("direct:withoutFrom",
                        e -> e.getIn().setBody(Map.of("to", "+15125550101", "message", "x")));
                assertThat(refused.getException()).isInstanceOfSatisfying(TextableValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("from"));
                assertThat(refused.getException()).hasMessageEndingWith("got nothing");
            }
            assertThat(textable.requests()).hasSize(1);
            assertThat(textable.requests().get(0).json().get("from").asText()).isEqualTo("+447700900123");
        }
    }

    @Test
    void unknownResourcesAndOperationsAreRefusedNamingThem() throws Exception {
        assertThatThrownBy(() -> start("textable:contacts?operation=sendMessage&baseUrl=http://x&token=t0k3n-abc"))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sendMessage'").hasMessageContaining("'contacts'")
                .hasMessageContaining("createContact");
        assertThatThrownBy(() -> start("textable:people?operation=createContact&baseUrl=http://x&token=t0k3n-abc"))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'people'").hasMessageContaining("messages");
        assertThatThrownBy(() -> start("textable:messages?operation=sendMessage&mode=later&baseUrl=http://x&token=t0k3n-abc"))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mode").hasMessageContaining("'later'");
    }

    private static void start(String uri) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:x").to(uri);
                }
            });
            camel.start();
        }
    }
}
