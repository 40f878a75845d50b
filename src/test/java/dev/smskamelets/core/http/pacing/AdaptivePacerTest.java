package dev.smskamelets.core.http.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pacer's AIMD rules for an unknown vendor limit, step by step (no clock-dependent assertions). */
class AdaptivePacerTest {

    @Test
    void startsAtTheConfiguredGuessAndNeverExceedsIt() {
        AdaptivePacer pacer = new AdaptivePacer("textrequest:key-1", 10);
        assertThat(pacer.currentRate()).isEqualTo(10);
        for (int i = 0; i < 1000; i++) {
            pacer.onSuccess();
        }
        assertThat(pacer.currentRate()).isEqualTo(10);
        assertThat(pacer.ceiling()).isEqualTo(10);
    }

    @Test
    void a429HalvesTheRateOnceForABurstOf429s() {
        AdaptivePacer pacer = new AdaptivePacer("acct", 20);
        pacer.onThrottled(Duration.ofSeconds(1));
        assertThat(pacer.currentRate()).isEqualTo(10);
        // the other in-flight requests of the same burst: heard, counted, but no second halving
        pacer.onThrottled(Duration.ofSeconds(1));
        pacer.onThrottled(null);
        assertThat(pacer.currentRate()).isEqualTo(10);
        assertThat(pacer.throttled()).isEqualTo(3);
    }

    @Test
    void successesCreepBackAdditivelyFastBelowTheThrottledRateAndSlowlyNearIt() {
        AdaptivePacer pacer = new AdaptivePacer("acct", 20);
        pacer.onThrottled(Duration.ZERO); // throttled at 20: now 10
        int successes = 0;
        while (pacer.currentRate() < 11) {
            pacer.onSuccess();
            successes++;
        }
        // one second's worth of successes at ~10/s adds about one request/s: additive, not multiplicative
        assertThat(successes).isBetween(9, 11);
        while (pacer.currentRate() < 18) { // 90% of the rate that was throttled
            pacer.onSuccess();
        }
        double atProbe = pacer.currentRate();
        int probe = 0;
        while (pacer.currentRate() < atProbe + 1) {
            pacer.onSuccess();
            probe++;
        }
        assertThat(probe).as("above 90% of the throttled rate the increase is ten times slower").isGreaterThan(150);
        for (int i = 0; i < 10_000; i++) {
            pacer.onSuccess();
        }
        assertThat(pacer.currentRate()).isEqualTo(20);
    }

    @Test
    void theRateHasAFloorAndTheGuessMustBePositive() {
        AdaptivePacer pacer = new AdaptivePacer("acct", 0.3);
        pacer.onThrottled(Duration.ZERO);
        assertThat(pacer.currentRate()).isEqualTo(0.2);
        assertThatThrownBy(() -> new AdaptivePacer("acct", 0)).hasMessageContaining("acct").hasMessageContaining("0.0");
    }

    @Test
    void theLowestConfiguredRateOfAnAccountWins() {
        Pacers pacers = new Pacers();
        AdaptivePacer first = pacers.forAccount("acct", 20);
        AdaptivePacer second = pacers.forAccount("acct", 8);
        assertThat(second).isSameAs(first);
        assertThat(first.ceiling()).isEqualTo(8);
        assertThat(first.currentRate()).isEqualTo(8);
    }

    @Test
    void aPriorityCallerTakesTheNextSlotBeforeBackgroundCallersAlreadyWaiting() throws Exception {
        AdaptivePacer pacer = new AdaptivePacer("acct", 20);
        pacer.onThrottled(Duration.ofSeconds(3)); // saturated: every caller below waits in line (now 10/s)
        java.util.List<String> served = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "background-" + i;
            threads.add(start(() -> {
                pacer.acquire();
                served.add(name);
            }));
            awaitWaiting(pacer, i + 1); // in line one after the other: FIFO order is known
        }
        threads.add(start(() -> AdaptivePacer.priority(() -> {
            pacer.acquire(); // a web hook event's call: priority through the thread's scope
            served.add("priority");
            return null;
        })));
        awaitWaiting(pacer, 6);
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(served).containsExactly("priority", "background-0", "background-1", "background-2",
                "background-3", "background-4");
        assertThat(pacer.priorityServed()).isEqualTo(1);
        assertThat(pacer.acquired()).isEqualTo(6);
        assertThat(pacer.waiting()).isZero();
        assertThat(AdaptivePacer.isPriority()).as("the scope is the calling thread's only").isFalse();
    }

    @Test
    void theScopeNestsAndEndsWithTheWork() throws Exception {
        assertThat(AdaptivePacer.isPriority()).isFalse();
        boolean inner = AdaptivePacer.priority(() -> AdaptivePacer.priority(AdaptivePacer::isPriority)
                && AdaptivePacer.isPriority());
        assertThat(inner).isTrue();
        assertThat(AdaptivePacer.isPriority()).isFalse();
        assertThatThrownBy(() -> AdaptivePacer.priority(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(AdaptivePacer.isPriority()).isFalse();
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Thread start(Work work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        return t;
    }

    private static void awaitWaiting(AdaptivePacer pacer, int n) throws InterruptedException {
        for (int i = 0; i < 3000 && pacer.waiting() < n; i++) {
            Thread.sleep(1);
        }
        assertThat(pacer.waiting()).as("callers in line").isEqualTo(n);
    }
}
