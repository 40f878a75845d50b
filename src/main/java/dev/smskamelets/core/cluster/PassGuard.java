package dev.smskamelets.core.cluster;

import java.util.concurrent.Callable;

/**
 * Keeps a polling pass on one node at a time: the vendor sources ({@code VendorPollConsumer}) run each pass through
 * the registry's PassGuard when there is one (cluster mode binds {@link JdbcPassGuard}). Quartz's clustered job store
 * gives each firing to one node; the guard also keeps a pass that outlasts its interval from overlapping the next
 * firing on another node.
 */
public interface PassGuard {

    /** Runs the pass unless the same pass ({@code key}, the route id) runs on another node now; null when skipped. */
    <T> T exclusive(String key, Callable<T> pass) throws Exception;
}
