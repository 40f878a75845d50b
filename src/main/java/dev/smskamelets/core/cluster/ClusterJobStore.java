package dev.smskamelets.core.cluster;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's {@link JobStoreTX} with a shorter, configurable grace before a silent node counts as dead. Quartz declares
 * a node failed {@code clusterCheckinInterval} plus a fixed 7.5 s after its last check-in; until then a firing the
 * dead node had already acquired waits. Here the grace is {@code org.quartz.jobStore.failureGrace} milliseconds
 * (cluster mode: {@code sms-kamelets.cluster.failure-grace}, default 2 s). A node taken for dead while it is only
 * slow (a long GC pause, a skewed clock) may see a firing of its run again on another node: the pass guard
 * ({@link JdbcPassGuard}) keeps the two passes from overlapping, and every write is read before it is made.
 */
public class ClusterJobStore extends JobStoreTX {

    private long failureGrace = 7500;

    @Override
    protected long calcFailedIfAfter(SchedulerStateRecord rec) {
        return rec.getCheckinTimestamp() + Math.max(rec.getCheckinInterval(), System.currentTimeMillis() - lastCheckin)
                + failureGrace;
    }

    public long getFailureGrace() {
        return failureGrace;
    }

    /** Milliseconds after a node's check-in is due before it counts as dead (Quartz: 7500). */
    public void setFailureGrace(long failureGrace) {
        if (failureGrace < 0) {
            throw new IllegalArgumentException("Invalid failureGrace '" + failureGrace + "': at least 0 ms");
        }
        this.failureGrace = failureGrace;
    }
}
