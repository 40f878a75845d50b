package dev.smskamelets.core.checkpoint;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The common shape of vendor timestamps, {@code yyyy-MM-ddTHH:mm:ssZ}, read without the general ISO parser (which
 * allocates about 2 KB per call: too much for a million records a pass). Anything else gives null: the caller falls
 * back to the general parser.
 */
public final class IsoInstants {

    private IsoInstants() {
    }

    /** {@code 2025-01-31T23:59:59Z} as an Instant, or null for any other shape. */
    public static Instant utcSeconds(String text) {
        if (text.length() != 20 || text.charAt(19) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null; // 24:00 and leap seconds are left to the general parser
        }
        try {
            // one LocalDate (the JIT keeps it off the heap), not a LocalDateTime of three objects
            return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L
                    + minute * 60L + second);
        } catch (DateTimeException e) {
            return null; // no such date: the general parser reports it
        }
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
