package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.SandboxRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Listrak SMS cursor paging: {@code cursor} (default {@code Start}) and {@code count} (default 1000, 1–5000, sent
 * as strings). A cursor is an opaque token encoding positions in the collection's stable order;
 * {@code nextPageCursor} is the URI of the next page (the same path and filters with the next cursor), present
 * only when more data follows.
 */
final class ListrakPaging {

    static final String START = "Start";

    private ListrakPaging() {
    }

    /** The page size asked for; a value that is not 1–5000 is answered with 400 naming it. */
    static int count(SandboxRequest request) {
        String value = request.queryParam("count");
        if (value == null) {
            return 1000;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 1 && count <= 5000) {
                return count;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ListrakError.invalidParameter("count '" + value + "' must be a whole number from 1 to 5000.");
    }

    /** The positions a cursor stands for ({@code parts} of them, all 0 for {@code Start}). */
    static long[] cursor(SandboxRequest request, int parts) {
        String value = request.queryParam("cursor", START);
        if (value.isEmpty() || START.equalsIgnoreCase(value)) {
            return new long[parts];
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            String[] fields = decoded.split("\\.");
            if (fields.length == parts + 1 && fields[0].equals("c" + parts)) {
                long[] out = new long[parts];
                for (int i = 0; i < parts; i++) {
                    out[i] = Long.parseLong(fields[i + 1]);
                    if (out[i] < 0) {
                        throw new NumberFormatException();
                    }
                }
                return out;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw ListrakError.invalidParameter("cursor '" + value + "' is not a cursor issued by this API (use Start or a nextPageCursor).");
    }

    static String encode(long... positions) {
        StringBuilder s = new StringBuilder("c").append(positions.length);
        for (long p : positions) {
            s.append('.').append(p);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The URI of the next page: this request's path and query with {@code cursor} replaced. */
    static String nextPageUri(String baseUrl, SandboxRequest request, long... positions) {
        StringBuilder uri = new StringBuilder(baseUrl).append(request.path()).append("?cursor=").append(encode(positions));
        for (Map.Entry<String, List<String>> e : request.query().entrySet()) {
            if (!e.getKey().equals("cursor")) {
                for (String v : e.getValue()) {
                    uri.append('&').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            }
        }
        return uri.toString();
    }

    /** {@code {status: 200, nextPageCursor?, data}}. */
    static Map<String, Object> envelope(List<?> data, String nextPageCursor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 200);
        if (nextPageCursor != null) {
            body.put("nextPageCursor", nextPageCursor);
        }
        body.put("data", data);
        return body;
    }
}
