package dev.smskamelets.listrak.crosschannel;

import dev.smskamelets.core.deadletter.DeadLetter;
import dev.smskamelets.core.deadletter.DeadLetterStore;
import dev.smskamelets.core.redact.Redactor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes refused Cross Channel events and recipients to the core-store {@link DeadLetterStore}: the body is the
 * event reduced to the refused identifiers (so replaying it through the sink re-sends only those), the header
 * {@code listrakEventUID} names the configuration, and the error carries Listrak's per-recipient status and
 * {@code errorType} (or the field and value that failed the schema check before sending).
 */
final class RecipientDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(RecipientDeadLetters.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final String VENDOR = "listrak-crosschannel";

    private final DeadLetterStore store;
    private final String job;

    RecipientDeadLetters(DeadLetterStore store, String job) {
        this.store = store;
        this.job = job;
    }

    /** Stores one record; returns its id. */
    String add(String routeId, String eventUID, Map<String, Object> event, List<Map<String, Object>> identifiers,
               String operation, Integer status, String code, String message, boolean retryable, int attempts) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(event);
        body.put("identifiers", identifiers);
        Instant now = Instant.now();
        String id = ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        String text = Redactor.redact(message);
        DeadLetter letter = new DeadLetter(id, now.toString(), job, routeId, VENDOR + ":" + eventUID,
                Math.max(1, attempts), new DeadLetter.Error("ListrakRecipientRejected", text, VENDOR, operation, status,
                        code, retryable), Map.of(EventPreparer.EVENT_UID, eventUID),
                Redactor.redact(EventPreparer.JSON.valueToTree(body).toString()));
        store.add(letter);
        LOG.warn("Dead letter {} (job {}, target {}): {} {}: {}", id, job, letter.target(), code,
                identifiers.size() == 1 ? identifiers.get(0).get("identifierType") : identifiers.size() + " identifiers", text);
        return id;
    }
}
