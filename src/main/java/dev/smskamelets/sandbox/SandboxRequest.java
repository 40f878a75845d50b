package dev.smskamelets.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a vendor API handler sees it: the raw body bytes (webhook signatures and contract checks
 * need them untouched), decoded query parameters, headers with lower-case names and the path parameters the
 * router matched. A body over {@link #MAX_BUFFERED_BODY} bytes (a Listrak contact import) is spooled to a temporary
 * file, deleted once the request is answered.
 */
public record SandboxRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body,
        Path bodyFile,
        Map<String, String> pathParams,
        String operationId) {

    /** Bodies larger than this are spooled to {@link #bodyFile()} instead of being held in {@link #body()}. */
    public static final int MAX_BUFFERED_BODY = 8 * 1024 * 1024;

    /** True when the body was too large to buffer and sits in {@link #bodyFile()}. */
    public boolean spooled() {
        return bodyFile != null;
    }

    /** The body as a stream, whether it was buffered or spooled. */
    public InputStream openBody() throws IOException {
        return bodyFile != null ? Files.newInputStream(bodyFile) : new ByteArrayInputStream(body);
    }

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String queryParam(String name, String defaultValue) {
        String value = queryParam(name);
        return value == null ? defaultValue : value;
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    SandboxRequest withRoute(Map<String, String> params, String opId) {
        return new SandboxRequest(method, path, rawQuery, query, headers, body, bodyFile, params, opId);
    }
}
