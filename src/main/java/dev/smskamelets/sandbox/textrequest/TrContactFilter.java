package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.SandboxRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The filters of {@code GET /dashboards/{id}/contacts}, every one the document has: phone prefix ("starts with",
 * on the 11- or the 10-digit form), message and creation dates ({@code _before} strict, {@code _after} strict; a
 * contact without that date never matches), the boolean states, tags and groups (any of a comma-separated list),
 * and up to three custom field id/value pairs.
 */
final class TrContactFilter {

    /** The filter of a request without any filter parameter (every contact). */
    static final Predicate<TrContact> ALL = c -> true;

    private TrContactFilter() {
    }

    static Predicate<TrContact> of(SandboxRequest r) {
        Predicate<TrContact> p = ALL;
        String prefix = r.queryParam("contact_phone_number");
        if (prefix != null && !prefix.isBlank()) {
            String digits = prefix.replaceAll("\\D", "");
            p = p.and(c -> c.phone.startsWith(digits) || c.phone.substring(1).startsWith(digits));
        }
        p = date(p, r, "last_message_timestamp", "_before_utc", "_after_utc", TrContact::lastContact);
        p = date(p, r, "contact_created", "_before", "_after", c -> c.created);
        p = date(p, r, "last_message_sent", "_before", "_after", c -> c.lastSent);
        p = date(p, r, "last_message_received", "_before", "_after", c -> c.lastReceived);
        p = bool(p, r, "is_resolved", c -> c.resolved);
        p = bool(p, r, "has_message_history", TrContact::hasHistory);
        p = bool(p, r, "is_blocked", c -> c.blocked);
        p = bool(p, r, "is_archived", c -> c.archived);
        p = bool(p, r, "is_suppressed", c -> c.suppressed);
        p = bool(p, r, "has_opted_out", c -> c.optedOut != null);
        List<String> tags = list(r.queryParam("tags"));
        if (!tags.isEmpty()) {
            p = p.and(c -> c.tags.stream().anyMatch(tags::contains));
        }
        List<String> groups = list(r.queryParam("groups"));
        if (!groups.isEmpty()) {
            p = p.and(c -> c.groups.stream().anyMatch(g -> groups.contains(String.valueOf(g))));
        }
        for (int i = 1; i <= 3; i++) {
            String id = r.queryParam("custom_field_id_" + i);
            String value = r.queryParam("custom_field_value_" + i);
            if ((id == null) != (value == null)) {
                throw new BadRequestException("custom_field_id_" + i + " and custom_field_value_" + i
                        + " must be given together.");
            }
            if (id != null) {
                p = p.and(c -> value.equals(c.customFields.get(id)));
            }
        }
        return p;
    }

    static Instant parseDate(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new BadRequestException(name + " must be an ISO-8601 date-time, got '" + value + "'.");
            }
        }
    }

    private static Predicate<TrContact> date(Predicate<TrContact> p, SandboxRequest r, String base, String before,
                                             String after, Function<TrContact, Instant> field) {
        String b = r.queryParam(base + before);
        if (b != null) {
            Instant limit = parseDate(base + before, b);
            p = p.and(c -> field.apply(c) != null && field.apply(c).isBefore(limit));
        }
        String a = r.queryParam(base + after);
        if (a != null) {
            Instant limit = parseDate(base + after, a);
            p = p.and(c -> field.apply(c) != null && field.apply(c).isAfter(limit));
        }
        return p;
    }

    private static Predicate<TrContact> bool(Predicate<TrContact> p, SandboxRequest r, String name,
                                             Predicate<TrContact> field) {
        String v = r.queryParam(name);
        if (v == null) {
            return p;
        }
        boolean wanted = switch (v.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException(name + " must be true or false, got '" + v + "'.");
        };
        return p.and(c -> field.test(c) == wanted);
    }

    private static List<String> list(String value) {
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
