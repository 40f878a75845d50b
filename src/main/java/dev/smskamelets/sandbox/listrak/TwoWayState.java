package dev.smskamelets.sandbox.listrak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Listrak Two-Way SMS state: open support tickets per phone id and the message stream (MOs and sends) of each
 * phone, oldest first with strictly increasing timestamps so {@code earliestDateTime} paging is exact.
 */
final class TwoWayState {

    /** An open ticket. */
    record Ticket(long phoneId, String externalTicketId, String integrationType, Instant openedAt) {
    }

    /** One message in a phone's stream. */
    record Message(long messageId, long phoneId, String direction, String text, Instant dateTime, String externalTicketId) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messageId", messageId);
            m.put("phoneId", phoneId);
            m.put("direction", direction);
            m.put("text", text);
            m.put("dateTime", dateTime.toString());
            m.put("externalTicketId", externalTicketId);
            return m;
        }
    }

    final Map<Long, Ticket> tickets = new HashMap<>();
    private final Map<Long, List<Message>> streams = new HashMap<>();
    private final Predicate<String> knownPhone;
    private final List<Long> seededPhoneIds = new ArrayList<>();
    private long nextMessageId = 600_001;
    private Instant last = Instant.EPOCH;

    TwoWayState(SmsSeed seed, Predicate<String> knownPhone) {
        this.knownPhone = knownPhone;
        int first = seed.optOuts();
        for (int k = 0; k < 5 && first + k < seed.size(); k++) {
            long phoneId = ListrakPhones.phoneId(seed.phone(first + k));
            seededPhoneIds.add(phoneId);
            Instant at = seed.optOutsFrom().plusSeconds(3600L * (k + 1));
            add(phoneId, "inbound", "Hi, is my order on its way?", at, null);
            add(phoneId, "outbound", "Thanks for reaching out! An agent will reply shortly.", at.plusSeconds(60), null);
        }
    }

    List<Long> seededPhoneIds() {
        return List.copyOf(seededPhoneIds);
    }

    /** True when the phone id belongs to a contact of the account. */
    boolean known(long phoneId) {
        String phone = ListrakPhones.phoneOf(phoneId);
        return phone != null && (streams.containsKey(phoneId) || knownPhone.test(phone));
    }

    Message add(long phoneId, String direction, String text, Instant at, String externalTicketId) {
        Instant when = at == null ? Instant.now() : at;
        List<Message> stream = streams.computeIfAbsent(phoneId, k -> new ArrayList<>());
        if (!stream.isEmpty() && !when.isAfter(stream.get(stream.size() - 1).dateTime())) {
            when = stream.get(stream.size() - 1).dateTime().plusMillis(1);
        }
        last = when.isAfter(last) ? when : last;
        Message m = new Message(nextMessageId++, phoneId, direction, text, when, externalTicketId);
        stream.add(m);
        return m;
    }

    /** Up to {@code batchSize} messages at or after {@code earliest}, oldest first. */
    List<Message> stream(long phoneId, Instant earliest, int batchSize) {
        return streams.getOrDefault(phoneId, List.of()).stream()
                .filter(m -> earliest == null || !m.dateTime().isBefore(earliest))
                .limit(batchSize).toList();
    }
}
