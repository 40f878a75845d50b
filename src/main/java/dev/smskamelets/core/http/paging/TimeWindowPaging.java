package dev.smskamelets.core.http.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorResponse;
import java.util.List;
import java.util.Map;

/**
 * Time-window paging (Listrak Two-Way {@code messagestream}: {@code earliestDateTime} + {@code batchSize}): each
 * page asks for records at or after a watermark; the next watermark is the latest record timestamp of the page.
 * A page shorter than the batch ends the pass, and its watermark stays as the checkpoint, so the next run reads
 * only newer records. Records sharing the boundary timestamp are read again: the idempotent repository drops them.
 */
public final class TimeWindowPaging implements PagingStyle {

    private final String itemsField;
    private final String timestampField;
    private final String fromParam;
    private final String sizeParam;

    public TimeWindowPaging(String itemsField, String timestampField, String fromParam, String sizeParam) {
        this.itemsField = itemsField;
        this.timestampField = timestampField;
        this.fromParam = fromParam;
        this.sizeParam = sizeParam;
    }

    /** The epoch when nothing is checkpointed: the first run reads everything. */
    @Override
    public String first() {
        return "1970-01-01T00:00:00Z";
    }

    @Override
    public int defaultPageSize() {
        return 1000;
    }

    @Override
    public Map<String, String> params(String token, int pageSize) {
        return Map.of(fromParam, token, sizeParam, Integer.toString(pageSize));
    }

    /** Compares as instants (fraction digits and offsets vary), as text when either is not ISO-8601. */
    static boolean later(String candidate, String current) {
        try {
            return java.time.OffsetDateTime.parse(candidate).toInstant()
                    .isAfter(java.time.OffsetDateTime.parse(current).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return candidate.compareTo(current) > 0;
        }
    }

    /** The watermark stays as the checkpoint whatever ended the pass. */
    @Override
    public String afterLastPage(Page page) {
        return page.next();
    }

    @Override
    public String lastPageMarker() {
        return "no record after the watermark";
    }

    @Override
    public Page read(VendorResponse response, String token, int pageSize) {
        List<JsonNode> records = Records.of(response, itemsField, "time-window");
        String watermark = token;
        for (JsonNode record : records) {
            JsonNode ts = record.get(timestampField);
            if (ts != null && !ts.isNull() && later(ts.asText(), watermark)) {
                watermark = ts.asText();
            }
        }
        boolean more = records.size() >= pageSize && !watermark.equals(token);
        return new Page(records, watermark, more);
    }
}
