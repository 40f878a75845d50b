package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.smskamelets.core.http.VendorApiException.Kind;
import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.time.Duration;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Classification and retries against the sandbox's fault injection. */
class RetryAndErrorTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().api(CoreTestApi::new);

    DefaultCamelContext camel;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    Faults.Rule echo() {
        return new Faults.Rule().api("core-test").operation("echo");
    }

    List<RequestLog.Entry> echoes(Sandbox sandbox) {
        return sandbox.requests().entries(e -> "echo".equals(e.operationId()));
    }

    static void awaitLogged(Sandbox sandbox, int n) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (sandbox.requests().count("core-test", "echo") < n && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsIsWaitedOutThenSucceeds(Sandbox sandbox) {
        sandbox.faults().add(echo().rateLimit(0.001, "seconds").maxFaults(2));
        sandbox.faults().rules().get(0).retryAfterSeconds = 1;
        VendorClient client = Clients.apiKey(sandbox, c -> { });

        Clients.get(client, camel, "/echo"); // takes the one token of the vendor's bucket
        assertThat(Clients.get(client, camel, "/echo").json().get("ok").asBoolean()).isTrue();

        List<RequestLog.Entry> calls = echoes(sandbox);
        assertThat(calls).extracting(RequestLog.Entry::status).containsExactly(200, 429, 429, 200);
        // Back-off alone is 10-20 ms here: only honouring Retry-After explains a gap of about a second.
        assertThat(Duration.between(calls.get(1).at(), calls.get(2).at())).isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    void tooManyRequestsWithRetryAfterHttpDateIsWaitedOut(Sandbox sandbox) {
        Faults.Rule rule = sandbox.faults().add(echo().rateLimit(0.001, "http-date").maxFaults(1));
        rule.retryAfterSeconds = 2;
        VendorClient client = Clients.apiKey(sandbox, c -> { });

        Clients.get(client, camel, "/echo");
        Clients.get(client, camel, "/echo");

        List<RequestLog.Entry> calls = echoes(sandbox);
        assertThat(calls).extracting(RequestLog.Entry::status).containsExactly(200, 429, 200);
        // The date has one-second precision: two seconds ahead is at least one second away.
        assertThat(Duration.between(calls.get(1).at(), calls.get(2).at())).isGreaterThan(Duration.ofMillis(900));
    }

    /**
     * A vendor asking to wait an hour: the retry waits {@code retryAfterCapSeconds} and so does the account's pacer
     * (every call of the account), instead of holding the account for the hour the vendor asked. Before, the retry was
     * capped but the pacer was told the full hour: this call then waited an hour (the timeout ends the test instead).
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aRetryAfterLongerThanTheCapHoldsTheAccountOnlyForTheCap(Sandbox sandbox) {
        Faults.Rule rule = sandbox.faults().add(echo().rateLimit(0.001, "seconds").maxFaults(1));
        rule.retryAfterSeconds = 3600;
        VendorClient client = Clients.apiKey(sandbox, c -> c.setRetryAfterCapSeconds(1));

        Clients.get(client, camel, "/echo"); // takes the one token of the vendor's bucket
        assertThat(Clients.get(client, camel, "/echo").json().get("ok").asBoolean()).isTrue();

        assertThat(echoes(sandbox)).extracting(RequestLog.Entry::status).containsExactly(200, 429, 200);
    }

    @Test
    void burstOfServerErrorsIsRetriedWithBackoff(Sandbox sandbox) {
        sandbox.faults().add(echo().errors(100, 500, 502, 503).maxFaults(3));
        VendorClient client = Clients.apiKey(sandbox, c -> { });

        Clients.get(client, camel, "/echo");

        assertThat(echoes(sandbox)).extracting(RequestLog.Entry::status).hasSize(4).endsWith(200)
                .first().isIn(500, 502, 503);
    }

    @Test
    void persistentServerErrorsEndInARetryableErrorAfterMaxAttempts(Sandbox sandbox) {
        sandbox.faults().add(echo().errors(100, 503));
        VendorClient client = Clients.apiKey(sandbox, c -> c.setMaxAttempts(3));

        VendorApiException e = catchThrowableOfType(() -> Clients.get(client, camel, "/echo"),
                VendorApiException.class);

        assertThat(e.getKind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.getStatus()).isEqualTo(503);
        assertThat(e.getVendor()).isEqualTo("core-test");
        assertThat(e.getMessage()).contains("core-test", "/echo", "503", "Injected fault 503");
        assertThat(e.getAttempts()).isEqualTo(3);
        assertThat(echoes(sandbox)).hasSize(3);
    }

    @Test
    void droppedConnectionsAreRetried(Sandbox sandbox) {
        sandbox.faults().add(echo().resets(100).maxFaults(2));
        VendorClient client = Clients.apiKey(sandbox, c -> { });

        Clients.get(client, camel, "/echo");

        assertThat(echoes(sandbox)).extracting(RequestLog.Entry::outcome)
                .containsExactly("fault-reset", "fault-reset", "handler");
    }

    @Test
    void slowAnswerTimesOutAndIsRetried(Sandbox sandbox) {
        sandbox.faults().add(echo().delay(1500).maxFaults(1));
        VendorClient client = Clients.apiKey(sandbox, c -> c.setReadTimeoutMillis(300));

        assertThat(Clients.get(client, camel, "/echo").status()).isEqualTo(200);
        awaitLogged(sandbox, 2); // the sandbox logs the abandoned slow request only once it answers
        assertThat(echoes(sandbox)).extracting(RequestLog.Entry::outcome).containsExactlyInAnyOrder("handler", "handler");
    }

    @Test
    void timeoutsEndInARetryableErrorSayingSo(Sandbox sandbox) {
        sandbox.faults().add(echo().delay(1000));
        VendorClient client = Clients.apiKey(sandbox, c -> {
            c.setReadTimeoutMillis(300);
            c.setMaxAttempts(2);
        });

        VendorApiException e = catchThrowableOfType(() -> Clients.get(client, camel, "/echo"),
                VendorApiException.class);
        awaitLogged(sandbox, 2);

        assertThat(e.getKind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.getStatus()).isZero();
        assertThat(e.getMessage()).contains("timed out");
    }

    @Test
    void htmlGatewayPageWith502IsRetried(Sandbox sandbox) {
        sandbox.faults().add(echo().html(100, 502).maxFaults(1));
        VendorClient client = Clients.apiKey(sandbox, c -> { });

        assertThat(Clients.get(client, camel, "/echo").json().get("ok").asBoolean()).isTrue();
        assertThat(echoes(sandbox)).extracting(RequestLog.Entry::status).containsExactly(502, 200);
    }

    @Test
    void htmlPageWith502ThatPersistsIsQuotedInTheError(Sandbox sandbox) {
        sandbox.faults().add(echo().html(100, 502));
        VendorClient client = Clients.apiKey(sandbox, c -> c.setMaxAttempts(2));

        VendorApiException e = catchThrowableOfType(() -> Clients.get(client, camel, "/echo"),
                VendorApiException.class);

        assertThat(e.getMessage()).contains("502", "unexpected body", "Bad Gateway");
    }

    @Test
    void htmlPageWith200IsAContractErrorNotAnEmptyResult(Sandbox sandbox) {
        sandbox.faults().add(echo().html(100, 200));
        VendorClient client = Clients.apiKey(sandbox, c -> { });

        VendorApiException e = catchThrowableOfType(() -> Clients.get(client, camel, "/echo"),
                VendorApiException.class);

        assertThat(e.getKind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getVendorCode()).isEqualTo("CONTRACT");
        assertThat(e.getMessage()).contains("expected a JSON body", "text/html", "<html>", "Bad Gateway");
        assertThat(echoes(sandbox)).hasSize(1);
    }

    @Test
    void truncatedJsonIsAContractErrorWithAnExcerpt(Sandbox sandbox) {
        sandbox.faults().add(echo().malformedJson(100));
        VendorClient client = Clients.apiKey(sandbox, c -> { });

        VendorApiException e = catchThrowableOfType(() -> Clients.get(client, camel, "/echo"),
                VendorApiException.class);

        assertThat(e.getKind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("expected a JSON body", "{\"ok");
        assertThat(echoes(sandbox)).hasSize(1);
    }

    @Test
    void listrakErrorBodyIsMappedToVendorCode(Sandbox sandbox) {
        VendorApiException e = catchThrowableOfType(() -> Clients.get(Clients.apiKey(sandbox, c -> { }), camel,
                "/errors/listrak"), VendorApiException.class);

        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getVendorCode()).isEqualTo("ERROR_PHONE_NUMBER_NOT_FOUND");
        assertThat(e.getVendorMessage()).isEqualTo("Phone number was not found.");
        assertThat(e.getKind()).isEqualTo(Kind.PERMANENT);
        assertThat(sandbox.requests().count("core-test", "listrakError")).isEqualTo(1);
    }

    @Test
    void textRequestErrorBodyIsMappedToVendorCode(Sandbox sandbox) {
        VendorApiException e = catchThrowableOfType(() -> Clients.get(Clients.apiKey(sandbox, c -> { }), camel,
                "/errors/textrequest"), VendorApiException.class);

        assertThat(e.getStatus()).isEqualTo(400);
        assertThat(e.getVendorCode()).isEqualTo("invalid_phone");
        assertThat(e.getVendorMessage()).isEqualTo("Phone must have 10 digits");
    }

    @Test
    void crossChannelErrorBodyIsMappedToVendorCode(Sandbox sandbox) {
        VendorApiException e = catchThrowableOfType(() -> Clients.get(Clients.apiKey(sandbox, c -> { }), camel,
                "/errors/crosschannel"), VendorApiException.class);

        assertThat(e.getStatus()).isEqualTo(400);
        assertThat(e.getVendorCode()).isEqualTo("eventKey is required");
        assertThat(e.getVendorMessage()).isEqualTo("Validation failed");
    }

    @Test
    void wrongApiKeyIsAnAuthErrorWithoutRetries(Sandbox sandbox) {
        VendorClient client = Clients.apiKey(sandbox, c -> c.setApiKey("wrong-key-123"));

        VendorApiException e = catchThrowableOfType(() -> Clients.get(client, camel, "/echo"),
                VendorApiException.class);

        assertThat(e.getKind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains("401", "Invalid API key").doesNotContain("wrong-key-123");
        assertThat(echoes(sandbox)).hasSize(1);
    }
}
