package dev.smskamelets.test;

import java.time.Duration;
import java.time.LocalDateTime;

/** Quartz cron expressions for tests: the polling kamelets run on a cron {@code schedule}. */
public final class Cron {

    /** Every second: for tests where repeated passes are harmless (idempotent outcomes). */
    public static final String EVERY_SECOND = "0/1 * * * * ?";

    private Cron() {
    }

    /**
     * Fires exactly once, a few seconds from now (a cron with a year field, in the JVM's zone, as Quartz reads it):
     * for tests that count requests of a single pass. The margin covers the context start.
     */
    public static String once() {
        LocalDateTime at = LocalDateTime.now().plus(Duration.ofSeconds(4));
        return "%d %d %d %d %d ? %d".formatted(at.getSecond(), at.getMinute(), at.getHour(), at.getDayOfMonth(),
                at.getMonthValue(), at.getYear());
    }
}
