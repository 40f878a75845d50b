package dev.smskamelets.jobs.optout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.job.JobRuns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The bulk write path of the opt-out job ({@code routes/optout-propagation.yaml}): a page of Listrak opt-outs is
 * applied in chunks. Each opt-out of a chunk is read and normalised one by one (bad ones dead-lettered as today),
 * then, holding the locks of all the chunk's numbers, every target is read per number (read before write: a number
 * already suppressed is counted {@code already} and not rewritten) and the numbers still to write go to Text Request in
 * one {@code Contacts_bulkUpdate} per dashboard and chunk. Text Request's answer is checked number by number: a
 * number the answer does not show suppressed, or every number of a batch refused as a whole (4xx), is written again on
 * its own, so that one bad number is dead-lettered and the others are applied.
 *
 * <p>A chunk in flight is the exchange property {@value #BATCH} (a {@link Batch}, shared by the split copies of the
 * chunk's exchange); one opt-out of it is a {@link Pending}, put back into the exchange's opt-out properties by
 * {@link #restore} for the per-number steps (outcome counting, dead letters, the per-number targets).
 */
public class OptOutBulk {

    public static final String BATCH = "optOutBatch";
    public static final String PENDING = "optOutPending";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One opt-out of a chunk, as the per-record steps left it (phone normalised to E.164). */
    public static final class Pending {
        final Map<String, Object> properties = new LinkedHashMap<>();
        final List<String> notes = new CopyOnWriteArrayList<>();

        public String phone() {
            return (String) properties.get("optOutPhone");
        }

        @Override
        public String toString() {
            return phone();
        }
    }

    /** A chunk in flight: its opt-outs and, per target, the ones that target still has to write. */
    public static final class Batch {
        final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
        final Map<String, Queue<Pending>> toWrite = new ConcurrentHashMap<>();
    }

    private static final List<String> CARRIED = carried();

    private static List<String> carried() {
        List<String> names = new ArrayList<>(List.of(OptOutEvents.ORIGIN, OptOutEvents.PHONE, OptOutEvents.AT,
                OptOutEvents.DETAIL, OptOutEvents.DASHBOARD, "optOutPhone", "optOutEchoKey", "optOutSuppressedKey"));
        names.addAll(OptOutEvents.EVIDENCE.values());
        return List.copyOf(names);
    }

    private String repository = "smsIdempotentRepository";
    private String runs = "optoutJob";
    private int chunkSize = 100;

    /** The page's records in chunks of {@link #setChunkSize chunkSize}. */
    public List<List<Object>> chunks(List<?> records) {
        List<List<Object>> chunks = new ArrayList<>();
        for (int i = 0; i < records.size(); i += chunkSize) {
            chunks.add(new ArrayList<>(records.subList(i, Math.min(records.size(), i + chunkSize))));
        }
        return chunks;
    }

    /** Starts a chunk: an empty {@link Batch} on the exchange (its split copies share it). */
    public void begin(Exchange exchange) {
        exchange.setProperty(BATCH, new Batch());
    }

    /** Adds the opt-out in the exchange's properties (normalised, not a bad record) to its chunk. */
    public void add(Exchange exchange) {
        Pending p = new Pending();
        for (String name : CARRIED) {
            Object value = exchange.getProperty(name);
            if (value != null) {
                p.properties.put(name, value);
            }
        }
        batch(exchange).pending.add(p);
    }

    /** The E.164 numbers of the chunk (the keys its locks are taken on). */
    public Set<String> phones(Exchange exchange) {
        Set<String> phones = new HashSet<>();
        batch(exchange).pending.forEach(p -> phones.add(p.phone()));
        return phones;
    }

    /**
     * Under the chunk's locks: drops the opt-outs that are this job's own echo (counted {@code echo}) and duplicates
     * of a number earlier in the chunk; returns how many are left.
     */
    public int dropEchoes(Exchange exchange) {
        Batch batch = batch(exchange);
        Set<String> seen = new HashSet<>();
        for (var it = batch.pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            String echoKey = (String) p.properties.get("optOutEchoKey");
            boolean echo = echoKey != null && exchange.getContext().getRegistry()
                    .lookupByNameAndType(repository, IdempotentRepository.class).contains(echoKey);
            if (echo || !seen.add(p.phone())) {
                it.remove();
                if (echo) {
                    restore(exchange, p);
                    exchange.getContext().getRegistry().lookupByNameAndType(runs, JobRuns.class).count(exchange, "echo");
                }
            }
        }
        return batch.pending.size();
    }

    /** The chunk's opt-outs still to apply (after {@link #dropEchoes}). */
    public List<Pending> list(Exchange exchange) {
        return new ArrayList<>(batch(exchange).pending);
    }

    /**
     * One line for the chunk's log: each number with its origin and what happened to it ({@code none} when nothing),
     * as {@code opt-out +15125550123 from listrak-sms: applied.textable textable, ...; opt-out ...}: the same words as
     * the per-number path's line.
     */
    public String notes(Exchange exchange) {
        StringBuilder line = new StringBuilder();
        for (Pending p : batch(exchange).pending) {
            line.append(line.length() == 0 ? "" : "; ").append("opt-out ").append(p.phone()).append(" from ")
                    .append(p.properties.get(OptOutEvents.ORIGIN)).append(": ")
                    .append(p.notes.isEmpty() ? "none" : String.join(", ", p.notes));
        }
        return line.toString();
    }

    /**
     * Puts one opt-out of the chunk back into the exchange's properties (and its own notes list), as the per-record
     * routes set them; the body becomes empty.
     */
    public void restore(Exchange exchange, Pending p) {
        p.properties.forEach(exchange::setProperty);
        exchange.setProperty(PENDING, p);
        exchange.setProperty(JobRuns.NOTES, p.notes);
        exchange.getMessage().setBody("");
    }

    /**
     * Sets an exchange property of the restored opt-out ({@link #PENDING}) and keeps it with that opt-out, so every
     * later {@link #restore} of it (each target, a dead letter) has it: e.g. its audit event id.
     */
    public void keep(Exchange exchange, String name) {
        Pending p = exchange.getProperty(PENDING, Pending.class);
        Object value = exchange.getProperty(name);
        if (p != null && value != null) {
            p.properties.put(name, value);
        }
    }

    /** Notes the restored opt-out ({@link #PENDING}) as one that {@code target} still has to write. */
    public void toWrite(Exchange exchange, String target) {
        Pending p = exchange.getProperty(PENDING, Pending.class);
        batch(exchange).toWrite.computeIfAbsent(target, t -> new ConcurrentLinkedQueue<>()).add(p);
    }

    /** The opt-outs {@code target} has to write, in requests of at most {@link #setChunkSize chunkSize}. */
    public List<List<Pending>> writes(Exchange exchange, String target) {
        Queue<Pending> queue = batch(exchange).toWrite.remove(target);
        List<List<Pending>> requests = new ArrayList<>();
        if (queue == null) {
            return requests;
        }
        List<Pending> all = new ArrayList<>(queue);
        for (int i = 0; i < all.size(); i += chunkSize) {
            requests.add(new ArrayList<>(all.subList(i, Math.min(all.size(), i + chunkSize))));
        }
        return requests;
    }

    /**
     * The {@code Contacts_bulkUpdate} body of a request: per number {@code phone_number} (11 digits),
     * {@code is_suppressed: true} and the job's {@code suppressed_reason} (with the marker).
     */
    public List<Map<String, Object>> textRequestItems(List<Pending> request, String marker) {
        OptOutEvents events = new OptOutEvents();
        List<Map<String, Object>> items = new ArrayList<>(request.size());
        for (Pending p : request) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("phone_number", p.phone().substring(1));
            item.putAll(events.suppression((String) p.properties.get(OptOutEvents.ORIGIN),
                    (String) p.properties.get(OptOutEvents.AT), marker));
            items.add(item);
        }
        return items;
    }

    /**
     * Reads Text Request's bulk answer (the contacts as written) number by number: returns the opt-outs of the
     * request it shows suppressed (applied); the others are left in the exchange property {@code optOutRetry} to be
     * written one by one.
     */
    public List<Pending> textRequestAnswer(Exchange exchange, List<Pending> request, String answer) throws IOException {
        Set<String> suppressed = new HashSet<>();
        JsonNode contacts = JSON.readTree(answer == null ? "[]" : answer);
        for (JsonNode c : contacts) {
            if (c.path("is_suppressed").asBoolean(false)) {
                String digits = c.path("phone_number").asText("").replaceAll("\\D", "");
                suppressed.add(digits.length() == 10 ? "1" + digits : digits);
            }
        }
        List<Pending> applied = new ArrayList<>();
        List<Pending> retry = new ArrayList<>();
        for (Pending p : request) {
            (suppressed.contains(p.phone().substring(1)) ? applied : retry).add(p);
        }
        exchange.setProperty("optOutRetry", retry);
        return applied;
    }

    /**
     * The Textable batch upload body of a request: per number {@code phoneNumber} (E.164) and {@code optedOut: true}
     * (an upsert: a number that is not a contact yet becomes one, opted out, as the per-number path creates it).
     */
    public Map<String, Object> textableItems(List<Pending> request) {
        List<Map<String, Object>> contacts = new ArrayList<>(request.size());
        for (Pending p : request) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("phoneNumber", p.phone());
            item.put("optedOut", true);
            contacts.add(item);
        }
        return Map.of("contacts", contacts);
    }

    /**
     * Reads Textable's batch answer ({@code {status, details: {created, updated, failed, errors}}}): returns the
     * opt-outs of the request it applied; the ones it refused (named by their index, {@code contacts[i]}, in
     * {@code errors}) are left in the exchange property {@code optOutRetry} to be written one by one. An answer that
     * does not account for every number (not JSON, counts that do not add up, a failure without an index) proves
     * nothing: every number of the request is then written one by one (that path reads first, so a number the batch
     * did write counts {@code already}).
     */
    public List<Pending> textableAnswer(Exchange exchange, List<Pending> request, String answer) {
        Set<Integer> refused = new HashSet<>();
        boolean accounted;
        try {
            JsonNode root = JSON.readTree(answer == null || answer.isBlank() ? "null" : answer);
            JsonNode details = root == null ? null : root.path("details");
            accounted = details != null && details.isObject();
            if (accounted) {
                long created = details.path("created").asLong(-1);
                long updated = details.path("updated").asLong(-1);
                long failed = details.path("failed").asLong(0);
                for (JsonNode error : details.path("errors")) {
                    var m = CONTACT_INDEX.matcher(error.asText(""));
                    if (m.find()) {
                        int i = Integer.parseInt(m.group(1));
                        if (i < request.size()) {
                            refused.add(i);
                        }
                    }
                }
                accounted = created >= 0 && updated >= 0 && created + updated + failed == request.size()
                        && refused.size() == failed;
            }
        } catch (IOException | RuntimeException e) {
            accounted = false;
        }
        List<Pending> applied = new ArrayList<>();
        List<Pending> retry = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            (accounted && !refused.contains(i) ? applied : retry).add(request.get(i));
        }
        exchange.setProperty("optOutRetry", retry);
        return applied;
    }

    private static final java.util.regex.Pattern CONTACT_INDEX = java.util.regex.Pattern.compile("contacts\\[(\\d+)]");

    private static Batch batch(Exchange exchange) {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        if (batch == null) {
            throw new IllegalStateException("no opt-out chunk in flight (exchange property " + BATCH + ")");
        }
        return batch;
    }

    /** Registry name of the idempotent repository holding the echo keys (default smsIdempotentRepository). */
    public void setRepository(String repository) {
        this.repository = repository;
    }

    /** Registry name of the job's {@link JobRuns} (default optoutJob). */
    public void setRuns(String runs) {
        this.runs = runs;
    }

    public void setChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }
}
