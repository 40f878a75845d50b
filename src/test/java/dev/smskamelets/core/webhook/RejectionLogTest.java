package dev.smskamelets.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.test.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One WARN line per status and interval; the next line counts the refusals that were not logged. */
class RejectionLogTest {

    @Test
    void logsTheFirstRefusalPerStatusAndCountsTheRestUntilTheIntervalHasPassed() {
        AtomicLong now = new AtomicLong(1_000);
        RejectionLog log = new RejectionLog(LoggerFactory.getLogger(RejectionLogTest.class), "test delivery",
                Duration.ofSeconds(60), now::get);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(RejectionLog.REMOTE_ADDRESS, "10.0.0.7:5555");
        try (LogCapture logs = LogCapture.start()) {
            log.refused(exchange, "/hooks", 401, "signature does not match");
            log.refused(exchange, "/hooks", 401, "signature does not match");
            log.refused(exchange, "/hooks", 401, "outside the window");
            log.refused(exchange, "/hooks", 400, "body is empty");
            now.addAndGet(Duration.ofSeconds(61).toNanos());
            log.refused(exchange, "/hooks", 401, "signature does not match");
            List<String> lines = logs.text().lines().filter(l -> l.contains("Refused a test delivery")).toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).contains("WARN", "on /hooks from 10.0.0.7:5555: 401 signature does not match")
                    .doesNotContain("more refused");
            assertThat(lines.get(1)).contains("400 body is empty");
            assertThat(lines.get(2)).contains("401 signature does not match (and 2 more refused with 401");
        }
    }
}
