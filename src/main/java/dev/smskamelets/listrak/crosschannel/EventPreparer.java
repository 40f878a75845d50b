package dev.smskamelets.listrak.crosschannel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.deadletter.DeadLetterStore;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.phone.PhoneNormalizer;
import dev.smskamelets.core.store.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one Cross Channel event before it joins a batch. The body is the event as JSON text or a Map:
 * {@code {identifiers: [{identifierType, identifierValue}], dataFields: {...}}}. Identifiers must be of a documented
 * type ({@code EmailAddress}, {@code PhoneNumber}, written as Listrak's 10-digit number, {@code MobileContactUid});
 * the others are dead-lettered one by one. {@code dataFields} values must parse into the configuration's schema
 * types (String, Int, Double, Date); one that does not dead-letters the whole event, naming the field and the value,
 * and nothing is sent. Fields outside the schema are dropped (Listrak discards them). The admitted event becomes the
 * body (a Map) with header {@value #EVENT_UID}; a refused one sets the exchange property {@value #REJECTED}.
 */
public class EventPreparer implements Processor {

    /** Header naming the event configuration (default: the kamelet's {@code eventUID}); batches are per UID. */
    public static final String EVENT_UID = "listrakEventUID";
    /** Exchange property: true when the event was dead-lettered here and must not be batched. */
    public static final String REJECTED = "listrakEventRejected";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(EventPreparer.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final PhoneNormalizer phones = new PhoneNormalizer();
    private VendorClient client;
    private DeadLetterStore deadLetterStore;
    private String eventUID;
    private String job = "listrak-crosschannel-events";
    private Duration schemaTtl = Duration.ofMinutes(15);
    private volatile EventSchemas schemas;

    public EventPreparer() {
        phones.setTarget("nanp_10");
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String uid = eventUID(exchange);
        Map<String, Object> clean = prepare(exchange.getContext(), exchange.getFromRouteId(), uid,
                exchange.getIn().getBody());
        if (clean == null) {
            exchange.setProperty(REJECTED, true);
            return;
        }
        exchange.getIn().setHeader(EVENT_UID, uid);
        exchange.getIn().setBody(clean);
    }

    /** The event configuration of the exchange: header {@value #EVENT_UID}, else the default; refused when none. */
    public String eventUID(Exchange exchange) {
        String uid = exchange.getIn().getHeader(EVENT_UID, eventUID, String.class);
        if (uid == null || uid.isBlank()) {
            throw new dev.smskamelets.core.validate.InvalidFieldException(RecipientDeadLetters.VENDOR, "eventUID", uid,
                    "is required (kamelet property eventUID or header " + EVENT_UID + ")");
        }
        return uid;
    }

    /**
     * Checks one event of configuration {@code uid} (JSON text, a Map or any object Jackson writes as one): the
     * admitted event as sent ({@code identifiers} and the schema's {@code dataFields}), or null when it was
     * dead-lettered as a whole; refused identifiers of an admitted event are dead-lettered alone.
     */
    public Map<String, Object> prepare(CamelContext context, String routeId, String uid, Object body) throws Exception {
        Map<String, Object> event = read(body);
        RecipientDeadLetters letters = new RecipientDeadLetters(deadLetterStore, job);
        Map<String, String> fields = new LinkedHashMap<>();
        String problem = dataFields(schemas().of(context, uid), event.get("dataFields"), fields);
        List<Map<String, Object>> ids = new ArrayList<>();
        Object raw = event.get("identifiers");
        for (Object item : raw instanceof List<?> list ? list : List.of()) {
            Map<String, Object> id = item instanceof Map<?, ?> m ? new LinkedHashMap<>(cast(m)) : Map.of("identifierValue", item);
            String refused = problem != null ? null : identifier(id);
            if (refused != null) {
                letters.add(routeId, uid, event, List.of(id), "identifiers", null, "INVALID_IDENTIFIER", refused, false, 1);
            } else {
                ids.add(id);
            }
        }
        if (problem != null || ids.isEmpty()) {
            if (problem != null || !(raw instanceof List<?> l && !l.isEmpty())) {
                List<Map<String, Object>> all = raw instanceof List<?> l ? cast(l) : List.of();
                letters.add(routeId, uid, event, all, problem != null ? problem.split(" ")[0] : "identifiers", null,
                        problem != null ? "INVALID_DATA_FIELD" : "INVALID_IDENTIFIER",
                        problem != null ? problem : "an event needs at least one identifier", false, 1);
            }
            return null;
        }
        Map<String, Object> clean = new LinkedHashMap<>();
        clean.put("identifiers", ids);
        clean.put("dataFields", fields);
        return clean;
    }

    /** Null when every schema field parses into its type; else "dataFields.x 'v' is not a T". */
    private static String dataFields(Map<String, FieldType> schema, Object raw, Map<String, String> out) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            return "dataFields must be an object, got '" + raw + "'";
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            FieldType type = schema.get(name);
            if (type == null) {
                LOG.debug("Dropping dataFields.{}: not in the event schema", name);
                continue;
            }
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            String text = value instanceof Map || value instanceof List ? null : value.toString();
            if (text == null || !type.accepts(text)) {
                return "dataFields." + name + " '" + value + "' is not a " + type + " (schema type of " + name + ")";
            }
            out.put(name, text);
        }
        return null;
    }

    /** Null when the identifier is of a documented type and well formed (phones rewritten to 10 digits). */
    private String identifier(Map<String, Object> id) {
        Object type = id.get("identifierType");
        String value = id.get("identifierValue") == null ? "" : id.get("identifierValue").toString().trim();
        switch (type == null ? "" : type.toString()) {
            case "EmailAddress" -> {
                return EMAIL.matcher(value).matches() ? null : "identifierValue '" + value + "' is not an e-mail address";
            }
            case "MobileContactUid" -> {
                return UUID.matcher(value).matches() ? null : "identifierValue '" + value + "' is not a mobile contact UID";
            }
            case "PhoneNumber" -> {
                try {
                    id.put("identifierValue", phones.normalize("identifierValue", value));
                    return null;
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
            default -> {
                return "identifierType '" + type + "' must be EmailAddress, PhoneNumber or MobileContactUid";
            }
        }
    }

    private Map<String, Object> read(Object body) throws java.io.IOException {
        if (body instanceof Map<?, ?> map) {
            return new LinkedHashMap<>(cast(map));
        }
        String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        JsonNode node = text.isBlank() ? null : JSON.readTree(text);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("listrak-crosschannel: the event body must be a JSON object "
                    + "{identifiers, dataFields}, got '" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "'");
        }
        return JSON.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private EventSchemas schemas() {
        if (schemas == null) {
            schemas = new EventSchemas(client, schemaTtl);
        }
        return schemas;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /** The kamelet's VendorClient (reads the schema). */
    public void setClient(VendorClient client) { this.client = client; }
    /** Where refused events and identifiers go (core-store). */
    public void setDeadLetterStore(DeadLetterStore store) { this.deadLetterStore = store; }
    /** Default event configuration UID (header {@value #EVENT_UID} overrides). */
    public void setEventUID(String eventUID) { this.eventUID = eventUID; }
    /** Job named in dead letters. */
    public void setJob(String job) { this.job = job; }
    /** How long a fetched schema is trusted ({@code 15m}, {@code PT1H}). */
    public void setSchemaTtl(String ttl) { this.schemaTtl = Durations.parse("schemaTtl", ttl); }
}
