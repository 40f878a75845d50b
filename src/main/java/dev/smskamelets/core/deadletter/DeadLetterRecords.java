package dev.smskamelets.core.deadletter;

import dev.smskamelets.core.redact.Redactor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;

/** Builds a redacted {@link DeadLetter} from a failed exchange. */
final class DeadLetterRecords {

    /** Header carrying the attempts of earlier deliveries of a replayed record. */
    static final String PREVIOUS_ATTEMPTS = "SmsKameletsDeadLetterAttempts";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key",
            "api-key", "apikey", "api_key", "client_secret", "clientsecret", "access_token", "accesstoken", "cookie",
            "set-cookie", "password", "token", "refresh_token");
    private static final int MAX_MESSAGE = 2000;

    private DeadLetterRecords() {
    }

    static DeadLetter from(Exchange exchange, String target, String job) {
        Throwable failure = failure(exchange);
        DescribedFailure described = described(failure);
        Instant now = Instant.now();
        String id = ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class);
        int redeliveries = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        int attempts = Math.max(described == null ? 0 : described.attempts(), redeliveries + 1)
                + exchange.getMessage().getHeader(PREVIOUS_ATTEMPTS, 0, Integer.class);
        DeadLetter.Error error = failure == null ? new DeadLetter.Error("unknown", null, null, null, null, null, null)
                : new DeadLetter.Error(failure.getClass().getName(), message(failure),
                        described == null ? null : described.vendor(), described == null ? null : described.operation(),
                        described == null || described.status() == 0 ? null : described.status(),
                        described == null ? null : described.vendorCode(),
                        described == null ? null : described.retryable());
        return new DeadLetter(id, now.toString(), job != null ? job : routeId, routeId, target(exchange, target),
                attempts, error, headers(exchange), Redactor.redact(body(exchange)));
    }

    /**
     * Text as is (a consumed file as its content); maps, lists and beans (e.g. a split JSON record) as JSON, so a
     * replay can read them back.
     */
    private static String body(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body == null || body instanceof CharSequence || body instanceof byte[] || body instanceof java.io.InputStream
                || body instanceof org.apache.camel.WrappedFile<?>
                || body instanceof org.apache.camel.StreamCache || body instanceof Number || body instanceof Boolean) {
            return exchange.getMessage().getBody(String.class);
        }
        return DeadLetterJson.writeValue(body);
    }

    static Throwable failure(Exchange exchange) {
        Throwable t = exchange.getException();
        return t != null ? t : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    /** The first {@link DescribedFailure} in the cause chain (Camel wraps exceptions), or null. */
    static DescribedFailure described(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DescribedFailure d) {
                return d;
            }
        }
        return null;
    }

    private static String message(Throwable failure) {
        DescribedFailure d = described(failure);
        Throwable source = d instanceof Throwable t ? t : failure;
        String m = Redactor.redact(String.valueOf(source.getMessage()));
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
    }

    private static String target(Exchange exchange, String configured) {
        String header = exchange.getMessage().getHeader("SmsKameletsTarget", String.class);
        if (header != null) {
            return header;
        }
        if (configured != null) {
            return configured;
        }
        String endpoint = exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
        return endpoint != null ? Redactor.redact(endpoint.replaceAll("\\?.*", "")) : null;
    }

    private static Map<String, Object> headers(Exchange exchange) {
        Map<String, Object> out = new LinkedHashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("camel") || lower.startsWith("smskamelets") || SECRET_HEADERS.contains(lower)) {
                return;
            }
            if (value instanceof String s) {
                out.put(name, Redactor.redact(s));
            } else if (value instanceof Number || value instanceof Boolean) {
                out.put(name, value);
            }
        });
        return out.isEmpty() ? null : out;
    }
}
