package dev.smskamelets.core.http.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorResponse;
import java.util.List;
import java.util.Map;

/**
 * Text Request's page-number paging: 0-based {@code page}, {@code page_size}, records in {@code items}, totals in
 * {@code meta.total_items}; 204 No Content is an empty list. The pass ends when {@code (page+1)*page_size >=
 * total_items} or a page comes back empty, and on whatever else {@link PageGuard} stops (short or repeated page, page
 * cap). No maximum page size is published; the default is the documented 100, and a smaller {@code meta.page_size}
 * in the answer is the size in force.
 */
public final class PageNumberPaging implements PagingStyle {

    public static final int DEFAULT_SIZE = 100;
    private final String itemsField;

    public PageNumberPaging(String itemsField) {
        this.itemsField = itemsField;
    }

    @Override
    public String first() {
        return "0";
    }

    @Override
    public int defaultPageSize() {
        return DEFAULT_SIZE;
    }

    @Override
    public Map<String, String> params(String token, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize (Text Request page_size) must be >= 1, got " + pageSize);
        }
        return Map.of("page", token, "page_size", Integer.toString(pageSize));
    }

    @Override
    public int servedPageSize(VendorResponse response, int requested) {
        JsonNode served = response.json() == null ? null : response.json().at("/meta/page_size");
        return served != null && served.canConvertToInt() && served.asInt() > 0 && served.asInt() < requested
                ? served.asInt() : requested;
    }

    @Override
    public String lastPageMarker() {
        return "meta.total_items reached";
    }

    @Override
    public Page read(VendorResponse response, String token, int pageSize) {
        List<JsonNode> records = Records.of(response, itemsField, "textrequest");
        long page = Long.parseLong(token);
        JsonNode total = response.json() == null ? null : response.json().at("/meta/total_items");
        boolean more = !records.isEmpty()
                && (total == null || total.isMissingNode() || total.isNull() || (page + 1) * pageSize < total.asLong());
        return new Page(records, more ? Long.toString(page + 1) : null, more);
    }
}
