package dev.smskamelets.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.checkpoint.Checkpoint;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.http.paging.PageGuard;
import java.time.Instant;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;

/**
 * Incremental reading of a Text Request contact list by creation date ({@code created}) or last-message date
 * ({@code last-message}); {@code none} reads everything each pass. A pass asks for contacts after the stored watermark
 * minus the lookback ({@code contact_created_after} / {@code last_message_timestamp_after_utc}), lets each contact
 * through once per (phone, date) with the idempotent repository, and when the pass completed moves the watermark to
 * the latest date it saw (Text Request lists in creation order, not by last message, so only a finished pass may move
 * it). The repositories are looked up by name only in incremental mode.
 */
public class TextRequestIncremental {

    /** Exchange property: false when the contact was already emitted for this date. */
    public static final String NEW = "textRequestNew";
    private static final String KEY = "textRequestIncrementalKey";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String incrementalBy = "none";
    private String stateRepository = "";
    private String idempotentRepository = "";
    private String job = "textrequest-contacts";
    private String source = "";
    private String lookback = "PT10M";
    private String startDate = "1970-01-01T00:00:00Z";
    private volatile Checkpoint checkpoint;
    private volatile Instant latest;

    /** Before the first page: the lower bound of this pass into the query. */
    public void begin(Exchange exchange) {
        latest = null;
        if (!incremental()) {
            return;
        }
        Instant from = checkpoint(exchange).beginPass();
        String param = created() ? "contact_created_after" : "last_message_timestamp_after_utc";
        String query = exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class);
        exchange.getIn().setHeader(Exchange.HTTP_QUERY,
                (query == null || query.isEmpty() ? "" : query + "&") + param + "=" + from);
    }

    /** For each contact: is it new for its date? Also remembers the latest date of the pass. */
    public void seen(Exchange exchange) throws Exception {
        if (!incremental()) {
            exchange.setProperty(NEW, true);
            return;
        }
        JsonNode contact = JSON.readTree(exchange.getIn().getBody(String.class));
        String date = contact.path(created() ? "date_created_utc" : "last_contact_date_utc").asText("");
        if (!date.isEmpty()) {
            Instant at = Instant.parse(date);
            if (!checkpoint(exchange).inWindow(at)) {
                at = null; // the vendor ignored the date filter: counted by the checkpoint, never the watermark
            }
            synchronized (this) {
                latest = at != null && (latest == null || at.isAfter(latest)) ? at : latest;
            }
        }
        String key = "textrequest-contact:" + source + ":" + contact.path("phone_number").asText() + ":" + date;
        exchange.setProperty(KEY, key);
        exchange.setProperty(NEW, !idempotent(exchange).contains(key));
    }

    /** After the sink took a new contact. */
    public void confirm(Exchange exchange) {
        String key = exchange.getProperty(KEY, String.class);
        if (incremental() && key != null) {
            idempotent(exchange).add(key);
        }
    }

    /**
     * After the last page: the watermark moves to the latest date seen inside the window, unless the page guard cut
     * the pass short (page cap, repeated page or cursor: records may remain unread, so the same window is read
     * again).
     */
    public void end(Exchange exchange) {
        if (!incremental()) {
            return;
        }
        Instant seen = latest;
        String stop = exchange.getProperty(VendorClient.PAGE_STOP, String.class);
        boolean complete = stop == null || PageGuard.Stop.valueOf(stop).complete;
        if (seen != null && complete) {
            checkpoint(exchange).advanceTo(seen);
        }
        checkpoint(exchange).endPass();
    }

    private boolean incremental() {
        return !incrementalBy.equals("none");
    }

    private boolean created() {
        return incrementalBy.equals("created");
    }

    @SuppressWarnings("unchecked")
    private Checkpoint checkpoint(Exchange exchange) {
        if (checkpoint == null) {
            StateRepository<String, String> repository = exchange.getContext().getRegistry()
                    .lookupByNameAndType(required("stateRepository", stateRepository), StateRepository.class);
            if (repository == null) {
                throw new IllegalArgumentException("stateRepository '" + stateRepository
                        + "' is no StateRepository bean of the registry (incrementalBy " + incrementalBy + ")");
            }
            Checkpoint c = new Checkpoint(repository, job, source + "-" + incrementalBy);
            c.setLookback(lookback);
            c.setStartAt(startDate);
            checkpoint = c;
        }
        return checkpoint;
    }

    @SuppressWarnings("unchecked")
    private IdempotentRepository idempotent(Exchange exchange) {
        IdempotentRepository repository = exchange.getContext().getRegistry()
                .lookupByNameAndType(required("idempotentRepository", idempotentRepository), IdempotentRepository.class);
        if (repository == null) {
            throw new IllegalArgumentException("idempotentRepository '" + idempotentRepository
                    + "' is no IdempotentRepository bean of the registry (incrementalBy " + incrementalBy + ")");
        }
        return repository;
    }

    private String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required when incrementalBy is " + incrementalBy);
        }
        return value;
    }

    public void setIncrementalBy(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!v.equals("none") && !v.equals("created") && !v.equals("last-message")) {
            throw new IllegalArgumentException("incrementalBy must be none, created or last-message, got '" + value + "'");
        }
        this.incrementalBy = v;
    }

    public void setStateRepository(String name) {
        this.stateRepository = name;
    }

    public void setIdempotentRepository(String name) {
        this.idempotentRepository = name;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public void setLookback(String lookback) {
        this.lookback = lookback;
    }

    public void setStartDate(String startDate) {
        this.startDate = startDate;
    }
}
