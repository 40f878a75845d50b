package dev.smskamelets.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds; fails after the timeout (a test that cannot pass must not hang). */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
