package dev.smskamelets.core.deadletter;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-sends stored dead letters (oldest first) to an endpoint ({@code direct:}, {@code kamelet:...}) with their body
 * and headers, and removes each one that is handled: it succeeded, or it failed again and the route dead-lettered
 * it anew (a new record with the attempts added up replaces it). A record whose replay fails unhandled stays.
 * Use from a route ({@code bean: {ref: deadLetterReplay, method: replay}}) or the {@link DeadLetters} CLI.
 *
 * <p>Properties: {@code store} (default file store), {@code endpoint} (required), {@code limit} (default 1000).
 */
public class DeadLetterReplay {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);
    private DeadLetterStore store = new FileDeadLetterStore();
    private String endpoint;
    private int limit = 1000;

    /** What a replay did. */
    public record Result(int replayed, int succeeded, int failedAgain, int kept) {
    }

    /** Replays from a route; the result becomes the message body. */
    public Result replay(Exchange exchange) {
        Result result = replayAll(exchange.getContext());
        exchange.getMessage().setBody(result);
        return result;
    }

    /** Replays every stored record (up to {@code limit}) to {@code endpoint}. */
    public Result replayAll(CamelContext camel) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalStateException("DeadLetterReplay: property endpoint is not set (e.g. direct:write-optout)");
        }
        List<DeadLetter> letters = store.list(limit);
        int ok = 0;
        int again = 0;
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            for (DeadLetter letter : letters) {
                Exchange result = template.send(endpoint, e -> {
                    if (letter.headers() != null) {
                        e.getMessage().getHeaders().putAll(letter.headers());
                    }
                    e.getMessage().setHeader(DeadLetterRecords.PREVIOUS_ATTEMPTS, letter.attempts());
                    e.getMessage().setBody(letter.body());
                });
                if (result.getException() != null) {
                    LOG.warn("Replay of dead letter {} failed, kept: {}", letter.id(), result.getException().getMessage());
                    continue;
                }
                if (result.getProperty(DeadLetterProcessor.DEAD_LETTER_ID) != null) {
                    again++;
                } else {
                    ok++;
                }
                store.remove(letter.id());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Result result = new Result(letters.size(), ok, again, letters.size() - ok - again);
        LOG.info("Dead-letter replay to {}: {}", endpoint, result);
        return result;
    }

    public DeadLetterStore getStore() {
        return store;
    }

    public void setStore(DeadLetterStore store) {
        this.store = store;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public int getLimit() {
        return limit;
    }

    public void setLimit(int limit) {
        this.limit = limit;
    }
}
