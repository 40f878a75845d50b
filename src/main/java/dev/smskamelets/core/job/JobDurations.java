package dev.smskamelets.core.job;

import java.time.Duration;
import org.apache.camel.util.TimeUtils;

/** Reads a duration the way the library's properties write it: ISO-8601 ({@code PT15M}) or Camel's ({@code 15m}, {@code 5s}). */
public final class JobDurations {

    private JobDurations() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Duration.ZERO;
        }
        return t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")
                ? Duration.parse(t) : Duration.ofMillis(TimeUtils.toMilliSeconds(t));
    }
}
