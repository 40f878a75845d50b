package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The read side of messages: a conversation's messages, a dashboard's messages (oldest first, optional date range)
 * and the conversation list (newest first, archived ones hidden unless {@code include_archived}). Each answers 204
 * when there is nothing at all, as documented; a page past the end has empty {@code items}.
 */
final class TrConversations {

    private final TrState state;

    TrConversations(TrState state) {
        this.state = state;
    }

    SandboxResponse contactMessages(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        String phone = TrPhones.lenient("phone_number", r.pathParam("phone_number"));
        TrPaging paging = TrPaging.of(r);
        List<TrMessage> messages = d.contacts.containsKey(phone)
                ? d.messages.stream().filter(m -> m.contactPhone.equals(phone)).toList() : List.of();
        Instant now = Instant.now();
        return paging.respond(messages, m -> m.toJson(now), true);
    }

    SandboxResponse dashboardMessages(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        TrPaging paging = TrPaging.of(r);
        String start = r.queryParam("start_date");
        String end = r.queryParam("end_date");
        Instant from = start == null ? Instant.MIN : TrContactFilter.parseDate("start_date", start);
        Instant to = end == null ? Instant.MAX : TrContactFilter.parseDate("end_date", end);
        List<TrMessage> messages = d.messages.stream()
                .filter(m -> !m.timestamp.isBefore(from) && !m.timestamp.isAfter(to))
                .sorted(Comparator.comparing((TrMessage m) -> m.timestamp))
                .toList();
        Instant now = Instant.now();
        return paging.respond(messages, m -> m.toDashboardJson(now, d.phone), true);
    }

    SandboxResponse list(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        TrPaging paging = TrPaging.of(r);
        boolean includeArchived = Boolean.parseBoolean(r.queryParam("include_archived", "false"));
        boolean unresolvedOnly = Boolean.parseBoolean(r.queryParam("show_unresolved_only", "false"));
        List<String> tags = r.queryParam("tags") == null || r.queryParam("tags").isBlank() ? List.of()
                : Arrays.stream(r.queryParam("tags").split(",")).map(String::trim).toList();
        String search = r.queryParam("search", "").trim().toLowerCase(Locale.ROOT);
        String searchDigits = search.replaceAll("\\D", "");
        List<TrContact> conversations = d.contacts.values().stream()
                .filter(c -> c.lastMessage != null)
                .filter(c -> includeArchived || !c.archived)
                .filter(c -> !unresolvedOnly || !c.resolved)
                .filter(c -> tags.isEmpty() || c.tags.stream().anyMatch(tags::contains))
                .filter(c -> search.isEmpty() || (!searchDigits.isEmpty() && c.phone.contains(searchDigits))
                        || c.friendlyName().toLowerCase(Locale.ROOT).contains(search))
                .sorted(Comparator.comparing((TrContact c) -> c.lastMessage.timestamp).reversed()
                        .thenComparingInt(c -> c.id))
                .toList();
        Instant now = Instant.now();
        return paging.respond(conversations, c -> conversation(c, now), true);
    }

    private static Map<String, Object> conversation(TrContact c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phone_number", c.phone);
        m.put("last_message", c.lastMessage.toJson(now));
        return m;
    }
}
