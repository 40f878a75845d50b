package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.SandboxMain;
import dev.smskamelets.test.SandboxExtension;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * The standalone command as documented in docs/sandbox.md, started in-process on a free port: /sandbox/info,
 * the token endpoint and one Listrak SMS operation answer as the curl examples show.
 */
class ListrakStandaloneTest {

    @Test
    void standaloneCommandServesInfoTokensAndSms() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Sandbox sandbox = SandboxMain.start("--port", Integer.toString(port), "--seed", "7",
                "--option", "listrak.optOuts=25", "--option", "listrak.contacts=10")) {
            assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            ListrakClient client = new ListrakClient(sandbox);

            JsonNode info = client.get("/sandbox/info", null).json();
            assertThat(info.get("seed").asLong()).isEqualTo(7);
            JsonNode sms = info.get("apis").get("listrak-sms");
            assertThat(sms.get("seed").get("optOuts").asInt()).isEqualTo(25);

            ListrakClient.Answer token = client.tokenRequest(sms.get("clientId").asText(), sms.get("clientSecret").asText());
            assertThat(token.status()).isEqualTo(200);
            ListrakClient.Answer optOuts = client.get(sms.get("baseUrl").asText() + "/v1/ShortCode/1234/OptOut?count=20",
                    token.json().get("access_token").asText());
            assertThat(optOuts.status()).isEqualTo(200);
            assertThat(optOuts.json().get("data")).hasSize(20);
            assertThat(client.get(optOuts.json().get("nextPageCursor").asText(), token.json().get("access_token").asText())
                    .json().get("data")).hasSize(5);
            SandboxExtension.assertNoContractViolations(sandbox);
        }
        assertThat(SandboxMain.start("--help")).isNull();
    }
}
