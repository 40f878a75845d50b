package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listrak client-credentials tokens and how each Listrak API refuses a bad one. */
class ListrakAuthTest {

    private static final String OPT_OUTS = "/sms/v1/ShortCode/1234/OptOut?count=5";
    private static final String CONFIGS = "/crosschannel/v1/eventConfigurations";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @Test
    void issuesExpiringBearerTokensPerIntegration(Sandbox sandbox) {
        ListrakClient client = new ListrakClient(sandbox);
        ListrakClient.Answer answer = client.tokenRequest("sandbox-sms-client", "sandbox-sms-secret");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(client.get(OPT_OUTS, answer.json().get("access_token").asText()).status()).isEqualTo(200);
        assertThat(sandbox.ledger().entries()).anySatisfy(e -> {
            assertThat(e.api()).isEqualTo("listrak-auth");
            assertThat(e.key()).isEqualTo("listrak-sms");
        });
    }

    @Test
    void acceptsHttpBasicClientCredentialsAndScope(Sandbox sandbox) {
        ListrakClient client = new ListrakClient(sandbox);
        String basic = java.util.Base64.getEncoder().encodeToString("sandbox-crosschannel-client:sandbox-crosschannel-secret".getBytes());
        ListrakClient.Answer answer = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/OAuth2/Token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=events")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("scope").asText()).isEqualTo("events");
        assertThat(client.get(CONFIGS, answer.json().get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void wrongSecretGetsListrakInvalidCredentials(Sandbox sandbox) {
        ListrakClient.Answer answer = new ListrakClient(sandbox).tokenRequest("sandbox-sms-client", "not-the-secret");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").asText()).isEqualTo("ERROR_INVALID_CREDENTIALS");
        assertThat(answer.json().get("status").asInt()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("sandbox-sms-secret");
        assertThat(sandbox.requests().entries()).allSatisfy(e ->
                assertThat(e.requestBody()).as("request log").doesNotContain("not-the-secret").contains("client_secret=***"));
    }

    @Test
    void malformedTokenRequestsAreRefusedNamingTheField(Sandbox sandbox) {
        ListrakClient client = new ListrakClient(sandbox);
        ListrakClient.Answer grant = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/OAuth2/Token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=a&client_secret=b")));
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.json().get("message").asText()).contains("grant_type").contains("password");
        ListrakClient.Answer json = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/OAuth2/Token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().get("error").asText()).isEqualTo("ERROR_UNSUPPORTED_CONTENT_TYPE");
        ListrakClient.Answer get = client.get("/OAuth2/Token", null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.json().get("error").asText()).isEqualTo("ERROR_UNSUPPORTED_METHOD");
    }

    @Test
    void missingOrUnknownTokenIsUnauthorized(Sandbox sandbox) {
        ListrakClient client = new ListrakClient(sandbox);
        ListrakClient.Answer none = client.get(OPT_OUTS, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("ERROR_UNAUTHORIZED");
        assertThat(client.get(OPT_OUTS, "made-up").json().get("error").asText()).isEqualTo("ERROR_UNAUTHORIZED");
    }

    @Test
    void tokenOfOneIntegrationIsRejectedByTheOtherApis(Sandbox sandbox) {
        ListrakClient client = new ListrakClient(sandbox);
        String smsToken = client.token("sms");
        String crossToken = client.token("crosschannel");

        ListrakClient.Answer onCross = client.get(CONFIGS, smsToken);
        assertThat(onCross.status()).isEqualTo(401);
        assertThat(onCross.json().path("meta").path("statusCode").asInt()).isEqualTo(401);
        assertThat(onCross.json().path("meta").path("message").asText()).contains("listrak-crosschannel");

        ListrakClient.Answer onSms = client.get(OPT_OUTS, crossToken);
        assertThat(onSms.status()).isEqualTo(401);
        assertThat(onSms.json().get("error").asText()).isEqualTo("ERROR_UNAUTHORIZED");

        ListrakClient.Answer onTwoWay = client.get("/twowaysms/messagestream/1" + sandbox.api(ListrakSmsApi.class).seed().phone(40), smsToken);
        assertThat(onTwoWay.status()).isEqualTo(403);
        assertThat(onTwoWay.json().get("message").asText()).contains("listrak-twowaysms");
    }

    @Test
    void pausedIntegrationRejectsTokenRequestsAndApiRequests(Sandbox sandbox) {
        ListrakClient client = new ListrakClient(sandbox);
        String token = client.token("sms");
        String crossToken = client.token("crosschannel");
        sandbox.faults().pause(ListrakIntegration.SMS, true);

        ListrakClient.Answer tokenAnswer = client.tokenRequest("sandbox-sms-client", "sandbox-sms-secret");
        assertThat(tokenAnswer.status()).isEqualTo(401);
        assertThat(tokenAnswer.json().get("error").asText()).isEqualTo("ERROR_INVALID_CREDENTIALS");
        assertThat(tokenAnswer.json().get("message").asText()).contains("paused");
        ListrakClient.Answer api = client.get(OPT_OUTS, token);
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.json().get("message").asText()).contains("paused");
        assertThat(client.get(CONFIGS, crossToken).status()).as("other integrations keep working").isEqualTo(200);

        sandbox.faults().pause(ListrakIntegration.SMS, false);
        assertThat(client.get(OPT_OUTS, token).status()).isEqualTo(200);
    }

    @Test
    void pauseAndRevokeThroughControlEndpoints(Sandbox sandbox) {
        ListrakClient client = new ListrakClient(sandbox);
        String token = client.token("twowaysms");
        String stream = "/twowaysms/messagestream/" + sandbox.api(ListrakTwoWayApi.class).info("").get("phoneIds")
                .toString().replaceAll("[\\[\\]]", "").split(",")[0].trim();
        assertThat(client.get(stream, token).status()).isEqualTo(200);

        assertThat(client.call("POST", "/sandbox/integrations/listrak-twowaysms/revoke-tokens", null, null).status()).isEqualTo(200);
        ListrakClient.Answer revoked = client.get(stream, token);
        assertThat(revoked.status()).isEqualTo(403);
        assertThat(revoked.json().get("message").asText()).contains("revoked");
        String fresh = client.token("twowaysms");
        assertThat(client.get(stream, fresh).status()).as("a token issued after the revocation works").isEqualTo(200);

        assertThat(client.call("POST", "/sandbox/integrations/listrak-twowaysms/pause?paused=true", null, null).status()).isEqualTo(200);
        assertThat(client.get(stream, fresh).status()).isEqualTo(403);
        assertThat(client.tokenRequest("sandbox-twowaysms-client", "sandbox-twowaysms-secret").status()).isEqualTo(401);
    }

    @Test
    void infoListsTokenUrlAndCredentialsOfEachIntegration(Sandbox sandbox) {
        ListrakClient.Answer info = new ListrakClient(sandbox).get("/sandbox/info", null);
        assertThat(info.status()).isEqualTo(200);
        var apis = info.json().get("apis");
        assertThat(apis.path("listrak-auth").path("tokenUrl").asText()).isEqualTo(sandbox.baseUrl() + "/OAuth2/Token");
        assertThat(apis.path("listrak-sms").path("clientId").asText()).isEqualTo("sandbox-sms-client");
        assertThat(apis.path("listrak-sms").path("baseUrl").asText()).isEqualTo(sandbox.baseUrl() + "/sms");
        assertThat(apis.path("listrak-twowaysms").path("clientSecret").asText()).isEqualTo("sandbox-twowaysms-secret");
        assertThat(apis.path("listrak-crosschannel").path("eventConfigurations")).hasSize(3);
    }
}
