package dev.smskamelets.core.http.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Listrak's cursor paging: {@code cursor=Start&count=N} (N up to 5000), records in {@code data}, the next page in
 * {@code nextPageCursor}. The spec calls that field the "URI of the next page" while some operations return a
 * bare cursor and some none at all: both forms are read, and a missing or empty one ends the pass; a cursor that
 * repeats one of the same pass ends it too ({@link PageGuard}).
 */
public final class CursorPaging implements PagingStyle {

    public static final int MAX_COUNT = 5000;
    private final String itemsField;

    public CursorPaging(String itemsField) {
        this.itemsField = itemsField;
    }

    @Override
    public String first() {
        return "Start";
    }

    @Override
    public int defaultPageSize() {
        return MAX_COUNT;
    }

    @Override
    public Map<String, String> params(String token, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_COUNT) {
            throw new IllegalArgumentException("pageSize (Listrak count) must be 1.." + MAX_COUNT + ", got " + pageSize);
        }
        return Map.of("cursor", token, "count", Integer.toString(pageSize));
    }

    @Override
    public Page read(VendorResponse response, String token, int pageSize) {
        List<JsonNode> records = Records.of(response, itemsField, "listrak");
        JsonNode next = response.json() == null ? null : response.json().get("nextPageCursor");
        String cursor = next == null || next.isNull() ? null : cursorOf(next.asText());
        boolean more = cursor != null && !records.isEmpty();
        return new Page(records, more ? cursor : null, more);
    }

    @Override
    public String lastPageMarker() {
        return "no nextPageCursor";
    }

    /** The cursor in a bare value or in the {@code cursor} query parameter of a URI; null when there is none. */
    static String cursorOf(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            return null;
        }
        if (!text.contains("?") && !text.contains("://") && !text.startsWith("/")) {
            return text;
        }
        String query = text.contains("://") ? URI.create(text).getRawQuery()
                : text.contains("?") ? text.substring(text.indexOf('?') + 1) : null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("cursor=")) {
                    String cursor = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                    return cursor.isEmpty() ? null : cursor;
                }
            }
        }
        return null;
    }
}
