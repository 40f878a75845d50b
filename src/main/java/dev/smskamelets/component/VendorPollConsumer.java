package dev.smskamelets.component;

import dev.smskamelets.core.checkpoint.Checkpoint;
import dev.smskamelets.core.cluster.PassGuard;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.http.VendorRequest;
import dev.smskamelets.core.http.paging.Page;
import dev.smskamelets.core.http.paging.PageCheckpoint;
import dev.smskamelets.core.http.paging.PageGuard;
import dev.smskamelets.core.idempotent.KeyedRecord;
import dev.smskamelets.core.idempotent.PageIdempotency;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;

/**
 * The source of every vendor component: each poll is one pass over the endpoint's {@link RecordFeed}. A pass pages
 * through the list (stopped by a {@link PageGuard} on an empty, short or repeated page, a cursor read before, or
 * {@code maxPages}), shapes each record once, skips those an earlier pass handed off (one claim and one confirm per
 * page in the idempotent store), hands the others to the route one exchange each (or the page as one list with
 * {@code batch=true}), and only then moves the checkpoint: the watermark to the page's latest record time inside the
 * pass's window (or, for a {@link RecordFeed#windowed()} feed, to the pass's start once the list was read to its end),
 * or the cursor to the next page; then the page's keys are confirmed, except those dated before where the next pass
 * reads from (no pass reads them again). A record the route fails stops the pass; it is read again by the next one
 * (at least once: make the route idempotent). With {@code prefetch} (the default) the next page is fetched, shaped and
 * claimed on the source's reader thread while the route gets the page before, and the checkpoint and confirm of a
 * page follow on its confirm thread ({@link PageReader}); memory holds two pages.
 *
 * <p>Scheduling is Camel's: {@code delay} (default one minute), or {@code scheduler=quartz&scheduler.cron=...}
 * (camel-quartz; a clustered Quartz scheduler then runs each pass on one node). In cluster mode (a
 * {@link PassGuard} in the registry, docs/cluster.md) the Quartz trigger is named after the route
 * ({@code triggerGroup} sms-kamelets, {@code triggerId} the route id) so every node shares one trigger, it is kept in
 * the job store when a node stops, and each pass runs through the guard (one node at a time, never overlapping).
 */
public class VendorPollConsumer extends ScheduledPollConsumer {

    private final VendorEndpoint endpoint;
    private final RecordFeed feed;
    private Checkpoint checkpoint;
    private PageIdempotency idempotency;
    private PageCheckpoint cursor;
    private String safeUri;
    private ExecutorService reader;
    private ExecutorService behind;

    public VendorPollConsumer(VendorEndpoint endpoint, Processor processor, RecordFeed feed) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.feed = feed;
    }

    @Override
    protected void doStart() throws Exception {
        VendorClient client = endpoint.client();
        client.setPaging(feed.paging());
        client.pagingStyle(); // fails at start on an unknown paging style
        safeUri = URISupport.sanitizeUri(endpoint.getEndpointUri());
        String job = endpoint.getJobName() != null ? endpoint.getJobName() : feed.job();
        String source = endpoint.getSourceKey() != null ? endpoint.getSourceKey() : feed.source();
        switch (feed.progress()) {
            case WATERMARK -> {
                checkpoint = new Checkpoint(Stores.state(getEndpoint().getCamelContext(), endpoint.getStateRepository()),
                        job, source);
                checkpoint.setLookback(endpoint.getLookback());
                checkpoint.setStartAt(endpoint.getStartDate());
            }
            case CURSOR -> {
                client.setCheckpointRepository(Stores.state(getEndpoint().getCamelContext(), endpoint.getStateRepository()));
                client.setCheckpointKey(job + ":" + source);
                cursor = client.pageCheckpoint(getEndpoint().getCamelContext());
            }
            case NONE -> {
                // every pass reads the whole list
            }
        }
        String pages = feed.pageRepository();
        if (cursor == null && pages != null && !pages.isBlank()) {
            client.setCheckpointRepository(Stores.state(getEndpoint().getCamelContext(), pages.strip()));
            client.setCheckpointKey(job + ":" + source);
            cursor = client.pageCheckpoint(getEndpoint().getCamelContext());
        }
        if (feed.idempotent()) {
            idempotency = new PageIdempotency();
            idempotency.setRepository(Stores.idempotent(getEndpoint().getCamelContext(), endpoint.getIdempotentRepository()));
            idempotency.setKeyPrefix(keyPrefix(feed.keyPrefix(), feed.job(), endpoint.getJobName(), endpoint.getSourceKey()));
            idempotency.setCheckpoint(checkpoint);
        }
        if (endpoint.isPrefetch()) {
            // one thread per source, only while a pass reads (no core thread), named after the endpoint
            String name = StringHelper.before(safeUri, "?", safeUri);
            reader = passThread("VendorPageReader[" + name + "]");
            behind = passThread("VendorPageConfirm[" + name + "]");
        }
        super.doStart();
    }

    /**
     * The prefix of this source's idempotent keys: the feed's ({@code feedPrefix}: account and the options identifying
     * the list), scoped as the checkpoint is by options {@code jobName} (when not the feed's own {@code feedJob}) and
     * {@code sourceKey}, as {@code <job>|<sourceKey>|<feedPrefix>}. So two jobs reading the same list each get every
     * record, instead of the one claiming a key first taking it from the other. Keys of a source with neither option
     * stay as they were. The parts cannot run into each other: a job name or source key holding {@code |} is refused.
     */
    static String keyPrefix(String feedPrefix, String feedJob, String jobName, String sourceKey) {
        boolean ownJob = jobName == null || jobName.equals(feedJob);
        if (ownJob && sourceKey == null) {
            return feedPrefix;
        }
        for (String[] option : new String[][] {{"jobName", jobName}, {"sourceKey", sourceKey}}) {
            if (option[1] != null && option[1].indexOf('|') >= 0) {
                throw new IllegalArgumentException("Option " + option[0] + " '" + option[1] + "' must not contain '|' "
                        + "(it separates the job, the source key and the list in the source's idempotent keys)");
            }
        }
        return (ownJob ? feedJob : jobName) + "|" + (sourceKey == null ? "" : sourceKey) + "|" + feedPrefix;
    }

    /** A thread of this source that exists only while a pass runs (no core thread) and refuses work once shut down. */
    private ExecutorService passThread(String name) {
        return getEndpoint().getCamelContext().getExecutorServiceManager().newThreadPool(this, name,
                new org.apache.camel.builder.ThreadPoolProfileBuilder(name).poolSize(0).maxPoolSize(1)
                        .rejectedPolicy(org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy.Abort).build());
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (reader != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(reader);
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(behind);
            reader = null;
            behind = null;
        }
    }

    @Override
    protected void afterConfigureScheduler(org.apache.camel.spi.ScheduledPollConsumerScheduler scheduler, boolean newScheduler) {
        super.afterConfigureScheduler(scheduler, newScheduler);
        if (scheduler instanceof org.apache.camel.pollconsumer.quartz.QuartzScheduledPollConsumerScheduler quartz
                && passGuard() != null && quartz.getTriggerId() == null && getRouteId() != null) {
            quartz.setTriggerGroup("sms-kamelets");
            quartz.setTriggerId(getRouteId());
            quartz.setDeleteJob(false); // the other nodes keep polling when this one stops
        }
    }

    private PassGuard passGuard() {
        return getEndpoint().getCamelContext().getRegistry().findSingleByType(PassGuard.class);
    }

    @Override
    protected int poll() throws Exception {
        PassGuard guard = passGuard();
        if (guard == null || getRouteId() == null) {
            return pass();
        }
        Integer emitted = guard.exclusive(getRouteId(), () -> {
            if (idempotency != null) {
                idempotency.releasePending(); // no other pass of this source runs: pending keys are a dead node's
            }
            return pass();
        });
        return emitted == null ? 0 : emitted;
    }

    /** One pass over the feed. */
    private int pass() throws Exception {
        VendorClient client = endpoint.client();
        PageGuard guard = new PageGuard(endpoint.vendor() + " " + feed.operation(), endpoint.getMaxPages(), cursor != null);
        Instant readFrom = checkpoint != null ? checkpoint.beginPass() : null;
        Instant readTo = feed.windowed() && checkpoint != null ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : null;
        VendorRequest list = readTo != null ? feed.request(readFrom, readTo) : feed.request(readFrom);
        String token = cursor != null ? cursor.restore() : null;
        token = token != null ? token : feed.firstToken(readFrom);
        token = token != null ? token : client.pagingStyle().first();
        Pass pass = new Pass();
        Instant passLatest = null;
        PageReader pages = new PageReader(reader, behind, at -> client.nextPage(getEndpoint().getCamelContext(), feed.operation(),
                list, at, guard), feed, idempotency, pass::fetched);
        try {
            pages.read(token);
            boolean more = true;
            while (more && isRunAllowed()) {
                PageReader.Read page;
                try {
                    page = pages.take();
                } catch (PageIdempotency.KeysInFlightException e) {
                    pass.stop = "KEYS_IN_FLIGHT";
                    getExceptionHandler().handleException(e);
                    break;
                }
                boolean readAhead = page.more() && isRunAllowed();
                if (readAhead) {
                    pages.read(page.next()); // the next page is fetched, shaped and claimed while this one is handed off
                }
                Instant latest = null;
                if (checkpoint != null) {
                    for (KeyedRecord record : page.records()) {
                        Instant at = record.time();
                        if (at != null && checkpoint.inWindow(at) && (latest == null || at.isAfter(latest))) {
                            latest = at;
                        }
                    }
                }
                pass.read += page.records().size();
                if (!handOff(page, pass)) {
                    break;
                }
                more = page.more(); // a page not handed off in full leaves the pass incomplete
                Instant moveTo = feed.timeOrdered() ? latest : null;
                if (latest != null && moveTo == null && (passLatest == null || latest.isAfter(passLatest))) {
                    passLatest = latest;
                }
                // the confirm gets the claimed keys and the next token, not the page: its records go while it waits
                PageIdempotency.Page claimed = page.claimed();
                if (claimed != null) {
                    claimed.handOffEnded();
                }
                String next = page.next();
                pages.afterHandOff(readAhead, nextClaimedAhead -> afterHandOff(claimed, next, moveTo, nextClaimedAhead));
            }
            pages.finish(); // a page read ahead and not handed off (a failed record, a stop) is released
            if (pass.stop == null && !more && passLatest != null && (guard.stop() == null || guard.stop().complete)) {
                checkpoint.advanceTo(passLatest); // a list not in time order: only a pass read to its end moves it
            }
            if (readTo != null && !more && guard.stop() != null && guard.stop().complete) {
                checkpoint.advanceTo(readTo); // the window was read to its end
            }
            if (pass.stop == null) {
                pass.stop = guard.stop() != null ? guard.stop().name() : "END";
            }
        } catch (Exception e) {
            try {
                pages.finish();
            } catch (Exception also) {
                e.addSuppressed(also);
            }
            pass.stop = "FAILED";
            pass.failure = e;
            throw e;
        } finally {
            if (checkpoint != null) {
                checkpoint.endPass();
            }
            tell(pass);
        }
        return (int) Math.min(Integer.MAX_VALUE, pass.emitted);
    }

    /**
     * After a page was handed off: moves the watermark ({@code moveTo}, null: not per page), confirms the page's
     * {@code claimed} keys (null: no idempotency) and saves the cursor at {@code next}. A key dated before where the next pass reads from is released instead of confirmed (the
     * file store would expire it at once), but only when the page after was already claimed (so it holds none of
     * them); otherwise keys are kept back to the horizon before the move, as the page after may repeat one. The keys
     * are confirmed even when moving the watermark fails.
     */
    private void afterHandOff(PageIdempotency.Page claimed, String next, Instant moveTo, boolean nextClaimedAhead)
            throws Exception {
        Instant before = null;
        boolean moved = false;
        try {
            before = checkpoint != null ? checkpoint.readFrom() : null;
            if (moveTo != null) {
                checkpoint.advanceTo(moveTo);
            }
            moved = true;
        } finally {
            if (claimed != null) {
                Instant horizon = before;
                if (before != null && moved && nextClaimedAhead) {
                    try {
                        horizon = checkpoint.readFrom();
                    } catch (RuntimeException e) {
                        horizon = before; // the state store failed a read: keep the keys back to where they were
                    }
                }
                idempotency.confirm(claimed, horizon);
            }
        }
        if (cursor != null) {
            cursor.save(next);
        }
    }

    /**
     * Hands a page's new records (those its claim left, all of them without idempotency) to the route; false when the
     * route failed one (the pass stops: what was handed off is confirmed now, the rest released). On success the caller
     * confirms the page's keys once the checkpoint moved.
     */
    private boolean handOff(PageReader.Read page, Pass pass) throws Exception {
        PageIdempotency.Page claimed = page.claimed();
        List<KeyedRecord> emit = claimed != null ? claimed.toEmit() : page.records();
        pass.skipped += page.records().size() - emit.size();
        boolean handedOff = false;
        try {
            handedOff = emit(emit, claimed, pass);
            return handedOff;
        } finally {
            if (!handedOff && claimed != null) {
                idempotency.confirm(claimed);
            }
        }
    }

    /** Hands {@code emit} to the route, one exchange each or as one list ({@code batch}); false when the route failed one. */
    private boolean emit(List<KeyedRecord> emit, PageIdempotency.Page claimed, Pass pass) throws Exception {
        if (endpoint.isBatch()) {
            if (emit.isEmpty()) {
                return true;
            }
            List<Object> bodies = new ArrayList<>(emit.size());
            emit.forEach(r -> bodies.add(r.body()));
            if (!process(bodies, null, pass)) {
                return false;
            }
            pass.emitted += emit.size();
            if (claimed != null) {
                for (KeyedRecord record : emit) {
                    idempotency.handedOff(claimed, record);
                }
            }
            return true;
        }
        for (KeyedRecord record : emit) {
            if (!isRunAllowed() || !process(record.body(), record, pass)) {
                return false;
            }
            pass.emitted++;
            if (claimed != null) {
                idempotency.handedOff(claimed, record);
            }
        }
        return true;
    }

    private boolean process(Object body, KeyedRecord record, Pass pass) throws Exception {
        Exchange exchange = createExchange(false);
        boolean owned = true;
        try {
            exchange.getIn().setBody(body);
            if (record != null) {
                exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
            }
            if (record != null && !record.headers().isEmpty()) {
                exchange.getIn().getHeaders().putAll(record.headers());
            }
            HandedOff handedOff = new HandedOff();
            if (!getAsyncProcessor().process(exchange, handedOff)) {
                owned = false;
                handedOff.await(); // interrupted: the route still has the exchange, the pass fails
                owned = true;
            }
            if (exchange.getException() != null) {
                pass.stop = "FAILED";
                pass.failure = exchange.getException();
                getExceptionHandler().handleException("The route failed a record of " + safeUri
                        + ": the pass stops, the record is read again by the next pass", exchange, exchange.getException());
                return false;
            }
            return true;
        } finally {
            if (owned) {
                releaseExchange(exchange, false);
            }
        }
    }

    /**
     * The callback of one record's hand-off: a route that completes on the polling thread (the usual case) costs one
     * small object; one that continues on another thread is waited for, as a synchronous hand-off does.
     */
    private static final class HandedOff implements org.apache.camel.AsyncCallback {
        private final Thread thread = Thread.currentThread();
        private volatile boolean done;

        @Override
        public void done(boolean doneSync) {
            if (!doneSync) {
                done = true;
                java.util.concurrent.locks.LockSupport.unpark(thread);
            }
        }

        void await() throws InterruptedException {
            while (!done) {
                java.util.concurrent.locks.LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException("stopped while the route handled a record");
                }
            }
        }
    }

    private void tell(Pass pass) {
        SourcePass summary = new SourcePass(safeUri, pass.pages, pass.read, pass.emitted, pass.skipped, pass.stop,
                pass.failure);
        for (SourcePassListener listener : getEndpoint().getCamelContext().getRegistry()
                .findByType(SourcePassListener.class)) {
            try {
                listener.passEnded(summary);
            } catch (RuntimeException e) {
                getExceptionHandler().handleException("A SourcePassListener failed", e);
            }
        }
    }

    /** Counters of the pass under way. */
    private static final class Pass {
        volatile int pages;
        long read;
        long emitted;
        long skipped;
        String stop;
        Throwable failure;

        void fetched() {
            pages++; // on the reader thread, one page at a time; read once the pass is over
        }
    }
}
