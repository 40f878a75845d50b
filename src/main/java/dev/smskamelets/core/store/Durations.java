package dev.smskamelets.core.store;

import java.time.Duration;
import org.apache.camel.util.TimeUtils;

/** Parses bean-property durations: ISO-8601 ({@code PT15M}) or Camel style ({@code 15m}, {@code 1h30m}, {@code 0}). */
public final class Durations {

    private Durations() {
    }

    /** The duration, or an error naming the property and the value. */
    public static Duration parse(String field, String text) {
        try {
            String v = text.trim();
            Duration d = v.toUpperCase(java.util.Locale.ROOT).startsWith("P") ? Duration.parse(v)
                    : Duration.ofMillis(TimeUtils.toMilliSeconds(v));
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid " + field + " '" + text
                    + "': expected a duration such as PT10M or 10m", e);
        }
    }
}
