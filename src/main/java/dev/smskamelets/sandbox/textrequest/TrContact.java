package dev.smskamelets.sandbox.textrequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One contact of one dashboard, keyed by its 11-digit phone number. */
final class TrContact {

    final int id;
    final String phone;
    final Instant created;
    String firstName;
    String lastName;
    String displayName;
    String note;
    boolean suppressed;
    String suppressedReason;
    boolean archived;
    boolean blocked;
    boolean resolved;
    final List<Integer> groups = new ArrayList<>();
    final List<String> tags = new ArrayList<>();
    final Map<String, String> customFields = new LinkedHashMap<>();
    Instant firstContact;
    Instant optedOut;
    Instant lastSent;
    Instant lastReceived;
    int totalSent;
    int totalReceived;
    int responseCount;
    TrMessage lastMessage;

    TrContact(int id, String phone, Instant created) {
        this.id = id;
        this.phone = phone;
        this.created = created;
    }

    String friendlyName() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? phone : name;
    }

    boolean hasHistory() {
        return totalSent + totalReceived > 0;
    }

    Instant lastContact() {
        if (lastSent == null) {
            return lastReceived;
        }
        return lastReceived == null || lastSent.isAfter(lastReceived) ? lastSent : lastReceived;
    }

    /** The fields {@code contact_updated} carries (snake_case), also the head of the {@code contact} schema. */
    Map<String, Object> updatedPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phone_number", phone);
        m.put("first_name", firstName);
        m.put("last_name", lastName);
        m.put("display_name", friendlyName());
        m.put("is_suppressed", suppressed);
        m.put("is_archived", archived);
        m.put("is_blocked", blocked);
        m.put("suppressed_reason", suppressedReason);
        m.put("note", note);
        m.put("groups", List.copyOf(groups));
        m.put("contact_tags", List.copyOf(tags));
        List<Map<String, Object>> fields = new ArrayList<>();
        customFields.forEach((k, v) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", k);
            f.put("value", v);
            fields.add(f);
        });
        m.put("custom_fields", fields);
        m.put("is_resolved", resolved);
        m.put("first_contact_utc", str(firstContact));
        m.put("opted_out_utc", str(optedOut));
        return m;
    }

    /** The {@code contact} schema. */
    Map<String, Object> toJson(Instant now) {
        Map<String, Object> m = updatedPayload();
        m.put("last_msg_sent_utc", str(lastSent));
        m.put("last_msg_received_utc", str(lastReceived));
        m.put("total_msgs_sent", totalSent);
        m.put("total_msgs_received", totalReceived);
        m.put("response_count", responseCount);
        m.put("date_created_utc", str(created));
        m.put("last_contact_date_utc", str(lastContact()));
        m.put("last_message", lastMessage == null ? null : lastMessage.toJson(now));
        return m;
    }

    static String str(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
