package dev.smskamelets.test;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Bytes this JVM allocated on its heap between {@link #start()} and {@link #stop()}, by every thread, for a benchmark's
 * child JVM.
 *
 * <p>Primary figure: the HotSpot per-thread allocation counters ({@code com.sun.management.ThreadMXBean
 * getThreadAllocatedBytes}, exact per thread, TLAB and outside-TLAB allocations). A thread's counter is gone once the
 * thread ended, so a daemon thread samples every live thread every 10 ms and keeps each one's latest value: a thread
 * that ends inside the window still counts up to its last sample (at most 10 ms of its allocations are lost, a thread
 * living less than 10 ms is missed). Threads alive at the start count from their value at the start, later ones from
 * zero; the sampler itself is left out.
 *
 * <p>Cross-check, blind to threads: GC accounting over the heap pools, the sum over the GC pauses of (heap used before
 * this pause − heap used after the previous one) plus the growth since the last one. It counts dead threads' garbage
 * too, but reads a little high by the unused tails of the TLABs retired at each pause and low by regions a concurrent
 * cycle frees without a pause notification; the two agreeing within a few percent says no thread was missed.
 */
public final class AllocationMeter {

    /**
     * Bytes allocated in the window: by the thread counters, by GC accounting; threads seen; GC pauses; CPU time the
     * whole JVM used in the window (every thread, GC and JIT included), nanoseconds.
     */
    public record Allocated(long threadBytes, long gcBytes, int threads, long gcs, long cpuNanos) {
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long cpuAtStart = os.getProcessCpuTime();

    private final com.sun.management.ThreadMXBean threadBean =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> atStart = new HashMap<>();
    private final Map<Long, Long> latest = new HashMap<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final NotificationListener listener = this::onGc;
    private final Thread sampler;
    private volatile boolean running = true;
    private long gcBytes;
    private long usedAfterLastGc;
    private long gcsSeen;
    private final long gcsAtStart;

    private AllocationMeter() {
        if (!threadBean.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread");
        }
        threadBean.setThreadAllocatedMemoryEnabled(true);
        gcsAtStart = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        synchronized (this) {
            usedAfterLastGc = heapUsed();
            for (GarbageCollectorMXBean gc : collectors) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
            sample(true);
        }
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
                sample(false);
            }
        }, "allocation-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts counting now. */
    public static AllocationMeter start() {
        return new AllocationMeter();
    }

    /** Stops counting and returns what was allocated since {@link #start()}. */
    public Allocated stop() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        long gcs = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - gcsAtStart;
        // GC notifications arrive asynchronously: wait (briefly) for the ones of pauses already counted
        for (int i = 0; i < 100 && gcsSeen() < gcs; i++) {
            Thread.sleep(10);
        }
        synchronized (this) {
            sample(false);
            for (GarbageCollectorMXBean gc : collectors) {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
            long threadBytes = 0;
            for (Map.Entry<Long, Long> e : latest.entrySet()) {
                threadBytes += e.getValue() - atStart.getOrDefault(e.getKey(), 0L);
            }
            return new Allocated(threadBytes, gcBytes + Math.max(0, heapUsed() - usedAfterLastGc), latest.size(), gcsSeen,
                    os.getProcessCpuTime() - cpuAtStart);
        }
    }

    private synchronized long gcsSeen() {
        return gcsSeen;
    }

    private synchronized void sample(boolean first) {
        long[] ids = threadBean.getAllThreadIds();
        long[] bytes = threadBean.getThreadAllocatedBytes(ids);
        long self = sampler == null ? -1 : sampler.getId();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0 && ids[i] != self) {
                if (first) {
                    atStart.put(ids[i], bytes[i]);
                }
                latest.merge(ids[i], bytes[i], Math::max);
            }
        }
    }

    private synchronized void onGc(Notification notification, Object handback) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        long before = heap(info.getMemoryUsageBeforeGc());
        gcBytes += Math.max(0, before - usedAfterLastGc);
        usedAfterLastGc = heap(info.getMemoryUsageAfterGc());
        gcsSeen++;
    }

    private long heap(Map<String, java.lang.management.MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
    }

    private long heapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
