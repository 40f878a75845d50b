package dev.smskamelets.core.idempotent;

import java.time.Instant;
import java.util.Map;

/**
 * One record of a page as {@link PageIdempotency} sees it: its de-duplication key (without the page's key prefix),
 * its time in the source's order (opt-out date, ...; null when it has none, then the key never expires), the body
 * to emit and headers to set on the emitted exchange.
 */
public record KeyedRecord(String key, Instant time, Object body, Map<String, Object> headers) {

    public KeyedRecord {
        IdempotentKey.check("key", key);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
