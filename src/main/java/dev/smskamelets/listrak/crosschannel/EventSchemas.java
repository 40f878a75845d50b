package dev.smskamelets.listrak.crosschannel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.http.VendorRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;

/**
 * The schemas of Cross Channel event configurations ({@code GET /eventConfigurations/{eventUID}}), fetched through
 * the kamelet's {@link VendorClient} and kept for {@code ttl} (default 15 minutes), so a schema change in Listrak is
 * picked up without a restart. An unknown event UID is the vendor's 404 as a {@code VendorApiException}.
 */
public final class EventSchemas {

    private record Cached(Map<String, FieldType> types, Instant until) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final VendorClient client;
    private final Duration ttl;

    public EventSchemas(VendorClient client, Duration ttl) {
        this.client = client;
        this.ttl = ttl;
    }

    /** Attribute name → type of the configuration {@code eventUID}. */
    public Map<String, FieldType> of(CamelContext context, String eventUID) {
        Cached cached = cache.get(eventUID);
        if (cached == null || Instant.now().isAfter(cached.until())) {
            String path = "/eventConfigurations/" + URLEncoder.encode(eventUID, StandardCharsets.UTF_8);
            JsonNode detail = client.caller(context).call("getSchemaByEventUid", VendorRequest.get(path, null), true)
                    .json().path("data");
            Map<String, FieldType> types = new LinkedHashMap<>();
            detail.path("eventSchemaAttrs").fields().forEachRemaining(f ->
                    types.put(f.getKey(), FieldType.of(f.getKey(), f.getValue().asText())));
            cached = new Cached(Map.copyOf(types), Instant.now().plus(ttl));
            cache.put(eventUID, cached);
        }
        return cached.types();
    }
}
