package dev.smskamelets.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import dev.smskamelets.test.MockVendor;
import dev.smskamelets.test.MockVendor.Answer;
import dev.smskamelets.test.MockVendor.Request;
import dev.smskamelets.test.SourceRun;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Processor;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page work around a source's hand-off ({@link PageReader}), with the next page read ahead on the source's reader
 * thread ({@code prefetch=true}, the default) and without ({@code prefetch=false}): both must behave the same. A mock
 * Listrak serves opt-outs along its cursor ({@code Start} → ...).
 */
class PageReaderTest {

    @TempDir
    Path dir;

    /** The opt-outs of each page, by cursor, as a vendor serving fixed pages does; the last page has no next cursor. */
    static Answer pages(Request request, Map<String, List<String[]>> pages) {
        if (request.path().endsWith("/Token")) {
            return Answer.ok(MockVendor.token());
        }
        String cursor = request.param("cursor");
        ObjectNode body = MockVendor.json().createObjectNode().put("status", 200);
        ArrayNode data = body.putArray("data");
        List<String> order = List.copyOf(pages.keySet());
        for (String[] optOut : pages.getOrDefault(cursor, List.of())) {
            data.addObject().put("phoneNumber", optOut[0]).put("optOutDate", optOut[1]).put("optOutReason", "API");
        }
        int at = order.indexOf(cursor);
        if (at >= 0 && at + 1 < order.size()) {
            body.put("nextPageCursor", "https://api.listrak.com/sms/v1/ShortCode/1234/OptOut?cursor=" + order.get(at + 1)
                    + "&count=2");
        }
        return Answer.ok(body);
    }

    /**
     * All the opt-outs in date order, as Listrak pages them: those from the pass's {@code startDate} on, {@code count}
     * per page, the cursor the offset ({@code Start} = 0, {@code c<offset>} after), a next cursor after every full page.
     */
    static Answer list(Request request, List<String[]> optOuts) {
        if (request.path().endsWith("/Token")) {
            return Answer.ok(MockVendor.token());
        }
        Instant from = Instant.parse(request.param("startDate"));
        List<String[]> listed = optOuts.stream().filter(o -> !Instant.parse(o[1]).isBefore(from)).toList();
        int count = Integer.parseInt(request.param("count"));
        String cursor = request.param("cursor");
        int offset = cursor.equals("Start") ? 0 : Integer.parseInt(cursor.substring(1));
        ObjectNode body = MockVendor.json().createObjectNode().put("status", 200);
        ArrayNode data = body.putArray("data");
        for (String[] optOut : listed.subList(Math.min(offset, listed.size()), Math.min(offset + count, listed.size()))) {
            data.addObject().put("phoneNumber", optOut[0]).put("optOutDate", optOut[1]).put("optOutReason", "API");
        }
        if (data.size() == count) {
            body.put("nextPageCursor", "https://api.listrak.com/sms/v1/ShortCode/1234/OptOut?cursor=c" + (offset + count)
                    + "&count=" + count);
        }
        return Answer.ok(body);
    }

    static String[] optOut(String phone, String date) {
        return new String[] {phone, date};
    }

    static String source(MockVendor vendor, boolean prefetch) {
        return source(vendor, "optouts", "pageSize: 2\nlookback: PT10M", prefetch);
    }

    /** A route from {@code listrak-sms:<resource>} on the mock with the options {@code extra} (YAML lines) into the sink. */
    static String source(MockVendor vendor, String resource, String extra, boolean prefetch) {
        return """
                - route:
                    from:
                      uri: "listrak-sms:%1$s"
                      parameters:
                        baseUrl: "%2$s/sms"
                        authUrl: "%2$s/OAuth2/Token"
                        clientId: mock-client
                        clientSecret: mock-secret
                        senderCodeId: 1234
                %3$s
                        requestsPerSecond: 500
                        prefetch: %4$s
                        scheduler: quartz
                        scheduler.cron: "%5$s"
                      steps:
                        - process:
                            ref: sink
                """.formatted(resource, vendor.url(), extra.indent(8).stripTrailing(), prefetch, SourceRun.ON_DEMAND);
    }

    /** A run with file stores in {@code dir}, a sink that records phones (and fails where {@code fail} says once). */
    SourceRun run(List<String> phones, List<SourcePass> passes, String failOnce) {
        AtomicBoolean failed = new AtomicBoolean();
        SourceRun run = new SourceRun();
        run.bind("smsStateRepository", state);
        run.bind("smsIdempotentRepository", idempotent());
        run.bind("sink", (Processor) exchange -> {
            String phone = MockVendor.json().readTree(exchange.getIn().getBody(String.class)).get("phoneNumber").asText();
            if (phone.equals(failOnce) && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("the sink refuses " + phone + " once");
            }
            phones.add(phone);
        });
        run.bind("passLog", (SourcePassListener) passes::add);
        return run;
    }

    /** The checkpoint store; {@code failWrites} of its writes fail (a full disk, a database gone). */
    private final java.util.concurrent.atomic.AtomicInteger failWrites = new java.util.concurrent.atomic.AtomicInteger();
    private final MemoryStateRepository state = new MemoryStateRepository() {
        @Override
        public void setState(String key, String value) {
            if (failWrites.getAndDecrement() > 0) {
                throw new IllegalStateException("the state store refuses a write");
            }
            super.setState(key, value);
        }
    };
    private FileIdempotentRepository idempotent;

    FileIdempotentRepository idempotent() {
        if (idempotent == null) {
            idempotent = new FileIdempotentRepository(dir.resolve("idempotent.log").toString());
        }
        return idempotent;
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(booleans = {true, false})
    void aRecordTheVendorRepeatsOnTheNextPageIsHandedOffOnceAndThePassGoesOn(boolean prefetch) throws Exception {
        Map<String, List<String[]>> pages = new java.util.LinkedHashMap<>();
        pages.put("Start", List.of(optOut("+12125550001", "2025-01-01T00:00:00Z"), optOut("+12125550002", "2025-01-01T00:01:00Z")));
        pages.put("c1", List.of(optOut("+12125550002", "2025-01-01T00:01:00Z"), optOut("+12125550003", "2025-01-01T00:02:00Z")));
        pages.put("c2", List.<String[]>of(optOut("+12125550004", "2025-01-01T00:03:00Z")));
        List<String> phones = new CopyOnWriteArrayList<>();
        List<SourcePass> passes = new CopyOnWriteArrayList<>();
        try (MockVendor vendor = new MockVendor(r -> pages(r, pages)); SourceRun run = run(phones, passes, null)) {
            run.start(source(vendor, prefetch)).firePass();
            assertThat(run.awaitPasses(1, 60)).isTrue();
            assertThat(phones).containsExactly("+12125550001", "+12125550002", "+12125550003", "+12125550004");
            assertThat(passes).singleElement().satisfies(p -> {
                assertThat(p.stop()).as("not stopped by its own page's keys in flight").isEqualTo("SHORT_PAGE");
                assertThat(p.pages()).isEqualTo(3);
                assertThat(p.emitted()).isEqualTo(4);
                assertThat(p.skipped()).isEqualTo(1);
            });
        }
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(booleans = {true, false})
    void aPageReadAheadWhenTheRouteFailsARecordIsReleasedAndReadAgainByTheNextPass(boolean prefetch) throws Exception {
        Map<String, List<String[]>> pages = new java.util.LinkedHashMap<>();
        pages.put("Start", List.of(optOut("+12125550001", "2025-01-01T00:00:00Z"), optOut("+12125550002", "2025-01-01T00:01:00Z")));
        pages.put("c1", List.of(optOut("+12125550003", "2025-01-01T00:02:00Z"), optOut("+12125550004", "2025-01-01T00:03:00Z")));
        pages.put("c2", List.of());
        List<String> phones = new CopyOnWriteArrayList<>();
        List<SourcePass> passes = new CopyOnWriteArrayList<>();
        try (MockVendor vendor = new MockVendor(r -> pages(r, pages)); SourceRun run = run(phones, passes, "+12125550002")) {
            run.start(source(vendor, prefetch)).firePass();
            assertThat(run.awaitPasses(1, 60)).isTrue();
            assertThat(phones).containsExactly("+12125550001");
            assertThat(passes.get(0).stop()).isEqualTo("FAILED");
            run.firePass();
            assertThat(run.awaitPasses(2, 60)).isTrue();
            assertThat(phones).as("the failed record and the page read ahead come again, nothing twice")
                    .containsExactly("+12125550001", "+12125550002", "+12125550003", "+12125550004");
            assertThat(passes.get(1).stop()).as("no key of the page read ahead left in flight").isEqualTo("EMPTY_PAGE");
            assertThat(passes.get(1).skipped()).as("the record handed off before the failure").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(booleans = {true, false})
    void onlyTheKeysTheNextPassCanReadAgainAreKept(boolean prefetch) throws Exception {
        List<String[]> optOuts = List.of(optOut("+12125550001", "2025-01-01T00:00:00Z"),
                optOut("+12125550002", "2025-01-02T00:00:00Z"), optOut("+12125550003", "2025-01-03T00:00:00Z"),
                optOut("+12125550004", "2025-01-03T00:05:00Z"));
        List<String> phones = new CopyOnWriteArrayList<>();
        List<SourcePass> passes = new CopyOnWriteArrayList<>();
        try (MockVendor vendor = new MockVendor(r -> list(r, optOuts)); SourceRun run = run(phones, passes, null)) {
            run.start(source(vendor, prefetch)).firePass();
            assertThat(run.awaitPasses(1, 60)).isTrue();
            assertThat(phones).hasSize(4);
            assertThat(idempotent().size()).as("watermark 2025-01-03T00:05, lookback 10 min: the keys of 2025-01-03 only")
                    .isEqualTo(2);
            run.firePass();
            assertThat(run.awaitPasses(2, 60)).isTrue();
            assertThat(vendor.requests("/sms/v1/ShortCode/1234/OptOut")).last().extracting(r -> r.param("startDate"))
                    .isEqualTo("2025-01-02T23:55:00Z");
            assertThat(passes.get(1).read()).as("the second pass reads the last lookback again").isEqualTo(2);
            assertThat(passes.get(1).skipped()).as("and hands none of it off twice").isEqualTo(2);
            assertThat(phones).hasSize(4);
        }
    }

    /** Listrak contacts of a phone list: one short page of two, whatever the window. */
    static Answer twoContacts(Request request) {
        if (request.path().endsWith("/Token")) {
            return Answer.ok(MockVendor.token());
        }
        ObjectNode body = MockVendor.json().createObjectNode().put("status", 200);
        ArrayNode data = body.putArray("data");
        data.addObject().put("phoneNumber", "+12125550001").put("subscribeDate", "2025-01-01T00:00:00Z");
        data.addObject().put("phoneNumber", "+12125550002").put("subscribeDate", "2025-01-01T00:01:00Z");
        return Answer.ok(body);
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(booleans = {true, false})
    void aRecordTheRouteFailsOnTheLastPageKeepsTheWindowWhereItWas(boolean prefetch) throws Exception {
        List<String> phones = new CopyOnWriteArrayList<>();
        List<SourcePass> passes = new CopyOnWriteArrayList<>();
        try (MockVendor vendor = new MockVendor(PageReaderTest::twoContacts);
             SourceRun run = run(phones, passes, "+12125550002")) {
            run.start(source(vendor, "contacts", "phoneListId: 7", prefetch)).firePass();
            assertThat(run.awaitPasses(1, 60)).isTrue();
            assertThat(passes.get(0).stop()).isEqualTo("FAILED");
            run.firePass();
            assertThat(run.awaitPasses(2, 60)).isTrue();
            List<Request> reads = vendor.requests("/sms/v1/ShortCode/1234/PhoneList/7/Contact");
            assertThat(reads).hasSize(2);
            assertThat(reads.get(1).param("startSubscribeDate")).as("the window the failed pass read is read again")
                    .isEqualTo(reads.get(0).param("startSubscribeDate"));
            assertThat(phones).as("the failed record comes again").endsWith("+12125550002");
        }
    }

    @ParameterizedTest(name = "prefetch={0}")
    @ValueSource(booleans = {true, false})
    void aCheckpointWriteThatFailsFailsThePassAndLeavesNoKeyInFlight(boolean prefetch) throws Exception {
        List<String[]> optOuts = List.of(optOut("+12125550001", "2025-01-01T00:00:00Z"),
                optOut("+12125550002", "2025-01-02T00:00:00Z"), optOut("+12125550003", "2025-01-03T00:00:00Z"));
        List<String> phones = new CopyOnWriteArrayList<>();
        List<SourcePass> passes = new CopyOnWriteArrayList<>();
        failWrites.set(1);
        try (MockVendor vendor = new MockVendor(r -> list(r, optOuts)); SourceRun run = run(phones, passes, null)) {
            run.start(source(vendor, prefetch)).firePass();
            assertThat(run.awaitPasses(1, 60)).isTrue();
            assertThat(passes.get(0).stop()).as("the failed checkpoint write fails the pass").isEqualTo("FAILED");
            run.firePass();
            assertThat(run.awaitPasses(2, 60)).isTrue();
            assertThat(passes.get(1).stop()).as("no key left in flight by the failed pass").isEqualTo("SHORT_PAGE");
            assertThat(phones).as("each opt-out handed off once: the keys of the page handed off were confirmed")
                    .containsExactly("+12125550001", "+12125550002", "+12125550003");
        }
    }
}
