package dev.smskamelets.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.paging.Page;
import dev.smskamelets.core.idempotent.KeyedRecord;
import dev.smskamelets.core.idempotent.PageIdempotency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The page work of one pass of a {@link VendorPollConsumer} around its hand-off: fetching a page, shaping its records
 * ({@link RecordFeed#record}) and claiming their keys ahead of the hand-off, and what follows a page's hand-off
 * (moving the checkpoint, confirming its keys) behind it. With {@code prefetch} (the default) the first runs on the
 * source's reader thread and the second on its confirm thread, while the polling thread hands the page in between to
 * the route; without it all runs on the polling thread, page after page.
 *
 * <p>Order is kept where it matters: pages are requested one at a time and in order (the {@code PageGuard} sees them
 * as the vendor served them); pages are confirmed in order. A page is claimed while the pages before it may still be
 * handed off or confirmed: if it holds a key of theirs (a vendor repeating records across pages), or another process
 * holds one of its keys, the claim is given up and made again on the polling thread once the work behind is done,
 * as without read-ahead. At most one page is read ahead, so memory holds two pages. A page read ahead and not handed
 * off (the pass stopped) has its keys released.
 */
final class PageReader {

    /** A page fetched, its records shaped, their keys claimed ({@code claimed}, null without idempotency). */
    record Read(List<KeyedRecord> records, String next, boolean more, PageIdempotency.Page claimed) {
    }

    private final ExecutorService thread;
    private final ExecutorService behindThread;
    private final Function<String, Page> fetcher;
    private final RecordFeed feed;
    private final PageIdempotency idempotency;
    private final Runnable fetched;
    private Future<Read> ahead;
    private Future<?> behind;
    /** The token {@link #take} reads without a reader thread. */
    private String later;

    /**
     * @param thread       the reader thread, or null to do everything on the calling thread
     * @param behindThread the thread of the work after each hand-off (with a reader thread)
     * @param fetcher     fetches the page at a token
     * @param idempotency the source's idempotency, or null
     * @param fetched     told once per page fetched
     */
    PageReader(ExecutorService thread, ExecutorService behindThread, Function<String, Page> fetcher, RecordFeed feed,
               PageIdempotency idempotency, Runnable fetched) {
        this.thread = thread;
        this.behindThread = thread != null ? behindThread : null;
        this.fetcher = fetcher;
        this.feed = feed;
        this.idempotency = idempotency;
        this.fetched = fetched;
    }

    /**
     * Starts reading the page at {@code token} (fetch, shape, claim) on the reader thread; without one, notes the token
     * and reads the page in {@link #take}.
     */
    void read(String token) {
        if (thread == null) {
            later = token;
        } else {
            ahead = run(thread, () -> fetch(token, true));
        }
    }

    /**
     * The page started by {@link #read}, its keys claimed. A failure of the work after the last hand-off is thrown
     * here too; the page read stays with this reader then, so {@link #finish} releases its keys.
     *
     * @throws PageIdempotency.KeysInFlightException when another process holds some of its keys (nothing claimed)
     */
    Read take() throws Exception {
        if (thread == null) {
            ahead = run(thread, () -> fetch(later, false));
        }
        Read page = result(ahead);
        if (idempotency != null && page.claimed() == null) {
            awaitBehind();
            page = new Read(page.records(), page.next(), page.more(), idempotency.claimPage(page.records()));
        } else if (behind != null && behind.isDone()) {
            awaitBehind(); // a checkpoint or confirm that failed fails the pass now
        }
        ahead = null;
        return page;
    }

    /**
     * What follows a page's hand-off (moving the checkpoint, confirming the page's keys, saving the cursor): on the
     * behind thread, in the order of the pages, while the next page is handed off; or now without a reader thread.
     * {@code work} is told whether the page after ({@code readAhead}: whether {@link #read} was called since this page's
     * {@link #take}) was claimed ahead, i.e. before this page's keys were confirmed: then it holds none of them (a claim
     * meeting a key in flight gives way and is made again by {@link #take} once the work before is done). A failure of
     * the work before is thrown after this work is started; any failure fails the pass at the next {@link #take} or at
     * {@link #finish}.
     */
    void afterHandOff(boolean readAhead, AfterHandOff work) throws Exception {
        Future<?> before = behind;
        Future<Read> next = readAhead && thread != null ? ahead : null;
        FutureTask<Void> task = new FutureTask<>(() -> {
            boolean nextClaimed = false;
            boolean interrupted = false;
            if (next != null) {
                try {
                    nextClaimed = result(next).claimed() != null;
                } catch (InterruptedException e) {
                    interrupted = true; // a forced stop: the work is done all the same, keeping every key back
                } catch (Exception e) {
                    // the page after failed to read: the pass stops there
                }
            }
            try {
                work.run(nextClaimed);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        });
        boolean queued = false;
        if (behindThread != null) {
            try {
                behindThread.execute(task);
                queued = true;
            } catch (RejectedExecutionException e) {
                // the confirm thread is shut down (the consumer stops): the work is done here, after the work before
            }
        }
        behind = task;
        try {
            if (!queued && before != null) {
                result(before);
            }
        } finally {
            if (!queued) {
                task.run();
            }
        }
        if (queued && before != null) {
            result(before);
        }
    }

    /** The work after a page's hand-off. */
    interface AfterHandOff {
        /** @param nextClaimedAhead whether the page after this one was read and claimed before this work runs */
        void run(boolean nextClaimedAhead) throws Exception;
    }

    /**
     * Ends the pass: waits for the page read ahead, if any, and releases its keys (it was not handed off: the next
     * pass reads it again; its failure is dropped, the pass is over; one the reader thread never started is
     * cancelled), then for the work after the last hand-off, whose failure is thrown. It finishes even when the polling
     * thread is interrupted (a stopping route), so that no key stays claimed, and then keeps the interrupt.
     */
    void finish() throws Exception {
        boolean interrupted = false;
        try {
            Future<Read> page = ahead;
            ahead = null;
            if (page != null) {
                Read dropped = null;
                while (true) {
                    try {
                        dropped = page.isDone() || thread == null || !thread.isShutdown() ? result(page)
                                : page.cancel(false) ? null : result(page);
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (Exception e) {
                        break; // not handed off: the next pass reads that page again
                    }
                }
                if (dropped != null && dropped.claimed() != null) {
                    try {
                        idempotency.confirm(dropped.claimed()); // nothing handed off: every key released
                    } finally {
                        interrupted |= awaitBehindUninterruptibly();
                    }
                }
            }
            interrupted |= awaitBehindUninterruptibly();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the work behind; returns whether the wait was interrupted. */
    private boolean awaitBehindUninterruptibly() throws Exception {
        boolean interrupted = false;
        while (true) {
            try {
                awaitBehind();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    private Read fetch(String token, boolean claimAhead) {
        Page page = fetcher.apply(token);
        fetched.run();
        List<JsonNode> raw = page.records();
        List<KeyedRecord> records = new ArrayList<>(raw.size());
        boolean release = raw instanceof ArrayList; // the page's own copy: each parsed record can go once shaped
        for (int i = 0; i < raw.size(); i++) {
            records.add(feed.record(raw.get(i)));
            if (release) {
                raw.set(i, null); // a page's parsed JSON is the largest thing a pass holds: freed as it is read
            }
        }
        PageIdempotency.Page claimed = null;
        if (idempotency != null && claimAhead) {
            try {
                claimed = idempotency.claimPage(records);
            } catch (PageIdempotency.KeysInFlightException e) {
                // claimed again by take(), after the page before is confirmed
            }
        }
        return new Read(records, page.next(), page.more(), claimed);
    }

    private void awaitBehind() throws Exception {
        Future<?> done = behind;
        if (done != null) {
            try {
                result(done);
            } finally {
                if (done.isDone()) {
                    behind = null;
                }
            }
        }
    }

    private static <T> Future<T> run(ExecutorService on, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        if (on != null) {
            try {
                on.execute(future);
                return future;
            } catch (RejectedExecutionException e) {
                // the thread is shut down (the consumer stops): the work is done here
            }
        }
        future.run();
        return future;
    }

    /**
     * The task's result, its failure thrown as is. A task its thread will never run (the pool shut down while the
     * task waited in the queue, as a stopping context does) is run here; one it is running is waited for.
     */
    private <T> T result(Future<T> future) throws Exception {
        while (true) {
            try {
                return future.get(1, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (TimeoutException e) {
                boolean stopped = thread != null && thread.isShutdown() || behindThread != null && behindThread.isShutdown();
                if (stopped && future instanceof FutureTask<T> task) {
                    task.run(); // does nothing unless the task never started
                }
            }
        }
    }
}
