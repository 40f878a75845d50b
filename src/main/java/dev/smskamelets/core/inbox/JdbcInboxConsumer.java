package dev.smskamelets.core.inbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains an {@code sms-inbox:} inbox: each poll renews the leases of the entries in flight, claims what room is left
 * (up to {@code maxInFlight}), and hands each claimed entry to the route asynchronously (a {@code threads} step
 * works them side by side); an entry is deleted when the route applied it, released for a retry when it failed.
 */
public class JdbcInboxConsumer extends ScheduledPollConsumer {

    /** Header: the entry's id in the inbox table. */
    public static final String ENTRY_ID = "SmsInboxEntryId";
    /** Header: how often the entry was claimed, this time included. */
    public static final String ATTEMPTS = "SmsInboxAttempts";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcInboxConsumer.class);
    private final JdbcInboxEndpoint endpoint;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public JdbcInboxConsumer(JdbcInboxEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        endpoint.inbox(); // the table, at start
        super.doStart();
    }

    @Override
    protected int poll() throws Exception {
        JdbcInbox inbox = endpoint.inbox();
        String node = endpoint.getNode();
        if (!inFlight.isEmpty()) {
            inbox.renew(List.copyOf(inFlight), node, endpoint.getLease());
        }
        int room = Math.min(endpoint.getMaxMessagesPerPoll(), endpoint.getMaxInFlight() - inFlight.size());
        if (room <= 0 || !isRunAllowed()) {
            return 0;
        }
        List<JdbcInbox.Entry> entries = inbox.claim(endpoint.getInboxName(), node, room, endpoint.getLease());
        for (JdbcInbox.Entry entry : entries) {
            inFlight.add(entry.id());
            Exchange exchange = createExchange(false);
            exchange.getMessage().setBody(entry.body());
            exchange.getMessage().setHeader(Exchange.FILE_NAME, entry.name());
            exchange.getMessage().setHeader(Exchange.FILE_PATH, endpoint.getInboxName() + "/" + entry.id());
            exchange.getMessage().setHeader(ENTRY_ID, entry.id());
            exchange.getMessage().setHeader(ATTEMPTS, entry.attempts());
            // survives the route's header changes: FileAttempts bounds an entry's retries across nodes with it
            exchange.setProperty(dev.smskamelets.core.deadletter.FileAttempts.CLAIMS_PROPERTY, entry.attempts());
            try {
                getAsyncProcessor().process(exchange, doneSync -> finish(entry, exchange));
            } catch (RuntimeException e) {
                exchange.setException(e);
                finish(entry, exchange);
            }
        }
        return entries.size();
    }

    private void finish(JdbcInbox.Entry entry, Exchange exchange) {
        try {
            JdbcInbox inbox = endpoint.inbox();
            if (exchange.getException() != null || exchange.isRollbackOnly()) {
                inbox.release(entry.id(), endpoint.getNode(), endpoint.getRetryDelay());
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Inbox entry " + entry.name() + " (" + endpoint.getInboxName()
                            + "/" + entry.id() + ") failed: released, retried in " + endpoint.getRetryDelay(), exchange,
                            exchange.getException());
                }
            } else if (!inbox.done(entry.id(), endpoint.getNode())) {
                LOG.warn("Inbox entry {} ({}/{}) was applied after its claim ran out: another node may apply it again"
                        + " (its writes are read before they are made, so a second apply finds them done)",
                        entry.name(), endpoint.getInboxName(), entry.id());
            }
        } catch (RuntimeException e) {
            // the database is away: the claim runs out and the entry is applied again (at least once)
            getExceptionHandler().handleException("Cannot finish inbox entry " + entry.name(), exchange, e);
        } finally {
            inFlight.remove(entry.id());
            releaseExchange(exchange, false);
        }
    }

    /** Entries of this consumer in flight now. */
    public int inFlight() {
        return inFlight.size();
    }
}
