package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.http.paging.Page;
import dev.smskamelets.core.http.paging.PageGuard;
import dev.smskamelets.core.http.paging.PagingStyle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The paging styles' edge cases: cursor forms, 204, totals, time windows, bad sizes; plus Retry-After parsing. */
class PagingStylesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static VendorResponse json(String body) throws Exception {
        return new VendorResponse(200, "application/json", body, JSON.readTree(body));
    }

    @Test
    void listrakCursorIsReadAsBareValueOrFromAUri() throws Exception {
        PagingStyle cursor = PagingStyle.named("listrak-cursor", null, null);
        assertThat(cursor.read(json("{\"data\":[{}],\"nextPageCursor\":\"abc123\"}"), "Start", 1).next())
                .isEqualTo("abc123");
        assertThat(cursor.read(json("{\"data\":[{}],\"nextPageCursor\":"
                + "\"https://api.listrak.com/sms/v1/ShortCode/1/OptOut?cursor=x%2By&count=5000\"}"), "Start", 1).next())
                .isEqualTo("x+y");
        assertThat(cursor.read(json("{\"data\":[{}],\"nextPageCursor\":\"/v1/OptOut?count=5&cursor=rel\"}"), "Start", 1)
                .next()).isEqualTo("rel");
    }

    @Test
    void listrakPageWithoutCursorOrWithAnEmptyOneIsTheLast() throws Exception {
        PagingStyle cursor = PagingStyle.named("listrak-cursor", null, null);
        Page noField = cursor.read(json("{\"data\":[{\"a\":1}]}"), "Start", 5000);
        Page empty = cursor.read(json("{\"data\":[{\"a\":1}],\"nextPageCursor\":\"\"}"), "Start", 5000);
        Page nullCursor = cursor.read(json("{\"data\":[{\"a\":1}],\"nextPageCursor\":null}"), "Start", 5000);
        assertThat(noField.more()).isFalse();
        assertThat(empty.more()).isFalse();
        assertThat(nullCursor.more()).isFalse();
        assertThat(noField.records()).hasSize(1);
    }

    @Test
    void listrakCountAboveTheMaximumIsRefusedByName() {
        assertThatThrownBy(() -> PagingStyle.named("listrak-cursor", null, null).params("Start", 5001))
                .hasMessageContaining("pageSize").hasMessageContaining("5001");
    }

    @Test
    void textRequest204IsAnEmptyLastPage() {
        Page page = PagingStyle.named("page-number", null, null).read(new VendorResponse(204, null, "", null), "3", 100);
        assertThat(page.records()).isEmpty();
        assertThat(page.more()).isFalse();
    }

    @Test
    void textRequestStopsAtTotalItems() throws Exception {
        PagingStyle pages = PagingStyle.named("page-number", null, null);
        String body = "{\"meta\":{\"page\":%d,\"page_size\":2,\"total_items\":5},\"items\":[{},{}]}";
        assertThat(pages.read(json(body.formatted(1)), "1", 2).next()).isEqualTo("2");
        assertThat(pages.read(json(body.formatted(2)), "2", 2).more()).isFalse();
    }

    @Test
    void pageWhoseRecordFieldIsNotAnArrayIsAContractError() {
        assertThatThrownBy(() -> PagingStyle.named("page-number", null, null)
                .read(json("{\"items\":\"<html>\"}"), "0", 100))
                .isInstanceOf(VendorApiException.class).hasMessageContaining("items").hasMessageContaining("<html>");
    }

    @Test
    void timeWindowAdvancesTheWatermarkToTheLatestRecordAndKeepsIt() throws Exception {
        PagingStyle window = PagingStyle.named("time-window", "messages", "createdAt");
        Page full = window.read(json("{\"messages\":[{\"createdAt\":\"2026-01-01T10:00:00Z\"},"
                + "{\"createdAt\":\"2026-01-01T11:00:00Z\"}]}"), "2026-01-01T00:00:00Z", 2);
        assertThat(full.next()).isEqualTo("2026-01-01T11:00:00Z");
        assertThat(full.more()).isTrue();
        Page last = window.read(json("{\"messages\":[{\"createdAt\":\"2026-01-01T12:00:00Z\"}]}"), full.next(), 2);
        assertThat(last.more()).isFalse();
        assertThat(last.next()).as("the watermark stays as the checkpoint").isEqualTo("2026-01-01T12:00:00Z");
        assertThat(window.params(last.next(), 500)).containsEntry("earliestDateTime", "2026-01-01T12:00:00Z")
                .containsEntry("batchSize", "500");
    }

    @Test
    void timeWindowComparesInstantsNotText() throws Exception {
        Page page = PagingStyle.named("time-window", null, null).read(json("{\"data\":[{\"dateTime\":"
                + "\"2026-01-01T10:00:00.500Z\"},{\"dateTime\":\"2026-01-01T10:00:00Z\"}]}"), "2026-01-01T09:00:00Z", 2);
        assertThat(page.next()).isEqualTo("2026-01-01T10:00:00.500Z");
    }

    @Test
    void timeWindowResumesFromACoreStoreCheckpointWithItsLookback() {
        var repository = new org.apache.camel.support.processor.state.MemoryStateRepository();
        var checkpoint = new dev.smskamelets.core.checkpoint.Checkpoint(repository, "job", "messages");
        checkpoint.setLookback("10m");
        checkpoint.setStartAt("2026-01-01");
        var pages = dev.smskamelets.core.http.paging.PageCheckpoint.of((Object) checkpoint, "cp", "ignored", "time-window");
        assertThat(pages.restore()).isEqualTo("2026-01-01T00:00:00Z");
        pages.save("2026-02-01T12:00:00Z");
        assertThat(pages.restore()).isEqualTo("2026-02-01T11:50:00Z");
        assertThatThrownBy(() -> dev.smskamelets.core.http.paging.PageCheckpoint.of((Object) checkpoint, "cp", "k",
                "listrak-cursor")).hasMessageContaining("time-window").hasMessageContaining("cp");
    }

    static Page guarded(PageGuard guard, PagingStyle style, String token, String body, int size) throws Exception {
        VendorResponse response = json(body);
        return guard.check(style, token, style.read(response, token, size), style.servedPageSize(response, size));
    }

    @Test
    void everyStyleStopsOnAnEmptyOrShortPageWhateverItsOwnMarkerSays() throws Exception {
        String[][] cases = {
                {"listrak-cursor", "Start", "{\"data\":[%s],\"nextPageCursor\":\"next\"}"},
                {"page-number", "0", "{\"meta\":{\"total_items\":30256896},\"items\":[%s]}"},
                {"time-window", "2026-01-01T00:00:00Z", "{\"data\":[%s]}"}};
        String two = "{\"id\":1,\"dateTime\":\"2026-01-02T00:00:00Z\"},{\"id\":2,\"dateTime\":\"2026-01-03T00:00:00Z\"}";
        for (String[] c : cases) {
            PagingStyle style = PagingStyle.named(c[0], null, null);
            PageGuard shortGuard = new PageGuard(c[0], 1000, false);
            Page shortPage = guarded(shortGuard, style, c[1], c[2].formatted(two), 3);
            assertThat(shortPage.more()).as(c[0] + " short page").isFalse();
            assertThat(shortPage.records()).hasSize(2);
            assertThat(shortGuard.stop()).isEqualTo(PageGuard.Stop.SHORT_PAGE);
            PageGuard emptyGuard = new PageGuard(c[0], 1000, false);
            assertThat(guarded(emptyGuard, style, c[1], c[2].formatted(""), 3).more()).as(c[0] + " empty").isFalse();
            assertThat(emptyGuard.stop()).isEqualTo(PageGuard.Stop.EMPTY_PAGE);
        }
        assertThat(guarded(new PageGuard("tw", 1000, false), PagingStyle.named("time-window", null, null),
                "2026-01-01T00:00:00Z", "{\"data\":[" + two + "]}", 3).next())
                .as("a time window keeps its watermark").isEqualTo("2026-01-03T00:00:00Z");
    }

    @Test
    void aPageRepeatingThePreviousPagesKeysEndsThePassWithoutItsRecords() throws Exception {
        PagingStyle pages = PagingStyle.named("page-number", null, null);
        PageGuard guard = new PageGuard("tr", 1000, false);
        String body = "{\"meta\":{\"page_size\":2,\"total_items\":30256896},\"items\":[{\"id\":7,\"unread\":%d},{\"id\":8}]}";
        Page first = guarded(guard, pages, "0", body.formatted(1), 2);
        assertThat(first.more()).isTrue();
        Page repeat = guarded(guard, pages, first.next(), body.formatted(2), 2);
        assertThat(repeat.more()).isFalse();
        assertThat(repeat.records()).as("same ids: not handed on again").isEmpty();
        assertThat(repeat.next()).as("the pass is over: the page checkpoint is cleared").isNull();
        assertThat(guard.stop()).isEqualTo(PageGuard.Stop.REPEATED_PAGE);

        PagingStyle cursor = PagingStyle.named("listrak-cursor", null, null);
        PageGuard listrak = new PageGuard("listrak", 1000, false);
        String noIds = "{\"data\":[{\"phoneNumber\":\"1\"},{\"phoneNumber\":\"2\"}],\"nextPageCursor\":\"%s\"}";
        assertThat(guarded(listrak, cursor, "Start", noIds.formatted("a"), 2).more()).isTrue();
        assertThat(guarded(listrak, cursor, "a", noIds.formatted("b"), 2).records())
                .as("records without an id are compared whole").isEmpty();
        assertThat(listrak.stop()).isEqualTo(PageGuard.Stop.REPEATED_PAGE);
    }

    @Test
    void aListrakCursorSeenBeforeInThePassEndsIt() throws Exception {
        PagingStyle cursor = PagingStyle.named("listrak-cursor", null, null);
        PageGuard guard = new PageGuard("listrak", 1000, false);
        String page = "{\"data\":[{\"n\":%d},{\"n\":%d}],\"nextPageCursor\":\"%s\"}";
        assertThat(guarded(guard, cursor, "Start", page.formatted(1, 2, "a"), 2).next()).isEqualTo("a");
        Page same = guarded(guard, cursor, "a", page.formatted(3, 4, "a"), 2);
        assertThat(same.more()).isFalse();
        assertThat(same.records()).as("new records of the page are handed on").hasSize(2);
        assertThat(guard.stop()).isEqualTo(PageGuard.Stop.REPEATED_CURSOR);
        PageGuard cycle = new PageGuard("listrak", 1000, false);
        guarded(cycle, cursor, "Start", page.formatted(1, 2, "a"), 2);
        guarded(cycle, cursor, "a", page.formatted(3, 4, "b"), 2);
        assertThat(guarded(cycle, cursor, "b", page.formatted(5, 6, "Start"), 2).more()).isFalse();
        assertThat(cycle.stop()).isEqualTo(PageGuard.Stop.REPEATED_CURSOR);
    }

    @Test
    void thePageCapEndsAPassAndKeepsTheNextPageForTheCheckpoint() throws Exception {
        PagingStyle pages = PagingStyle.named("page-number", null, null);
        PageGuard guard = new PageGuard("tr", 2, true);
        String body = "{\"meta\":{\"total_items\":30256896},\"items\":[{\"id\":%d},{\"id\":%d}]}";
        assertThat(guarded(guard, pages, "0", body.formatted(0, 1), 2).more()).isTrue();
        Page capped = guarded(guard, pages, "1", body.formatted(2, 3), 2);
        assertThat(capped.more()).isFalse();
        assertThat(capped.next()).as("the next pass resumes here").isEqualTo("2");
        assertThat(guard.stop()).isEqualTo(PageGuard.Stop.PAGE_CAP);
        assertThat(guard.stop().complete).isFalse();
        assertThatThrownBy(() -> new PageGuard("tr", 0, false)).hasMessageContaining("maxPages").hasMessageContaining("0");
    }

    @Test
    void textRequestsReportedPageSizeIsTheOneInForce() throws Exception {
        PagingStyle pages = PagingStyle.named("page-number", null, null);
        VendorResponse capped = json("{\"meta\":{\"page_size\":100,\"total_items\":500},\"items\":[]}");
        assertThat(pages.servedPageSize(capped, 500)).isEqualTo(100);
        assertThat(pages.servedPageSize(capped, 50)).isEqualTo(50);
        assertThat(pages.servedPageSize(json("{\"items\":[]}"), 500)).isEqualTo(500);
    }

    @Test
    void unknownPagingIsRefusedByName() {
        assertThatThrownBy(() -> PagingStyle.named("offset", null, null)).hasMessageContaining("offset");
    }

    @Test
    void retryAfterInBothForms() {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-22T08:00:00Z"),
                java.time.ZoneOffset.UTC);
        assertThat(RetryAfter.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 08:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 07:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
    }

    @Test
    void backoffGrowsIsCappedAndGivesWayToRetryAfterUpToItsCap() {
        Backoff backoff = new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));
        assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(backoff.delay(3, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(backoff.delay(10, null)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(backoff.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delay(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(5));
    }
}
