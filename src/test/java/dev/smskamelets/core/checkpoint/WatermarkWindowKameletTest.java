package dev.smskamelets.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.test.Cron;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.MockVendor;
import dev.smskamelets.test.MockVendor.Answer;
import dev.smskamelets.test.MockVendor.Request;
import dev.smskamelets.test.SourceRun;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * A vendor that ignores the date filter: asked for records from 2025-01-01 on, it answers with records of 2019 (the
 * Listrak spec's example date) or 1936. Those records must never become the watermark: every pass asks from the
 * start date again, and each pass logs the out-of-window records once.
 */
class WatermarkWindowKameletTest {

    static final String START = "2025-01-01T00:00:00Z";

    static Answer listrakOldOptOuts(Request request) {
        if (request.path().endsWith("/Token")) {
            return Answer.ok(MockVendor.token());
        }
        ObjectNode body = MockVendor.json().createObjectNode().put("status", 200);
        body.putArray("data").addObject().put("phoneNumber", "2125550128").put("optOutDate", "2019-08-24T14:05:22Z")
                .put("optOutReason", 0);
        body.putNull("nextPageCursor");
        return Answer.ok(body);
    }

    @Test
    void listrakOptOutsDatedBeforeTheStartDateNeverMoveTheWatermark() throws Exception {
        MemoryStateRepository state = new MemoryStateRepository();
        try (MockVendor vendor = new MockVendor(WatermarkWindowKameletTest::listrakOldOptOuts);
             LogCapture logs = LogCapture.start(Level.INFO)) {
            int passes;
            try (SourceRun run = new SourceRun()) {
                run.bind("state", state).bind("seen", started(new MemoryIdempotentRepository()));
                run.start("""
                        - route:
                            from:
                              uri: "kamelet:listrak-sms-optout-source"
                              parameters:
                                baseUrl: "%1$s/sms"
                                authUrl: "%1$s/OAuth2/Token"
                                clientId: mock-client
                                clientSecret: mock-secret
                                senderCodeId: 1234
                                startDate: "%2$s"
                                stateRepository: state
                                idempotentRepository: seen
                                requestsPerSecond: 500
                                schedule: "%3$s"
                              steps:
                                - process:
                                    ref: collector
                        """.formatted(vendor.url(), START, Cron.EVERY_SECOND));
                assertThat(run.awaitPasses(2, 60)).isTrue();
                run.close();
                passes = run.passes();
                assertThat(run.records).as("the old opt-out is still handed over, once").hasSize(1);
            }
            List<Request> calls = vendor.requests("/sms/v1/ShortCode/1234/OptOut");
            assertThat(calls.size()).isGreaterThanOrEqualTo(2);
            assertThat(calls).extracting(r -> r.param("startDate")).as("every pass asks from the start date")
                    .containsOnly(START);
            String stored = state.getState("listrak-sms-optout/listrak-sms-optout-mock-client-1234");
            assertThat(stored == null || !Instant.parse(stored).isBefore(Instant.parse(START)))
                    .as("watermark %s is not before the start date", stored).isTrue();
            assertThat(Pattern.compile("1 record\\(s\\) dated before the requested window").matcher(logs.text())
                    .results().count()).as("logged once per pass").isEqualTo(passes);
        }
    }

    static MemoryIdempotentRepository started(MemoryIdempotentRepository repository) {
        repository.start(); // a bean looked up by name is not started by Camel
        return repository;
    }

    static Answer textRequestOldContacts(Request request) {
        ObjectNode body = MockVendor.json().createObjectNode();
        body.putObject("meta").put("page", 0).put("page_size", 100).put("total_items", 1);
        body.putArray("items").addObject().put("phone_number", "12125550128")
                .put("date_created_utc", "1936-07-04T12:00:00Z").put("last_contact_date_utc", "1936-07-04T12:00:00Z");
        return Answer.ok(body);
    }

    @Test
    void textRequestContactsDatedBeforeTheStartDateNeverMoveTheWatermark() throws Exception {
        MemoryStateRepository state = new MemoryStateRepository();
        try (MockVendor vendor = new MockVendor(WatermarkWindowKameletTest::textRequestOldContacts);
             LogCapture logs = LogCapture.start(Level.INFO)) {
            int passes;
            try (SourceRun run = new SourceRun()) {
                run.bind("state", state).bind("seen", started(new MemoryIdempotentRepository()));
                run.start("""
                        - route:
                            from:
                              uri: "kamelet:textrequest-contact-source"
                              parameters:
                                baseUrl: "%s"
                                apiKey: mock-key
                                dashboardId: 101
                                incrementalBy: created
                                startDate: "%s"
                                stateRepository: state
                                idempotentRepository: seen
                                requestsPerSecond: 500
                                schedule: "%s"
                              steps:
                                - process:
                                    ref: collector
                        """.formatted(vendor.url(), START, Cron.EVERY_SECOND));
                assertThat(run.awaitPasses(2, 60)).isTrue();
                run.close();
                passes = run.passes();
                assertThat(run.records).hasSize(1);
            }
            List<Request> calls = vendor.requests("/dashboards/101/contacts");
            assertThat(calls.size()).isGreaterThanOrEqualTo(2);
            assertThat(calls).extracting(r -> r.param("contact_created_after")).containsOnly(START);
            String stored = state.getState("textrequest-contacts/textrequest-contact-101-created");
            assertThat(stored == null || !Instant.parse(stored).isBefore(Instant.parse(START)))
                    .as("watermark %s is not before the start date", stored).isTrue();
            assertThat(Pattern.compile("1 record\\(s\\) dated before the requested window").matcher(logs.text())
                    .results().count()).as("logged once per pass").isEqualTo(passes);
        }
    }
}
