package dev.smskamelets.core.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to a vendor API, relative to the client's base URL. Only these headers are sent: nothing an
 * upstream route left on the exchange leaks to the vendor.
 *
 * @param method      HTTP method
 * @param path        path below the base URL, e.g. {@code /v1/ShortCode}
 * @param query       raw query string without {@code ?}, or null
 * @param contentType content type of the body, or null
 * @param body        request body, or null
 * @param stream      a streamed request body (sent instead of {@code body}), or null
 */
public record VendorRequest(String method, String path, String query, String contentType, byte[] body,
                            StreamBody stream) {

    public VendorRequest(String method, String path, String query, String contentType, byte[] body) {
        this(method, path, query, contentType, body, null);
    }

    public static VendorRequest get(String path, String query) {
        return new VendorRequest("GET", path, query, null, null);
    }

    /** The same request with more query parameters appended (already encoded). */
    public VendorRequest withQuery(Map<String, String> extra) {
        StringBuilder q = new StringBuilder(query == null ? "" : query);
        new LinkedHashMap<>(extra).forEach((k, v) -> {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        });
        return new VendorRequest(method, path, q.toString(), contentType, body, stream);
    }
}
