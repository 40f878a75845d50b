package dev.smskamelets.core.idempotent;

import dev.smskamelets.core.checkpoint.Checkpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency of a paged source, per page instead of per record. A source kamelet calls, for each page:
 * <ol>
 * <li>{@link #claim(Exchange)} on the page's {@link KeyedRecord}s: one lookup-and-claim of all their keys; the body
 * becomes the records not emitted before (also de-duplicated within the page). If another process holds one of the
 * page's keys in flight, nothing of the page is emitted and the pass stops ({@link KeysInFlightException}); the next
 * pass reads the page again.</li>
 * <li>per record, {@link #emit(Exchange)} (body and headers of the record) before the sink and
 * {@link #handedOff(Exchange)} after it returned;</li>
 * <li>{@link #confirm(Exchange)} once the page is done, also when it failed (a {@code doFinally}): one write confirms
 * the keys handed off and releases the others, then the keys older than the source's re-read horizon
 * ({@code checkpoint}'s watermark minus lookback) are forgotten.</li>
 * </ol>
 * A record in flight when the process is killed was claimed but never confirmed: the next pass emits it again
 * (at least once), it is never lost. With a {@link BatchIdempotentRepository} (the library's file and JDBC
 * repositories) each step is one write per page; any other Camel {@link IdempotentRepository} works too, through its
 * per-key {@code add}/{@code confirm}/{@code remove} (Camel's {@code eager} semantics).
 *
 * <p>Bean properties: {@code repository} (required), {@code keyPrefix} (prepended to every record key),
 * {@code checkpoint} (the source's {@link Checkpoint}: its key is the scope of the keys and its
 * {@link Checkpoint#readFrom()} the expiry horizon; without it keys never expire).
 */
public class PageIdempotency {

    /** Exchange property holding the page in progress (shared by the split's copies). */
    public static final String PAGE = "SmsIdempotentPage";
    /** Exchange property holding the full key of the record being emitted. */
    public static final String KEY = "SmsIdempotentKey";
    private static final Logger LOG = LoggerFactory.getLogger(PageIdempotency.class);

    private IdempotentRepository repository;
    private String keyPrefix = "";
    private Checkpoint checkpoint;
    private volatile boolean started;

    /** Thrown by {@link #claim} when another process holds some of the page's keys in flight. */
    public static final class KeysInFlightException extends IllegalStateException {
        public KeysInFlightException(String message) {
            super(message);
        }
    }

    /**
     * A page in progress: the keys claimed, aligned with the records to emit, and which of them were handed off (by
     * position for Java callers, whose hand-off is sequential; by key for the exchange API's split copies).
     */
    public static final class Page {
        final List<String> keys = new ArrayList<>();
        List<KeyedRecord> emit = new ArrayList<>();
        final Set<String> handedOff = ConcurrentHashMap.newKeySet();
        private final BitSet done = new BitSet();
        private int next;
        /** The records' times once {@link #handOffEnded()} dropped the records. */
        private Instant[] times;

        /** The page's records not emitted before, in order (empty once {@link #handOffEnded()}). */
        public List<KeyedRecord> toEmit() {
            return emit;
        }

        /**
         * The page's hand-off is over: what its confirm needs (keys, times, which were handed off) is kept and the
         * records (their bodies) are let go, so that a page waiting for its confirm holds no body while the next pages
         * are handed off and read ahead. Call once no record of the page will be handed off any more.
         */
        public synchronized void handOffEnded() {
            if (times != null) {
                return;
            }
            Instant[] at = new Instant[emit.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = emit.get(i).time();
            }
            times = at;
            emit = List.of();
        }

        private synchronized Instant time(int i) {
            return times != null ? times[i] : emit.get(i).time();
        }

        private boolean handedOff(int i) {
            return done.get(i) || !handedOff.isEmpty() && handedOff.contains(keys.get(i));
        }
    }

    /**
     * Releases the keys of this source ({@code keyPrefix}) that an earlier pass claimed but never confirmed, so they
     * are emitted again now instead of after the repository's {@code pendingTimeout}: for a pass that knows no other
     * pass of the source runs anywhere (cluster mode's pass guard), after a node was killed mid-page. Only the JDBC
     * repository keeps pending keys across processes; 0 for the others.
     */
    public int releasePending() {
        if (keyPrefix.isEmpty() || !(repository() instanceof JdbcIdempotentRepository jdbc)) {
            return 0;
        }
        int released = jdbc.removePending(keyPrefix);
        if (released > 0) {
            LOG.info("{} key(s) of {} claimed by a pass that did not finish (a node killed mid-page) released: read again now",
                    released, keyPrefix);
        }
        return released;
    }

    /**
     * For Java callers (the components' polling consumers): claims the page's keys at once and returns the page, whose
     * {@link Page#toEmit()} are the records not emitted before. Then {@link #handedOff(Page, KeyedRecord)} per record
     * and {@link #confirm(Page)} once (also after a failure).
     */
    public Page claimPage(List<KeyedRecord> records) {
        List<String> keys = new ArrayList<>(records.size());
        for (KeyedRecord record : records) {
            keys.add(keyPrefix + record.key());
        }
        return claim(keys, records);
    }

    /**
     * The record (one of {@link Page#toEmit()}) was handed off; its key is confirmed by {@link #confirm(Page)}. Cheapest
     * in the order of {@link Page#toEmit()}.
     */
    public void handedOff(Page page, KeyedRecord record) {
        int i = page.next;
        if (i >= page.emit.size() || page.emit.get(i) != record) {
            i = -1;
            for (int j = 0; j < page.emit.size(); j++) {
                if (page.emit.get(j) == record) {
                    i = j;
                    break;
                }
            }
        }
        if (i < 0) {
            page.handedOff.add(keyPrefix + record.key());
            return;
        }
        page.done.set(i);
        page.next = i + 1;
    }

    /** Claims the page's keys at once; the body (a list of {@link KeyedRecord}) becomes the records to emit. */
    public void claim(Exchange exchange) {
        List<?> body = exchange.getIn().getBody(List.class);
        Map<String, KeyedRecord> byKey = new LinkedHashMap<>();
        if (body != null) {
            for (Object o : body) {
                if (!(o instanceof KeyedRecord record)) {
                    throw new IllegalArgumentException("PageIdempotency.claim expects a list of KeyedRecord, got "
                            + (o == null ? "null" : o.getClass().getName()));
                }
                byKey.putIfAbsent(keyPrefix + record.key(), record);
            }
        }
        Page page = claim(new ArrayList<>(byKey.keySet()), new ArrayList<>(byKey.values()));
        exchange.setProperty(PAGE, page);
        exchange.getIn().setBody(page.emit);
    }

    /**
     * Claims {@code keys}, those of {@code records} (same order; a key repeating an earlier one is skipped: the page's
     * first record with a key is the one emitted).
     */
    private Page claim(List<String> keys, List<KeyedRecord> records) {
        Page page = new Page();
        if (repository() instanceof BatchIdempotentRepository batch) {
            byte[] outcome = keys.isEmpty() ? new byte[0] : batch.claimEach(keys);
            int inFlight = 0;
            String example = null;
            for (int i = 0; i < outcome.length; i++) {
                if (outcome[i] == BatchIdempotentRepository.IN_FLIGHT) {
                    inFlight++;
                    example = example == null ? keys.get(i) : example;
                }
            }
            if (inFlight > 0) {
                List<String> claimed = new ArrayList<>();
                for (int i = 0; i < outcome.length; i++) {
                    if (outcome[i] == BatchIdempotentRepository.CLAIMED) {
                        claimed.add(keys.get(i));
                    }
                }
                batch.removeAll(claimed);
                throw new KeysInFlightException(inFlight + " key(s) of this page are being emitted by "
                        + "another process (e.g. '" + example + "'): the pass stops here and the "
                        + "next pass reads the page again (a key left by a killed process is taken over after the "
                        + "repository's pendingTimeout)");
            }
            for (int i = 0; i < outcome.length; i++) {
                if (outcome[i] == BatchIdempotentRepository.CLAIMED) {
                    page.keys.add(keys.get(i));
                    page.emit.add(records.get(i));
                }
            }
        } else {
            for (int i = 0; i < keys.size(); i++) {
                if (repository().add(keys.get(i))) {
                    page.keys.add(keys.get(i));
                    page.emit.add(records.get(i));
                }
            }
        }
        return page;
    }

    /** Per record, before the sink: the record's body and headers, and its key in property {@value #KEY}. */
    public void emit(Exchange exchange) {
        KeyedRecord record = exchange.getIn().getBody(KeyedRecord.class);
        exchange.setProperty(KEY, keyPrefix + record.key());
        record.headers().forEach(exchange.getIn()::setHeader);
        exchange.getIn().setBody(record.body());
    }

    /** Per record, after the sink returned: remembers the key for the page's {@link #confirm}. */
    public void handedOff(Exchange exchange) {
        Page page = exchange.getProperty(PAGE, Page.class);
        String key = exchange.getProperty(KEY, String.class);
        if (page == null || key == null) {
            throw new IllegalStateException("PageIdempotency.handedOff outside a claimed page (property " + PAGE + "/" + KEY + " missing)");
        }
        page.handedOff.add(key);
    }

    /**
     * Ends the page (also a failed one): confirms the keys handed off in one write, releases the other claimed ones,
     * and forgets keys older than the checkpoint's re-read horizon.
     */
    public void confirm(Exchange exchange) {
        Page page = exchange.getProperty(PAGE, Page.class);
        exchange.removeProperty(PAGE);
        exchange.removeProperty(KEY);
        confirm(page);
    }

    /** Ends the page (also a failed one): see {@link #confirm(Exchange)}. */
    public void confirm(Page page) {
        confirm(page, null);
    }

    /**
     * Ends the page as {@link #confirm(Page)} does, except that a record handed off with a time before
     * {@code forgetBefore} (the checkpoint's {@link Checkpoint#readFrom()} once it moved past the page) has its key
     * released instead of confirmed, where keys expire ({@link BatchIdempotentRepository#expires()} and a checkpoint):
     * its key would be confirmed only to be expired at once. Null forgets nothing. A first pass through years of history so
     * keeps only the keys of each page's last lookback, and writes no line for the others. The keys the store forgets
     * after the confirm are those before {@code forgetBefore} too (null: before the checkpoint's readFrom).
     */
    public void confirm(Page page, Instant forgetBefore) {
        if (page == null) {
            return;
        }
        int n = page.keys.size();
        List<String> done = new ArrayList<>(n);
        long[] times = new long[n];
        List<String> release = new ArrayList<>();
        // only where confirmed keys expire (the file store, with a checkpoint): the same keys the expiry below drops
        boolean forget = forgetBefore != null && checkpoint != null
                && repository() instanceof BatchIdempotentRepository batch && batch.expires();
        for (int i = 0; i < n; i++) {
            if (page.handedOff(i)) {
                Instant time = page.time(i);
                if (forget && time != null && time.isBefore(forgetBefore)) {
                    release.add(page.keys.get(i));
                    continue;
                }
                times[done.size()] = time == null ? BatchIdempotentRepository.NO_TIME : time.toEpochMilli();
                done.add(page.keys.get(i));
            } else {
                release.add(page.keys.get(i));
            }
        }
        if (repository() instanceof BatchIdempotentRepository batch) {
            if (!done.isEmpty()) {
                batch.confirmEach(scope(), done, times);
            }
            if (!release.isEmpty()) {
                batch.removeAll(release);
            }
            if (checkpoint != null) {
                // The horizon of the last completed page: this page's watermark is not stored yet, so this keeps more
                // than needed, never less.
                int expired = batch.expireBefore(scope(), forgetBefore != null ? forgetBefore : checkpoint.readFrom());
                LOG.trace("{} keys of {} expired", expired, scope());
            }
        } else {
            done.forEach(repository::confirm);
            release.forEach(repository::remove);
        }
    }

    /** The scope of this source's keys: the checkpoint's key, else the key prefix. */
    public String scope() {
        String scope = checkpoint != null ? checkpoint.key() : keyPrefix.isEmpty() ? "default" : keyPrefix;
        return scope.replaceAll("\\s", "_");
    }

    private IdempotentRepository repository() {
        if (repository == null) {
            throw new IllegalStateException("PageIdempotency: property repository is not set (e.g. repository: \"#bean:smsIdempotentRepository\")");
        }
        if (!started) {
            // as Camel's idempotentConsumer does: a repository that is a Service (Camel's own are) is started first
            ServiceHelper.startService(repository);
            started = true;
        }
        return repository;
    }

    public IdempotentRepository getRepository() {
        return repository;
    }

    public void setRepository(IdempotentRepository repository) {
        this.repository = repository;
        this.started = false;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    public Checkpoint getCheckpoint() {
        return checkpoint;
    }

    public void setCheckpoint(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }
}
