package dev.smskamelets.core.checkpoint;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

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
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(LocalDateTime.of(year, month, day, hour, minute, second)
                    .toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return null;
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
