package dev.smskamelets.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.SandboxExtension;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every secret form through every logging path (application logger with messages and stack traces, Camel's log EIP
 * and log component, camel-http and HttpClient 5 wire/header logging against the sandbox), captured at DEBUG and
 * TRACE with the configured layout: no secret may appear.
 */
@ExtendWith(SandboxExtension.class)
class LogRedactionTest {

    private static final Logger LOG = LoggerFactory.getLogger(LogRedactionTest.class);
    static final String SECRET = "Zq9-secret-" + Long.toHexString(System.nanoTime());
    static final String TOKEN = "eyJhbGciOi." + Long.toHexString(System.nanoTime()) + ".sig";

    static final String[] FORMS = {
        "{\"client_id\":\"c\",\"client_secret\":\"" + SECRET + "\"}",
        "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600}",
        "{\"MessageID\":\"m1\",\"AccessToken\":\"" + TOKEN + "\"}",
        "grant_type=client_credentials&client_id=c&client_secret=" + SECRET,
        "GET /api?access_token=" + TOKEN + "&page=0",
        "Authorization: Bearer " + TOKEN,
        "x-api-key: " + SECRET,
        "Bearer acct:" + TOKEN,
    };

    @Test
    void applicationLoggingAtDebugAndTrace() {
        for (Level level : new Level[] {Level.DEBUG, Level.TRACE}) {
            try (LogCapture logs = LogCapture.start(level)) {
                for (String form : FORMS) {
                    LOG.trace("trace {}", form);
                    LOG.debug("debug {}", form);
                    LOG.info("info {}", form);
                    LOG.warn("warn {}", Map.of("Authorization", "Bearer " + TOKEN, "x-api-key", SECRET));
                    LOG.error("error", new IllegalStateException("wrapped",
                            new RuntimeException("vendor said: " + form)));
                }
                assertThat(logs.text()).contains("vendor said", "IllegalStateException", "debug ")
                        .doesNotContain(SECRET, TOKEN);
            }
        }
    }

    @Test
    void camelAndHttpClientWireLogging(Sandbox sandbox) throws Exception {
        try (LogCapture logs = LogCapture.start(Level.DEBUG); CamelContext camel = camelCalling(sandbox)) {
            ProducerTemplate template = camel.createProducerTemplate();
            for (String form : FORMS) {
                Map<String, Object> headers = Map.of("Authorization", "Bearer " + TOKEN, "x-api-key", SECRET);
                template.sendBodyAndHeaders("direct:get", form, headers);
                template.sendBodyAndHeaders("direct:post", form, headers);
            }
            String text = logs.text();
            assertThat(text).contains(">> \"GET /sandbox/info", ">> \"POST /sandbox/", "<< \"HTTP/1.1 200",
                            "Authorization: ***", "x-api-key: ***", "client_secret=***")
                    .doesNotContain(SECRET, TOKEN);
        }
    }

    @Test
    void camelLogMaskUsesTheRedactorEvenWithoutTheLayout() throws Exception {
        try (LogCapture logs = LogCapture.startUnredacted(Level.INFO, "%c %msg%n");
                CamelContext camel = new DefaultCamelContext()) {
            camel.setLogMask(true);
            camel.getRegistry().bind(MaskingFormatter.CUSTOM_LOG_MASK_REF, new RedactingMaskingFormatter());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:log").log("eip ${headers} ${body}").to("log:component?showHeaders=true");
                }
            });
            camel.start();
            for (String form : FORMS) {
                camel.createProducerTemplate().sendBodyAndHeaders("direct:log", form,
                        Map.of("Authorization", "Bearer " + TOKEN, "x-api-key", SECRET));
            }
            assertThat(logs.text()).contains("eip ", "component").doesNotContain(SECRET, TOKEN);
        }
    }

    /** The demo's application.properties turns Camel's log mask on with the Redactor behind it. */
    @Test
    void demoConfigurationEnablesTheRedactingLogMask() throws Exception {
        org.apache.camel.main.Main main = new org.apache.camel.main.Main();
        main.setDefaultPropertyPlaceholderLocation("file:application.properties");
        main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:no-such-folder/*.yaml");
        main.start();
        try {
            CamelContext camel = main.getCamelContext();
            assertThat(camel.isLogMask()).isTrue();
            assertThat(camel.getRegistry().lookupByName(MaskingFormatter.CUSTOM_LOG_MASK_REF))
                    .isInstanceOf(RedactingMaskingFormatter.class);
            // the core-store beans kamelets refer to are there too
            var dlq = camel.getRegistry().lookupByNameAndType("smsDeadLetters",
                    dev.smskamelets.core.deadletter.DeadLetterProcessor.class);
            assertThat(dlq.getStore()).isSameAs(camel.getRegistry().lookupByName("smsDeadLetterStore"));
            assertThat(camel.getRegistry().lookupByName("smsIdempotentRepository"))
                    .isInstanceOf(dev.smskamelets.core.idempotent.FileIdempotentRepository.class);
            assertThat(camel.getRegistry().lookupByName("smsStateRepository"))
                    .isInstanceOf(dev.smskamelets.core.checkpoint.AtomicFileStateRepository.class);
        } finally {
            main.stop();
        }
    }

    private static CamelContext camelCalling(Sandbox sandbox) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.setLogMask(true);
        camel.getRegistry().bind(MaskingFormatter.CUSTOM_LOG_MASK_REF, new RedactingMaskingFormatter());
        // automaticRetriesDisabled is a component option in Camel 4.18 (as an endpoint option it leaks into the query)
        camel.getPropertiesComponent().addInitialProperty("camel.component.http.automatic-retries-disabled", "true");
        String options = "?throwExceptionOnFailure=false&access_token=" + TOKEN;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get")
                        .log(org.apache.camel.LoggingLevel.DEBUG, "sending ${headers} ${body}")
                        .to("log:call?level=DEBUG&showAll=true")
                        .setHeader("CamelHttpMethod", constant("GET"))
                        .to(sandbox.baseUrl() + "/sandbox/info" + options)
                        .to("log:answer?level=DEBUG&showAll=true");
                from("direct:post")
                        .setHeader("Content-Type", constant("application/x-www-form-urlencoded"))
                        .setHeader("CamelHttpMethod", constant("POST"))
                        .setBody(constant(FORMS[3]))
                        .to(sandbox.baseUrl() + "/sandbox/no-such-endpoint" + options)
                        .to("log:answer?level=DEBUG&showAll=true");
            }
        });
        camel.start();
        return camel;
    }
}
