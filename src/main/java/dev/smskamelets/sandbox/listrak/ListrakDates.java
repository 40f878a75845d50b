package dev.smskamelets.sandbox.listrak;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Dates as the Listrak APIs write and read them: ISO-8601 UTC with seconds ({@code 2025-03-01T14:05:00Z}) out;
 * in, an ISO instant, an ISO local date-time (UTC), an ISO date or a US {@code MM/dd/yyyy} date.
 */
final class ListrakDates {

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");

    private ListrakDates() {
    }

    private static final ThreadLocal<long[]> LAST_DAY = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});
    private static final ThreadLocal<String[]> LAST_DAY_TEXT = ThreadLocal.withInitial(() -> new String[1]);

    /** {@code yyyy-MM-ddTHH:mm:ssZ}; the date part is cached per thread, since pages of opt-outs share days. */
    static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        long[] lastDay = LAST_DAY.get();
        String[] text = LAST_DAY_TEXT.get();
        if (lastDay[0] != day) {
            lastDay[0] = day;
            text[0] = LocalDate.ofEpochDay(day).toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        if (text[0].length() != 10) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        char[] out = new char[20];
        text[0].getChars(0, 10, out, 0);
        out[10] = 'T';
        two(out, 11, secondOfDay / 3600);
        out[13] = ':';
        two(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        two(out, 17, secondOfDay % 60);
        out[19] = 'Z';
        return new String(out);
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }

    /** Parses a filter bound; a date-only end bound means the end of that day. Null for null/blank. */
    static Instant parse(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() <= 10) {
                LocalDate date = v.contains("/") ? LocalDate.parse(v, US_DATE) : LocalDate.parse(v);
                Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
                return endOfDay ? start.plus(1, ChronoUnit.DAYS).minusMillis(1) : start;
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(v).toInstant();
            }
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ListrakError.invalidParameter(field + " '" + value + "' is not a date (use e.g. 2025-03-01 or 2025-03-01T00:00:00Z).");
        }
    }
}
