package dev.smskamelets.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.http.VendorApiException.Kind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed vendor answer into a {@link VendorApiException}: reads the vendor's error body in any of its
 * shapes and classifies the status. Shapes understood:
 * <ul>
 *   <li>Listrak SMS / Two-Way: {@code {status, error: "ERROR_*", message}}</li>
 *   <li>Text Request: {@code {status, errorCode, message}} (its documentation) and {@code {error_message, error_code}}
 *   (its spec's {@code error} schema, the shape of every documented error response)</li>
 *   <li>Listrak Cross Channel: {@code {data, meta: {statusCode, message, errors: [...]}}}</li>
 *   <li>OAuth2 token endpoints: {@code {error, error_description}}</li>
 *   <li>Textable: {@code {errors: ["..."], error: "..."}} (messages, no code)</li>
 * </ul>
 * Anything else (an HTML error page, a truncated body) is quoted as a short readable excerpt.
 */
public final class VendorErrors {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int EXCERPT = 200;

    private VendorErrors() {
    }

    /** Retryable: 429, 500, 502, 503, 504. Auth: 401, 403. Everything else is permanent. */
    public static Kind classify(int status) {
        return switch (status) {
            case 429, 500, 502, 503, 504 -> Kind.RETRYABLE;
            case 401, 403 -> Kind.AUTH;
            default -> Kind.PERMANENT;
        };
    }

    /** The exception for a non-2xx answer. */
    public static VendorApiException fromResponse(String vendor, String operation, int status, String body,
                                                  Duration retryAfter) {
        JsonNode json = tryParse(body);
        String code = null;
        String message = null;
        if (json != null && json.isObject() && json.path("errors").isArray()) { // Textable: texts only, no codes
            message = json.hasNonNull("error") ? text(json, "error") : joinErrors(json.get("errors"));
        } else if (json != null && json.isObject()) {
            code = first(json, "error", "errorCode", "error_code");
            message = first(json, "message", "error_message", "error_description");
            JsonNode meta = json.get("meta");
            if (meta != null && meta.isObject()) {
                message = message != null ? message : text(meta, "message");
                code = code != null ? code : joinErrors(meta.get("errors"));
            }
        }
        if (message == null && code == null) {
            message = body == null || body.isBlank() ? "empty body" : "unexpected body: " + excerpt(body);
        }
        return new VendorApiException(vendor, operation, status, code, message, classify(status), retryAfter, null);
    }

    /** The exception for a call that got no answer: reset or timed out (retryable) or refused. */
    public static VendorApiException fromIo(String vendor, String operation, Throwable cause) {
        String what = cause instanceof SocketTimeoutException || cause.getClass().getSimpleName().contains("Timeout")
                ? "timed out" : "connection failed";
        return new VendorApiException(vendor, operation, 0, null, what + ": " + cause, Kind.RETRYABLE, null, cause);
    }

    /** A 2xx whose body is not the JSON the operation promises: a contract error, never an empty result. */
    public static VendorApiException notJson(String vendor, String operation, int status, String contentType,
                                             String body, IOException cause) {
        String message = "expected a JSON body but got " + (contentType == null ? "no content type" : contentType)
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")") + ": " + excerpt(body);
        return new VendorApiException(vendor, operation, status, "CONTRACT", message, Kind.PERMANENT, null, cause);
    }

    /** At most 200 characters of a body on one line, for error messages. */
    public static String excerpt(String body) {
        if (body == null || body.isEmpty()) {
            return "<empty>";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= EXCERPT ? "'" + flat + "'" : "'" + flat.substring(0, EXCERPT) + "…' ("
                + body.length() + " chars)";
    }

    static JsonNode tryParse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The first of {@code fields} that holds a value (null and blank count as absent). */
    private static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static String joinErrors(JsonNode errors) {
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        errors.forEach(e -> parts.add(e.isValueNode() ? e.asText() : e.toString()));
        return String.join(", ", parts);
    }
}
