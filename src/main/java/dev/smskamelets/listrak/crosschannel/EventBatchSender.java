package dev.smskamelets.listrak.crosschannel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.deadletter.DeadLetterStore;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.http.VendorRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one aggregated batch of prepared events ({@code POST /eventConfigurations/{eventUID}/events}) and settles it
 * per recipient. Listrak answers 200 with one entry per status code per event; recipients in a non-2xx entry go to
 * the dead-letter store with their {@code errorType}/{@code errorMessage}, recipients in a 2xx entry count as
 * delivered. Every recipient (identifier) sent ends in exactly one outcome: one the answer does not mention is
 * dead-lettered too (error {@code NO_RECIPIENT_STATUS}: Listrak did not confirm it), the first status given for an
 * identifier counts, and identifiers in the answer that were never sent change no count and are reported (WARN log,
 * header {@value #UNKNOWN}, {@code unknownIdentifiers} in the summary). So that every answered identifier maps back
 * to exactly one event, a batch in which an identifier occurs twice is posted as several requests. A request that
 * fails as a whole (after the client's retries) dead-letters its events. A batch longer than {@code maxPerRequest}
 * is posted in requests of at most that many events. The batch exchange ends with headers
 * {@value #EVENTS}, {@value #DELIVERED}, {@value #REJECTED}, {@value #UNKNOWN} and a JSON summary as body.
 */
public class EventBatchSender implements Processor {

    public static final String EVENTS = "listrakEventsSent";
    public static final String DELIVERED = "listrakRecipientsDelivered";
    public static final String REJECTED = "listrakRecipientsRejected";
    public static final String UNKNOWN = "listrakUnknownIdentifiers";
    private static final Logger LOG = LoggerFactory.getLogger(EventBatchSender.class);

    private VendorClient client;
    private DeadLetterStore deadLetterStore;
    private String job = "listrak-crosschannel-events";
    private int maxPerRequest;

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        String uid = exchange.getIn().getHeader(EventPreparer.EVENT_UID, String.class);
        List<Map<String, Object>> events = exchange.getIn().getBody(List.class);
        RecipientDeadLetters letters = new RecipientDeadLetters(deadLetterStore, job);
        int delivered = 0;
        int rejected = 0;
        List<String> unknown = new ArrayList<>();
        for (List<Map<String, Object>> request : unambiguous(events)) {
            int step = maxPerRequest > 0 ? maxPerRequest : Math.max(1, request.size());
            for (int from = 0; from < request.size(); from += step) {
                int[] outcome = post(exchange, uid, request.subList(from, Math.min(request.size(), from + step)),
                        letters, unknown);
                delivered += outcome[0];
                rejected += outcome[1];
            }
        }
        exchange.getIn().setHeader(EVENTS, events.size());
        exchange.getIn().setHeader(DELIVERED, delivered);
        exchange.getIn().setHeader(REJECTED, rejected);
        exchange.getIn().setHeader(UNKNOWN, unknown.size());
        ObjectNode summary = EventPreparer.JSON.createObjectNode().put("eventUID", uid).put("events", events.size())
                .put("delivered", delivered).put("rejected", rejected);
        summary.set("unknownIdentifiers", EventPreparer.JSON.valueToTree(unknown));
        exchange.getIn().setBody(summary.toString());
        LOG.info("Listrak Cross Channel {}: {} events, {} recipients delivered, {} dead-lettered", uid, events.size(),
                delivered, rejected);
    }

    /** [delivered, rejected] recipients of one request; identifiers answered but never sent are added to unknown. */
    private int[] post(Exchange exchange, String uid, List<Map<String, Object>> events, RecipientDeadLetters letters,
                       List<String> unknown) {
        String path = "/eventConfigurations/" + URLEncoder.encode(uid, StandardCharsets.UTF_8) + "/events";
        byte[] body = EventPreparer.JSON.valueToTree(Map.of("events", events)).toString().getBytes(StandardCharsets.UTF_8);
        String routeId = exchange.getFromRouteId();
        JsonNode data;
        try {
            data = client.caller(exchange.getContext()).call("postEvents",
                    new VendorRequest("POST", path, null, "application/json", body), true).json().path("data");
        } catch (VendorApiException e) {
            int count = 0;
            for (Map<String, Object> event : events) {
                List<Map<String, Object>> ids = ids(event);
                letters.add(routeId, uid, event, ids, "postEvents", e.getStatus() == 0 ? null : e.getStatus(),
                        e.getVendorCode(), e.getMessage(), e.isRetryable(), e.getAttempts());
                count += ids.size();
            }
            return new int[] {0, count};
        }
        Map<String, Map<String, Object>> owner = new LinkedHashMap<>();
        Map<String, Map<String, Object>> sent = new LinkedHashMap<>();
        events.forEach(event -> ids(event).forEach(id -> {
            owner.put(key(id), event);
            sent.put(key(id), id);
        }));
        Set<String> settled = new HashSet<>();
        List<String> unknownHere = new ArrayList<>();
        int delivered = 0;
        int rejected = 0;
        for (JsonNode entry : data.isArray() ? data : EventPreparer.JSON.createArrayNode()) {
            int status = entry.path("statusCode").asInt();
            JsonNode ids = entry.path("identifiers");
            JsonNode errors = entry.path("errors");
            for (int i = 0; i < ids.size(); i++) {
                Map<String, Object> answered = EventPreparer.JSON.convertValue(ids.get(i), Map.class);
                String key = answered == null ? "?" : key(answered);
                if (!sent.containsKey(key)) {
                    unknownHere.add(answered == null ? String.valueOf(ids.get(i)) : answered.get("identifierType") + ":"
                            + answered.get("identifierValue"));
                    continue;
                }
                if (!settled.add(key)) {
                    LOG.warn("Listrak Cross Channel {}: a second status {} for an identifier of type {} was ignored (the first counts)",
                            uid, status, answered.get("identifierType"));
                    continue;
                }
                if (status / 100 == 2) {
                    delivered++;
                    continue;
                }
                JsonNode error = errors.size() == ids.size() ? errors.get(i) : errors.path(0);
                letters.add(routeId, uid, owner.get(key), List.of(sent.get(key)), "postEvents", status,
                        error.path("errorType").asText(null), error.isMissingNode() ? "status " + status
                                : error.path("errorMessage").asText(error.toString()), status == 429 || status >= 500, 1);
                rejected++;
            }
        }
        for (Map.Entry<String, Map<String, Object>> id : sent.entrySet()) {
            if (!settled.contains(id.getKey())) {
                letters.add(routeId, uid, owner.get(id.getKey()), List.of(id.getValue()), "postEvents", 200,
                        "NO_RECIPIENT_STATUS", "Listrak's answer gives no status for this recipient: not confirmed as"
                                + " delivered (replay it once you checked it did not arrive)", false, 1);
                rejected++;
            }
        }
        if (!unknownHere.isEmpty()) {
            LOG.warn("Listrak Cross Channel {}: the answer names {} identifier(s) that were not sent in this request: {}",
                    uid, unknownHere.size(), dev.smskamelets.core.redact.Redactor.redact(String.join(", ", unknownHere)));
            unknown.addAll(unknownHere);
        }
        return new int[] {delivered, rejected};
    }

    /** Splits the batch so that no identifier occurs twice in one request (answers are matched by identifier). */
    static List<List<Map<String, Object>>> unambiguous(List<Map<String, Object>> events) {
        List<List<Map<String, Object>>> requests = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        for (Map<String, Object> event : events) {
            Set<String> mine = new HashSet<>();
            ids(event).forEach(id -> mine.add(key(id)));
            int slot = 0;
            while (slot < requests.size() && keys.get(slot).stream().anyMatch(mine::contains)) {
                slot++;
            }
            if (slot == requests.size()) {
                requests.add(new ArrayList<>());
                keys.add(new HashSet<>());
            }
            requests.get(slot).add(event);
            keys.get(slot).addAll(mine);
        }
        return requests;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ids(Map<String, Object> event) {
        Object ids = event.get("identifiers");
        return ids instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String key(Map<String, Object> id) {
        return id.get("identifierType") + ":" + String.valueOf(id.get("identifierValue")).trim().toLowerCase(Locale.ROOT);
    }

    public void setClient(VendorClient client) { this.client = client; }
    public void setDeadLetterStore(DeadLetterStore store) { this.deadLetterStore = store; }
    public void setJob(String job) { this.job = job; }
    /** Events per request at most (a longer batch is posted in several requests); 0 = no limit. */
    public void setMaxPerRequest(int maxPerRequest) { this.maxPerRequest = maxPerRequest; }
}
