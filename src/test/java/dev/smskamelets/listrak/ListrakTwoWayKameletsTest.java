package dev.smskamelets.listrak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.core.validate.InvalidFieldException;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listrak Two-Way SMS ticket and message sinks against the sandbox: wire bodies, validation, refused tokens. */
class ListrakTwoWayKameletsTest {

    static final String API = "listrak-twowaysms";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    static KameletCamel camel(Sandbox sandbox) throws Exception {
        JsonNode info = KameletCamel.info(sandbox, API);
        KameletCamel camel = new KameletCamel(Map.of("secret", info.get("clientSecret").asText()));
        String common = """
                                  baseUrl: "%s"
                                  authUrl: "%s"
                                  clientId: "%s"
                                  clientSecret: "{{secret}}"
                """.formatted(info.get("baseUrl").asText(), info.get("tokenUrl").asText(), info.get("clientId").asText());
        camel.start("""
                - route:
                    from:
                      uri: "direct:open"
                      steps:
                        - to:
                            uri: "kamelet:listrak-twowaysms-ticket-sink"
                            parameters:
                %s                  integrationType: gorgias
                - route:
                    from:
                      uri: "direct:close"
                      steps:
                        - to:
                            uri: "kamelet:listrak-twowaysms-ticket-sink"
                            parameters:
                %s                  operation: close
                                  integrationType: gorgias
                - route:
                    from:
                      uri: "direct:send"
                      steps:
                        - to:
                            uri: "kamelet:listrak-twowaysms-message-sink"
                            parameters:
                %s                  integrationType: gorgias
                """.formatted(common, common, common));
        return camel;
    }

    static String phoneId(Sandbox sandbox, int i) {
        return KameletCamel.info(sandbox, API).get("phoneIds").get(i).asText();
    }

    @Test
    void opensSendsWithinAndClosesATicketWithTheDeleteBodyOnTheWire(Sandbox sandbox) throws Exception {
        String phoneId = phoneId(sandbox, 0);
        long mark = sandbox.ledger().mark();
        try (KameletCamel camel = camel(sandbox)) {
            var producer = camel.producer();
            producer.sendBodyAndHeaders("direct:open", null, Map.of("phoneId", phoneId, "externalTicketId", "T-1001"));
            producer.sendBodyAndHeaders("direct:send", "Your order ships today.",
                    Map.of("phoneId", phoneId, "externalTicketId", "T-1001"));
            assertThat(KameletCamel.http("GET", sandbox.baseUrl() + "/sandbox/listrak/twowaysms/tickets", null, Map.of())
                    .body()).contains("T-1001");
            producer.sendBodyAndHeaders("direct:close", null, Map.of("phoneId", phoneId));
        }
        List<Ledger.Entry> changes = sandbox.ledger().since(mark).stream().filter(e -> API.equals(e.api())).toList();
        assertThat(changes).extracting(Ledger.Entry::operationId).containsExactly("openTicket", "send", "closeTicket");
        assertThat(sandbox.ledger().writes(API, "ticket", phoneId)).isEqualTo(2);
        RequestLog.Entry close = sandbox.requests().entries(e -> "closeTicket".equals(e.operationId())).get(0);
        assertThat(close.method()).isEqualTo("DELETE");
        assertThat(close.status()).isEqualTo(204);
        assertThat(KameletCamel.read(close.requestBody())).isEqualTo(KameletCamel.read(
                "{\"integrationType\":\"gorgias\",\"phoneId\":" + phoneId + "}"));
        RequestLog.Entry send = sandbox.requests().entries(e -> "send".equals(e.operationId())).get(0);
        assertThat(KameletCamel.read(send.requestBody()).get("messageBody").asText()).isEqualTo("Your order ships today.");
        assertThat(KameletCamel.http("GET", sandbox.baseUrl() + "/sandbox/listrak/twowaysms/tickets", null, Map.of())
                .body()).doesNotContain("T-1001");
    }

    @Test
    void aMessageOf1001CharactersIsRefusedBeforeAnyRequestAnd1000AreSent(Sandbox sandbox) throws Exception {
        String phoneId = phoneId(sandbox, 1);
        try (KameletCamel camel = camel(sandbox)) {
            var producer = camel.producer();
            assertThatThrownBy(() -> producer.sendBodyAndHeader("direct:send", "x".repeat(1001), "phoneId", phoneId))
                    .isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(InvalidFieldException.class)
                    .hasMessageContaining("messageBody").hasMessageContaining("1001 characters");
            assertThatThrownBy(() -> producer.sendBodyAndHeader("direct:send", "hello", "phoneId", "+1 555 867 5309"))
                    .cause().isInstanceOf(InvalidFieldException.class).hasMessageContaining("phoneId")
                    .hasMessageContaining("'+1 555 867 5309'");
            assertThatThrownBy(() -> producer.sendBodyAndHeader("direct:open", null, "phoneId", phoneId))
                    .cause().isInstanceOf(InvalidFieldException.class).hasMessageContaining("externalTicketId");
            assertThat(sandbox.requests().entries()).isEmpty(); // not even a token request
            producer.sendBodyAndHeader("direct:send", "y".repeat(1000), "phoneId", phoneId);
        }
        assertThat(sandbox.requests().count(API, "send")).isEqualTo(1);
        assertThat(sandbox.ledger().entries(e -> API.equals(e.api()) && "send".equals(e.operationId()))).isNotEmpty();
    }

    @Test
    void aTokenTheGatewayRefusesWith403IsReplacedOnceAndVendorErrorsAreMapped(Sandbox sandbox) throws Exception {
        String phoneId = phoneId(sandbox, 2);
        try (KameletCamel camel = camel(sandbox)) {
            var producer = camel.producer();
            producer.sendBodyAndHeader("direct:send", "first", "phoneId", phoneId);
            sandbox.faults().revokeTokens(KameletCamel.info(sandbox, API).get("integration").asText());
            producer.sendBodyAndHeader("direct:send", "second", "phoneId", phoneId);
            assertThatThrownBy(() -> producer.sendBodyAndHeader("direct:close", null, "phoneId", phoneId))
                    .cause().isInstanceOfSatisfying(VendorApiException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(404);
                        assertThat(e.getMessage()).contains("closeTicket").contains("no open ticket");
                    });
        }
        assertThat(sandbox.requests().entries(e -> "send".equals(e.operationId())))
                .extracting(RequestLog.Entry::status).containsExactly(202, 403, 202);
        assertThat(sandbox.requests().count("listrak-auth", "token")).isEqualTo(2);
    }
}
