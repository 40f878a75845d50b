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

    static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
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
