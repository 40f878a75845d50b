package dev.smskamelets.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorRequest;
import dev.smskamelets.core.idempotent.KeyedRecord;
import java.time.Instant;

/**
 * What a source endpoint reads: the list to page through and how one raw record becomes what the route gets. The
 * {@link VendorPollConsumer} does the rest (paging, guard, checkpoint, idempotency, hand-off) the same way for every
 * vendor. Each record is parsed once (the page's JSON) and shaped once here.
 */
public interface RecordFeed {

    /** The vendor's operation id, named in errors and logs. */
    String operation();

    /** The paging style name of the list ({@code listrak-cursor}, {@code page-number}, {@code time-window}). */
    String paging();

    /**
     * The list request of a pass (path and fixed query, without paging parameters).
     *
     * @param readFrom with a time {@code watermark}: where this pass reads from (watermark minus lookback); else null
     */
    VendorRequest request(Instant readFrom);

    /**
     * One raw record as the route gets it: body, headers, the de-duplication key and the record's time (which moves
     * the watermark and lets its key expire; null if the record has none).
     */
    KeyedRecord record(JsonNode raw);

    /** The default job of its checkpoint (endpoint option {@code jobName} overrides), e.g. {@code listrak-sms-optout}. */
    String job();

    /** The checkpoint's key within the job: account plus the options identifying the list (option {@code sourceKey}). */
    String source();

    /** Prefix of the records' idempotent keys: account plus the options identifying the list. */
    String keyPrefix();

    /**
     * How the feed remembers where it got to: {@code WATERMARK} (latest record time, re-read with a lookback),
     * {@code CURSOR} (the paging token), or {@code NONE} (every pass reads the whole list).
     */
    default Progress progress() {
        return Progress.WATERMARK;
    }

    /**
     * The page token a pass starts at when no cursor is stored: null (the default) for the paging style's first
     * page. A {@code time-window} feed starts at {@code readFrom} (its watermark minus the lookback, or the start date).
     *
     * @param readFrom with a time {@code watermark}: where this pass reads from; else null
     */
    default String firstToken(Instant readFrom) {
        return null;
    }

    /** Whether a record already handed off by an earlier pass is skipped (needs record keys). */
    default boolean idempotent() {
        return progress() == Progress.WATERMARK;
    }

    /**
     * Whether the list comes in the order of the records' times, so each page handed off may move the watermark (the
     * default). A list in another order (Text Request lists contacts by creation, not by last message) answers false:
     * the watermark then moves once per pass, to the latest record time the pass saw inside its window, and only when
     * the pass read the list to its end (a failed pass, or one cut short by the page cap or a vendor paging fault,
     * leaves it where it was, so the next pass reads the same window again).
     */
    default boolean timeOrdered() {
        return true;
    }

    /**
     * Name of a {@code StateRepository} bean keeping the token of the page a pass cut short resumes at (page cap,
     * failure), besides a watermark or without one; null (the default) for none. A {@code CURSOR} feed keeps its
     * cursor in the endpoint's {@code stateRepository} whatever this says. The key is {@code job:source}.
     */
    default String pageRepository() {
        return null;
    }

    /**
     * Whether each pass reads a date window that ends where the pass started (with {@code WATERMARK} progress): the
     * list request is {@link #request(Instant, Instant)}, and the watermark moves to the pass's start once the pass
     * read the list to its end (last, empty or short page), never page by page; a pass cut short (page cap, repeated
     * page or cursor, a record the route failed) reads the same window again. For lists the vendor filters by a date
     * range whose records carry no time worth a watermark. Default false.
     */
    default boolean windowed() {
        return false;
    }

    /**
     * The list request of a {@link #windowed()} pass: the records dated from {@code readFrom} (watermark minus
     * lookback) up to {@code readTo} (the pass's start, to the millisecond). Default: {@link #request(Instant)}.
     */
    default VendorRequest request(Instant readFrom, Instant readTo) {
        return request(readFrom);
    }

    enum Progress { WATERMARK, CURSOR, NONE }
}
