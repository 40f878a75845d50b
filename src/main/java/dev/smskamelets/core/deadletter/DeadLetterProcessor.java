package dev.smskamelets.core.deadletter;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the failed record in the dead-letter store with its reason, so the job carries on. Use it as the target of
 * a {@code deadLetterChannel} error handler ({@code deadLetterUri: "bean:deadLetters"}) or in {@code onException}
 * with {@code handled: true}. Records: body (as text), target, typed error ({@link DescribedFailure} when the
 * exception implements it), attempts, time, job and route id, replayable headers; everything redacted.
 *
 * <p>Properties: {@code store} (default: a {@link FileDeadLetterStore} in {@code data/dead-letters}),
 * {@code target} (else header {@code SmsKameletsTarget}, else the failed endpoint), {@code job} (else the route id).
 * Sets exchange property and header {@value #DEAD_LETTER_ID} to the new record's id.
 */
public class DeadLetterProcessor implements Processor {

    /** Exchange property and header naming the stored record. */
    public static final String DEAD_LETTER_ID = "SmsKameletsDeadLetterId";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);

    private DeadLetterStore store = new FileDeadLetterStore();
    private String target;
    private String job;

    public DeadLetterProcessor() {
    }

    public DeadLetterProcessor(DeadLetterStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        DeadLetter letter = DeadLetterRecords.from(exchange, target, job);
        store.add(letter);
        exchange.setProperty(DEAD_LETTER_ID, letter.id());
        exchange.getMessage().setHeader(DEAD_LETTER_ID, letter.id());
        LOG.warn("Dead letter {} (job {}, target {}, attempts {}): {}: {}", letter.id(), letter.job(), letter.target(),
                letter.attempts(), letter.error().type(), letter.error().message());
    }

    public DeadLetterStore getStore() {
        return store;
    }

    public void setStore(DeadLetterStore store) {
        this.store = store;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }
}
