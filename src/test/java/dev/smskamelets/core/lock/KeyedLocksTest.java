package dev.smskamelets.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {

    @Test
    void twoThreadsOnOneKeyNeverOverlapSoTheSecondSeesTheFirstsWrite() throws Exception {
        KeyedLocks locks = new KeyedLocks();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        boolean[] written = {false};
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    locks.lock("+12125550100");
                    try {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        if (!written[0]) { // read before write
                            Thread.sleep(20);
                            written[0] = true;
                            writes.incrementAndGet();
                        }
                        inside.decrementAndGet();
                    } finally {
                        locks.unlock("+12125550100");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(writes.get()).isEqualTo(1);
    }

    @Test
    void aKeyHeldElsewhereFailsAfterTheTimeoutNamingTheKey() throws Exception {
        KeyedLocks locks = new KeyedLocks(1);
        locks.setTimeout("PT0.05S");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                locks.lock("a");
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                locks.unlock("a");
            }
        });
        holder.start();
        held.await();
        assertThatThrownBy(() -> locks.lock("b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key b");
        locks.unlock("b"); // not held: a no-op, as in a finally after a failed lock
        release.countDown();
        holder.join();
        locks.lock("b");
        locks.unlock("b");
    }
}
