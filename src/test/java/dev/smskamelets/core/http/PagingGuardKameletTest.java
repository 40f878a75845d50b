package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.MockVendor;
import dev.smskamelets.test.MockVendor.Answer;
import dev.smskamelets.test.MockVendor.Request;
import dev.smskamelets.test.SourceRun;
import java.util.List;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * The page-loop guard of every paging style, against vendors that never end a list: a Text Request list whose
 * {@code meta.total_items} (30,256,896) promises pages that only repeat the same records, a Listrak cursor that
 * cycles, and a list longer than the per-pass page cap. Each mock answers as the hostile vendor did; after
 * {@value #SAFETY_NET} page requests it ends the list itself, so code without a guard finishes (and fails the
 * test) instead of hanging.
 */
class PagingGuardKameletTest {

    static final int SAFETY_NET = 20;
    static final long HUGE_TOTAL = 30_256_896L;

    /** A Text Request list page (Conversations / Messages schema shape) with the given items. */
    static JsonNode textRequestPage(long page, int pageSize, ArrayNode items) {
        ObjectNode body = MockVendor.json().createObjectNode();
        body.putObject("meta").put("page", page).put("page_size", pageSize).put("total_items", HUGE_TOTAL);
        body.set("items", items);
        return body;
    }

    static ArrayNode conversations(int... ids) {
        ArrayNode items = MockVendor.json().createArrayNode();
        for (int id : ids) {
            items.addObject().put("id", id).put("phone_number", "212555" + (1000 + id))
                    .put("last_message_timestamp_utc", "2025-03-01T10:00:00Z");
        }
        return items;
    }

    static String textRequestSource(MockVendor vendor, String kamelet, String extra) {
        return """
                - route:
                    from:
                      uri: "kamelet:%s"
                      parameters:
                        baseUrl: "%s"
                        apiKey: mock-key
                        dashboardId: 101
                        requestsPerSecond: 500
                        schedule: "%s"
                %s
                      steps:
                        - process:
                            ref: collector
                """.formatted(kamelet, vendor.url(), SourceRun.ON_DEMAND, extra.indent(8).stripTrailing());
    }

    /** Every page of the list is the same two conversations, under a total of 30,256,896. */
    static Answer sameTwoConversations(Request request) {
        long page = Long.parseLong(request.param("page"));
        int size = Integer.parseInt(request.param("page_size"));
        return Answer.ok(textRequestPage(page, size, page >= SAFETY_NET ? conversations() : conversations(1, 2)));
    }

    @Test
    void textRequestPagesRepeatingTheSameRecordsEndThePassAtTheFirstRepeat() throws Exception {
        try (MockVendor vendor = new MockVendor(PagingGuardKameletTest::sameTwoConversations);
             LogCapture logs = LogCapture.start(Level.INFO);
             SourceRun run = new SourceRun()) {
            run.start(textRequestSource(vendor, "textrequest-conversation-source", "pageSize: 2")).firePass();
            assertThat(run.awaitPasses(1, 60)).isTrue();
            List<Request> pages = vendor.requests("/dashboards/101/conversations");
            assertThat(pages).extracting(r -> r.param("page")).as("page 1 repeats page 0: the pass ends there")
                    .containsExactly("0", "1");
            assertThat(run.records).extracting(r -> MockVendor.json().readTree(r).get("id").asInt())
                    .as("each record emitted once, the repeated page not at all").containsExactly(1, 2);
            assertThat(logs.text()).contains("paging stopped").contains("repeats the previous page");
        }
    }

    @Test
    void aShortTextRequestPageEndsThePassWhateverTotalItemsSays() throws Exception {
        try (MockVendor vendor = new MockVendor(PagingGuardKameletTest::sameTwoConversations);
             LogCapture logs = LogCapture.start(Level.INFO);
             SourceRun run = new SourceRun()) {
            run.start(textRequestSource(vendor, "textrequest-conversation-source", "pageSize: 100")).firePass();
            assertThat(run.awaitPasses(1, 60)).isTrue();
            assertThat(vendor.requests("/dashboards/101/conversations")).extracting(r -> r.param("page"))
                    .as("2 records of 100 asked for is the last page").containsExactly("0");
            assertThat(run.records).hasSize(2);
            assertThat(logs.text()).contains("paging stopped").contains("short page (2 of 100");
        }
    }

    /** Listrak: Start -> c1 -> c2 -> c1 -> c2 ... each page two new contacts, full pages. */
    static Answer cyclingCursor(Request request) {
        if (request.path().endsWith("/Token")) {
            return Answer.ok(MockVendor.token());
        }
        String cursor = request.param("cursor");
        int seq = request.path().contains("/Contact") ? SEQ.getAndIncrement() : 0;
        ObjectNode body = MockVendor.json().createObjectNode().put("status", 200);
        ArrayNode data = body.putArray("data");
        if (seq < SAFETY_NET) {
            for (int i = 0; i < 2; i++) {
                data.addObject().put("phoneNumber", "1212555" + (2000 + seq * 2 + i)).put("subscribeDate",
                        "2025-02-01T00:00:00Z");
            }
            body.put("nextPageCursor", "https://api.listrak.com/sms/v1/ShortCode/1234/PhoneList/7/Contact?cursor="
                    + ("c1".equals(cursor) ? "c2" : "c1") + "&count=2");
        }
        return Answer.ok(body);
    }

    static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void aListrakCursorThatRepeatsEndsThePass() throws Exception {
        SEQ.set(0);
        try (MockVendor vendor = new MockVendor(PagingGuardKameletTest::cyclingCursor);
             LogCapture logs = LogCapture.start(Level.INFO);
             SourceRun run = new SourceRun()) {
            run.bind("state", new MemoryStateRepository());
            run.start("""
                    - route:
                        from:
                          uri: "kamelet:listrak-sms-contact-source"
                          parameters:
                            baseUrl: "%1$s/sms"
                            authUrl: "%1$s/OAuth2/Token"
                            clientId: mock-client
                            clientSecret: mock-secret
                            senderCodeId: 1234
                            phoneListId: 7
                            stateRepository: state
                            pageSize: 2
                            requestsPerSecond: 500
                            schedule: "%2$s"
                          steps:
                            - process:
                                ref: collector
                    """.formatted(vendor.url(), SourceRun.ON_DEMAND)).firePass();
            assertThat(run.awaitPasses(1, 60)).isTrue();
            assertThat(vendor.requests("/sms/v1/")).extracting(r -> r.param("cursor"))
                    .as("c1 comes back after c2: the pass ends").containsExactly("Start", "c1", "c2");
            assertThat(run.records).hasSize(6).doesNotHaveDuplicates();
            assertThat(logs.text()).contains("paging stopped").contains("cursor 'c1' repeats");
        }
    }

    /** A list that never ends: every page two new conversations, the total 30,256,896. */
    static Answer endlessList(Request request) {
        long page = Long.parseLong(request.param("page"));
        int size = Integer.parseInt(request.param("page_size"));
        int first = (int) page * size;
        return Answer.ok(textRequestPage(page, size, page >= SAFETY_NET ? conversations()
                : conversations(first, first + 1)));
    }

    @Test
    void thePageCapEndsAPassAndTheNextPassResumesFromTheCheckpoint() throws Exception {
        MemoryStateRepository checkpoints = new MemoryStateRepository();
        try (MockVendor vendor = new MockVendor(PagingGuardKameletTest::endlessList);
             LogCapture logs = LogCapture.start(Level.INFO)) {
            String params = "pageSize: 2\nmaxPages: 3\ncheckpoint: pages";
            try (SourceRun first = new SourceRun()) {
                first.bind("pages", checkpoints).start(textRequestSource(vendor, "textrequest-message-source", params))
                        .firePass();
                assertThat(first.awaitPasses(1, 60)).isTrue();
                assertThat(vendor.requests("/dashboards/101/messages")).extracting(r -> r.param("page"))
                        .as("three pages per pass").containsExactly("0", "1", "2");
                assertThat(first.records).hasSize(6);
            }
            assertThat(checkpoints.getState("textrequest-message:101")).isEqualTo("3");
            assertThat(logs.text()).contains("paging stopped").contains("maxPages 3");
            try (SourceRun second = new SourceRun()) {
                second.bind("pages", checkpoints).start(textRequestSource(vendor, "textrequest-message-source", params))
                        .firePass();
                assertThat(second.awaitPasses(1, 60)).isTrue();
                assertThat(vendor.requests("/dashboards/101/messages")).extracting(r -> r.param("page"))
                        .as("the next pass resumes at page 3").containsExactly("0", "1", "2", "3", "4", "5");
                assertThat(second.records).extracting(r -> MockVendor.json().readTree(r).get("id").asInt())
                        .containsExactly(6, 7, 8, 9, 10, 11);
            }
        }
    }
}
