package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.SandboxExtension;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the core's flows at DEBUG — HttpClient's wire and header loggers and Camel's placeholder resolution
 * included — through the project's redacting log layout: token fetch, refresh after a 401, paused integration,
 * API key calls, a vendor error and a paged kamelet pass. No client secret, API key or access token appears.
 */
class SecretsNotLoggedTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("core.records", 300).api(CoreTestApi::new);

    @Test
    void noSecretInAnyLogLineAtDebug(Sandbox sandbox) throws Exception {
        String text;
        try (LogCapture logs = LogCapture.start()) {
            exercise(sandbox);
            text = logs.text();
        }
        assertThat(text).as("HttpClient wire logs were captured").contains("http-outgoing", "Authorization: ***",
                "x-api-key: ***");
        assertThat(text).as("the core's own DEBUG lines").contains("Fetched a token", "retrying once");
        assertThat(text).doesNotContain(CoreTestApi.SECRETS.get("alice"), CoreTestApi.SECRETS.get("bob"),
                CoreTestApi.API_KEY, "tok-");
    }

    private void exercise(Sandbox sandbox) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        try {
            VendorClient alice = Clients.oauth2(sandbox, "alice", CoreTestApi.SECRETS.get("alice"), c -> { });
            Clients.get(alice, camel, "/whoami");
            sandbox.faults().revokeTokens("alice");
            Clients.get(alice, camel, "/whoami");
            sandbox.faults().pause("bob", true);
            catchThrowable(() -> Clients.get(Clients.oauth2(sandbox, "bob", CoreTestApi.SECRETS.get("bob"),
                    c -> { }), camel, "/whoami"));
            Clients.get(Clients.apiKey(sandbox, c -> { }), camel, "/echo");
            catchThrowable(() -> Clients.get(Clients.apiKey(sandbox, c -> { }), camel, "/errors/listrak"));
        } finally {
            camel.stop();
        }
        try (KameletCamel kamelet = CursorKameletPagingTest.harness(sandbox)) {
            kamelet.start(CursorKameletPagingTest.route(100));
            assertThat(kamelet.awaitPass(120)).isTrue();
        }
    }
}
