package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.io.StringWriter;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the core's flows at DEBUG (token fetch, refresh after a 401, paused integration, API key, a paged kamelet
 * pass) with every log line captured, and finds neither a client secret, an API key nor an access token in what
 * the library's own loggers wrote. Third-party DEBUG output (HttpClient's wire and header logs, Camel's placeholder
 * resolution) does carry credentials: the log-redaction layer of {@code dev.smskamelets.core.redact} masks it.
 */
class SecretsNotLoggedTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("core.records", 300).api(CoreTestApi::new);

    @Test
    void noSecretInAnyLogLineAtDebug(Sandbox sandbox) throws Exception {
        StringWriter log = new StringWriter();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        Configuration config = logging.getConfiguration();
        WriterAppender capture = WriterAppender.newBuilder().setName("capture").setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %c - %msg %ex%n").build()).build();
        capture.start();
        config.getRootLogger().addAppender(capture, Level.ALL, null);
        Level before = config.getRootLogger().getLevel();
        Configurator.setRootLevel(Level.DEBUG);
        Configurator.setLevel("org.apache.hc", Level.DEBUG);
        try {
            exercise(sandbox);
        } finally {
            Configurator.setRootLevel(before);
            Configurator.setLevel("org.apache.hc", Level.WARN);
            config.getRootLogger().removeAppender("capture");
            capture.stop();
        }
        String all = log.toString();
        assertThat(all).as("captured DEBUG output").hasSizeGreaterThan(10_000);
        String text = all.lines().filter(line -> line.contains(" dev.smskamelets."))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(text).as("the library's own DEBUG lines").contains("Fetched a token", "retrying once", "401");
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
        try (CamelHarness kamelet = CursorKameletPagingTest.harness(sandbox)) {
            kamelet.start(CursorKameletPagingTest.route(100));
            assertThat(kamelet.awaitPass(120)).isTrue();
        }
    }
}
