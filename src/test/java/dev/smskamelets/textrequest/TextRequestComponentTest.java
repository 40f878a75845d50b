package dev.smskamelets.textrequest;

import dev.smskamelets.test.KameletCamel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.component.SourcePass;
import dev.smskamelets.component.SourcePassListener;
import dev.smskamelets.test.MockVendor;
import dev.smskamelets.test.MockVendor.Answer;
import dev.smskamelets.test.MockVendor.Request;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

/**
 * The {@code textrequest} component used directly (the kamelets' tests cover it through them): operations by name or
 * operationId on the plural or singular resource, a filter of another resource refused at start, a page handed off
 * as one list, and the incremental contact source's watermark, which moves only once a poll read the list to its end.
 */
class TextRequestComponentTest {

    static final String CONTACT = "{\"phone_number\":\"13215550003\",\"first_name\":\"Ada\"}";

    static DefaultCamelContext camel(RouteBuilder routes, List<SourcePass> passes) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("passes", (SourcePassListener) passes::add);
        context.addRoutes(routes);
        context.start();
        return context;
    }

    static boolean await(List<SourcePass> passes, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (passes.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return passes.size() >= count;
    }

    @Test
    void anOperationIsNamedOrGivenByItsOperationIdOnThePluralOrSingularResource() throws Exception {
        try (MockVendor vendor = MockVendor.start()
                .on("GET", "/api/v3/dashboards/101/contacts/3215550003", r -> MockVendor.json(200, CONTACT))
                .on("GET", "/api/v3/dashboards/101/contacts/3219990000", r -> MockVendor.empty(204));
             DefaultCamelContext context = camel(new RouteBuilder() {
                 @Override
                 public void configure() {
                 }
             }, new CopyOnWriteArrayList<>())) {
            String options = "&dashboardId=101&apiKey=RAW(k-123)&baseUrl=RAW(" + vendor.url("/api/v3") + ")";
            ProducerTemplate producer = context.createProducerTemplate();
            Exchange found = producer.request("textrequest:contacts?operation=Contacts_getByPhoneNumber" + options,
                    e -> e.getIn().setHeader(TextRequestHeaders.PHONE, "(321) 555-0003"));
            assertThat(found.getException()).isNull();
            assertThat(found.getMessage().getBody(String.class)).isEqualTo(CONTACT);
            assertThat(found.getMessage().getHeader(TextRequestHeaders.FOUND)).isEqualTo(true);
            assertThat(found.getMessage().getHeader(TextRequestHeaders.CONTACT_FOUND)).isEqualTo(true);
            assertThat(found.getMessage().getHeaders()).doesNotContainKeys(Exchange.HTTP_PATH, Exchange.HTTP_METHOD);

            Exchange missing = producer.request("textrequest:contact?operation=get" + options,
                    e -> e.getIn().setHeader(TextRequestHeaders.PHONE, "3219990000"));
            assertThat(missing.getException()).isNull();
            assertThat(missing.getMessage().getHeader(TextRequestHeaders.FOUND)).isEqualTo(false);
            assertThat(missing.getMessage().getBody(String.class)).isNullOrEmpty();
            assertThat(vendor.requests()).hasSize(2).allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo("k-123"));

            Exchange unknown = producer.request("textrequest:tags?operation=Contacts_getByPhoneNumber" + options,
                    e -> e.getIn().setHeader("id", "7"));
            assertThat(unknown.getException()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'Contacts_getByPhoneNumber'").hasMessageContaining("list");
            assertThat(vendor.requests()).hasSize(2);
        }
    }

    @Test
    void aFilterOfAnotherResourceFailsTheRouteAtStartNamingIt() {
        List<SourcePass> passes = new CopyOnWriteArrayList<>();
        try (MockVendor vendor = MockVendor.start()) {
            assertThatThrownBy(() -> camel(new RouteBuilder() {
                @Override
                public void configure() {
                    from("textrequest:conversations?dashboardId=101&apiKey=k&hasOptedOut=true&baseUrl="
                            + vendor.url()).to("log:never");
                }
            }, passes).close()).hasStackTraceContaining("'hasOptedOut'").hasStackTraceContaining("conversations");
            assertThat(vendor.requests()).isEmpty();
        }
    }

    /** The incremental poll's watermark sends the date filter it is by: the same filter set too is refused at start. */
    @Test
    void aDateFilterTheWatermarkAlsoSetsFailsTheRouteAtStartNamingBoth() {
        List<SourcePass> passes = new CopyOnWriteArrayList<>();
        try (MockVendor vendor = MockVendor.start()) {
            assertThatThrownBy(() -> camel(new RouteBuilder() {
                @Override
                public void configure() {
                    from("textrequest:contacts?dashboardId=101&apiKey=k&incrementalBy=last-message"
                            + "&lastMessageAfter=2026-01-01T00:00:00Z&baseUrl=" + vendor.url()).to("log:never");
                }
            }, passes).close()).hasStackTraceContaining("lastMessageAfter '2026-01-01T00:00:00Z'")
                    .hasStackTraceContaining("incrementalBy=last-message").hasStackTraceContaining("startDate");
            assertThat(vendor.requests()).isEmpty();
        }
    }

    static Answer messages(Request request) {
        int page = Integer.parseInt(request.param("page"));
        ObjectNode body = MockVendor.json().createObjectNode();
        body.putObject("meta").put("page", page).put("page_size", 2).put("total_items", 3);
        ArrayNode items = body.putArray("items");
        for (int i = page * 2; i < Math.min(3, page * 2 + 2); i++) {
            items.addObject().put("message_id", "m" + i).put("body", "hello " + i);
        }
        return Answer.ok(body);
    }

    @Test
    void withBatchAPageIsHandedOffAsOneList() throws Exception {
        List<SourcePass> passes = new CopyOnWriteArrayList<>();
        List<Object> bodies = new CopyOnWriteArrayList<>();
        try (MockVendor vendor = new MockVendor(TextRequestComponentTest::messages);
             DefaultCamelContext context = camel(new RouteBuilder() {
                 @Override
                 public void configure() {
                     from("textrequest:messages?dashboardId=101&apiKey=k&batch=true&pageSize=2&initialDelay=0"
                             + "&delay=600000&messageStartDate=2025-06-01T00:00:00Z&baseUrl=" + vendor.url())
                             .process(e -> bodies.add(e.getIn().getBody()));
                 }
             }, passes)) {
            assertThat(await(passes, 1)).isTrue();
            assertThat(bodies).hasSize(2);
            assertThat((List<?>) bodies.get(0)).hasSize(2);
            assertThat((List<?>) bodies.get(1)).singleElement().asString().contains("\"m2\"");
            assertThat(passes.get(0)).satisfies(p -> {
                assertThat(p.pages()).isEqualTo(2);
                assertThat(p.emitted()).isEqualTo(3);
                assertThat(p.stop()).isEqualTo("SHORT_PAGE");
            });
            assertThat(vendor.requests()).extracting(r -> r.param("start_date"))
                    .containsOnly("2025-06-01T00:00:00Z");
        }
    }

    /** Contacts listed by creation: their last-message dates are not in order (T2, T1 | T3). */
    static Answer contacts(Request request) {
        int page = Integer.parseInt(request.param("page"));
        ObjectNode body = MockVendor.json().createObjectNode();
        body.putObject("meta").put("page", page).put("page_size", 2).put("total_items", 3);
        ArrayNode items = body.putArray("items");
        if (page == 0) {
            items.addObject().put("phone_number", "13215550002").put("last_contact_date_utc", "2025-06-02T00:00:00Z");
            items.addObject().put("phone_number", "13215550001").put("last_contact_date_utc", "2025-06-01T00:00:00Z");
        } else if (page == 1) {
            items.addObject().put("phone_number", "13215550003").put("last_contact_date_utc", "2025-06-03T00:00:00Z");
        }
        return Answer.ok(body);
    }

    @Test
    void anIncrementalPollMovesTheWatermarkOnlyOnceItReadTheListToItsEnd() throws Exception {
        MemoryStateRepository state = new MemoryStateRepository();
        MemoryIdempotentRepository seen = new MemoryIdempotentRepository();
        seen.start();
        String key = "textrequest-contacts/textrequest-contact-101-last-message";
        List<SourcePass> passes = new CopyOnWriteArrayList<>();
        List<String> watermarks = new CopyOnWriteArrayList<>();
        List<String> phones = new CopyOnWriteArrayList<>();
        AtomicBoolean failThird = new AtomicBoolean(true);
        try (MockVendor vendor = new MockVendor(TextRequestComponentTest::contacts);
             DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("state", state);
            context.getRegistry().bind("seen", seen);
            context.getRegistry().bind("passes", (SourcePassListener) pass -> {
                watermarks.add(String.valueOf(state.getState(key)));
                passes.add(pass);
            });
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("textrequest:contacts?dashboardId=101&apiKey=k&incrementalBy=last-message&pageSize=2"
                            + "&startDate=2025-01-01T00:00:00Z&lookback=PT1M&stateRepository=state"
                            + "&idempotentRepository=seen&initialDelay=0&delay=50&baseUrl=" + vendor.url())
                            .process(e -> {
                                String phone = KameletCamel.read(e.getIn().getBody(String.class)).get("phone_number").asText();
                                if (phone.endsWith("3") && failThird.getAndSet(false)) {
                                    throw new IllegalStateException("the sink is down");
                                }
                                phones.add(phone);
                            });
                }
            });
            context.start();
            assertThat(await(passes, 2)).isTrue();
            context.getRouteController().stopAllRoutes();
        }
        assertThat(passes.get(0).stop()).isEqualTo("FAILED");
        assertThat(watermarks.get(0)).as("a failed poll leaves the watermark").isEqualTo("null");
        assertThat(java.time.Instant.parse(watermarks.get(1))).as("a poll read to its end moves it to the latest date")
                .isEqualTo(java.time.Instant.parse("2025-06-03T00:00:00Z"));
        assertThat(phones).as("each contact once per date: the second poll emits only the one that failed")
                .containsExactly("13215550002", "13215550001", "13215550003");
    }
}
