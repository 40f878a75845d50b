package dev.smskamelets.core.http.paging;

import dev.smskamelets.core.http.VendorResponse;
import java.util.Map;

/**
 * How one vendor pages a list: which query parameters ask for a page, and how a page's answer tells the records
 * and the next page. The state between pages is one string token, so it can be checkpointed as is.
 */
public interface PagingStyle {

    /** Token of the first page when nothing is checkpointed. */
    String first();

    /** Page size used when the kamelet sets none: the vendor's maximum. */
    int defaultPageSize();

    /** Query parameters asking for the page at {@code token}. */
    Map<String, String> params(String token, int pageSize);

    /** Records of the answer and the next page. A 204 or empty body is an empty last page. */
    Page read(VendorResponse response, String token, int pageSize);

    /**
     * The page size in force for an answer: the one asked for, unless the vendor says it served fewer per page
     * (so a vendor-side cap is not mistaken for a short last page).
     */
    default int servedPageSize(VendorResponse response, int requested) {
        return requested;
    }

    /**
     * The token to checkpoint when {@link PageGuard} ends a pass at {@code page} (empty, short or repeated page,
     * repeated cursor): null (the next pass starts over) unless the style's token is a watermark.
     */
    default String afterLastPage(Page page) {
        return null;
    }

    /** What this style's own end-of-list marker is, for the log line naming why a pass stopped. */
    String lastPageMarker();

    /** The style for a kamelet's {@code paging} property. */
    static PagingStyle named(String name, String itemsField, String timestampField) {
        return switch (name) {
            case "listrak-cursor" -> new CursorPaging(itemsField == null ? "data" : itemsField);
            case "page-number" -> new PageNumberPaging(itemsField == null ? "items" : itemsField);
            case "time-window" -> new TimeWindowPaging(itemsField == null ? "data" : itemsField,
                    timestampField == null ? "dateTime" : timestampField, "earliestDateTime", "batchSize");
            default -> throw new IllegalArgumentException("Unknown paging '" + name
                    + "': use listrak-cursor, page-number or time-window");
        };
    }
}
