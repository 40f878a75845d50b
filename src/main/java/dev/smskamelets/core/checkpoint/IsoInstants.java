package dev.smskamelets.core.checkpoint;

import java.time.Instant;

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
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > lengthOfMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second);
    }

    /** Days from 1970-01-01 to a valid date of years 0 to 9999 (proleptic Gregorian, as {@code LocalDate}). */
    static long epochDay(int year, int month, int day) {
        long total = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        total += (367L * month - 362) / 12 + day - 1;
        if (month > 2) {
            total -= leap(year) ? 1 : 2;
        }
        return total - DAYS_0000_TO_1970;
    }

    private static final long DAYS_0000_TO_1970 = 719_528L;

    private static boolean leap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
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
