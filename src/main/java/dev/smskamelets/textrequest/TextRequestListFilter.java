package dev.smskamelets.textrequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The filters of Text Request's list operations (contacts, dashboard messages, conversations): the query of the
 * {@code textrequest} component's consumers ({@link #queryString()}), or, as a processor, {@code CamelHttpQuery} for a
 * paged read that follows: flags ({@code true}, {@code false}, empty = either), instants (ISO-8601,
 * e.g. {@code 2025-06-01T00:00:00Z}; {@code _before}/{@code _after} are strict), a phone prefix (digits, matched
 * against the 10- or 11-digit number) and comma-separated tag or group ids. Checked when set, so a bad filter
 * fails the route at start-up, before any request.
 */
public class TextRequestListFilter implements Processor {

    private final Map<String, String> query = new LinkedHashMap<>();

    @Override
    public void process(Exchange exchange) {
        exchange.getIn().setHeader(Exchange.HTTP_QUERY, queryString());
    }

    /** The query this filter sends, encoded (without paging parameters), or null when no filter is set. */
    public String queryString() {
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.length() == 0 ? null : q.toString();
    }

    /** The query this filter sends (without paging parameters). */
    public Map<String, String> query() {
        return Map.copyOf(query);
    }

    private void flag(String name, String field, String value) {
        String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.isEmpty()) {
            query.remove(name);
        } else if (v.equals("true") || v.equals("false")) {
            query.put(name, v);
        } else {
            throw new IllegalArgumentException("Text Request list filter '" + field
                    + "' must be true, false or empty, got '" + value + "'");
        }
    }

    private void instant(String name, String field, String value) {
        if (value == null || value.isBlank()) {
            query.remove(name);
            return;
        }
        try {
            query.put(name, Instant.parse(value.strip()).toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Text Request list filter '" + field
                    + "' must be an ISO-8601 instant such as 2025-06-01T00:00:00Z, got '" + value + "'");
        }
    }

    private void list(String name, String field, String value) {
        if (value == null || value.isBlank()) {
            query.remove(name);
        } else if (value.strip().matches("[A-Za-z0-9_-]+(\\s*,\\s*[A-Za-z0-9_-]+)*")) {
            query.put(name, value.replaceAll("\\s", ""));
        } else {
            throw new IllegalArgumentException("Text Request list filter '" + field
                    + "' must be a comma-separated list of ids, got '" + value + "'");
        }
    }

    public void setHasOptedOut(String v) { flag("has_opted_out", "hasOptedOut", v); }
    public void setIsSuppressed(String v) { flag("is_suppressed", "isSuppressed", v); }
    public void setIsBlocked(String v) { flag("is_blocked", "isBlocked", v); }
    public void setIsArchived(String v) { flag("is_archived", "isArchived", v); }
    public void setIsResolved(String v) { flag("is_resolved", "isResolved", v); }
    public void setHasMessageHistory(String v) { flag("has_message_history", "hasMessageHistory", v); }
    public void setCreatedAfter(String v) { instant("contact_created_after", "createdAfter", v); }
    public void setCreatedBefore(String v) { instant("contact_created_before", "createdBefore", v); }
    public void setLastMessageAfter(String v) { instant("last_message_timestamp_after_utc", "lastMessageAfter", v); }
    public void setLastMessageBefore(String v) { instant("last_message_timestamp_before_utc", "lastMessageBefore", v); }
    public void setTags(String v) { list("tags", "tags", v); }
    public void setGroups(String v) { list("groups", "groups", v); }

    public void setStartDate(String v) { instant("start_date", "startDate", v); }
    public void setEndDate(String v) { instant("end_date", "endDate", v); }
    public void setShowUnresolvedOnly(String v) { flag("show_unresolved_only", "showUnresolvedOnly", v); }
    public void setIncludeArchived(String v) { flag("include_archived", "includeArchived", v); }

    public void setSearch(String v) {
        if (v == null || v.isBlank()) {
            query.remove("search");
        } else {
            query.put("search", v.strip());
        }
    }

    public void setPhonePrefix(String v) {
        if (v == null || v.isBlank()) {
            query.remove("contact_phone_number");
        } else if (v.strip().matches("\\d{1,11}")) {
            query.put("contact_phone_number", v.strip());
        } else {
            throw new IllegalArgumentException("Text Request list filter 'phonePrefix' must be 1 to 11 digits, got '"
                    + v + "'");
        }
    }
}
