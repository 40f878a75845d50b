package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.http.paging.Page;
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
