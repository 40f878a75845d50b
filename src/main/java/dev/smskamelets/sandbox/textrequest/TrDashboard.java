package dev.smskamelets.sandbox.textrequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dashboard (a texting number) and everything that lives in it. Contacts keep their creation order, which is
 * the order of every contact listing, so a page walk sees each contact exactly once.
 *
 * <p>Send throttle: a dashboard not registered for 10DLC hands one message per second to the carrier; a 10DLC
 * dashboard sends at its {@code messagesPerSecond}. {@link #nextSendSlot(Instant)} gives each accepted message its
 * slot; the message stays {@code queued} until then and its {@code msg_sent} hook fires at that instant.
 */
final class TrDashboard {

    final int id;
    final String phone;
    final String externalPhoneId;
    String name;
    boolean tenDlc;
    int messagesPerSecond;
    private Instant nextSlot = Instant.EPOCH;
    /** Sends that had to wait for a slot (the client sent faster than the throttle), and the longest wait. */
    long queuedSends;
    long maxQueueMillis;

    /** Contacts by 11-digit phone; add and remove them with {@link #add(TrContact)} / {@link #remove(String)}. */
    final Map<String, TrContact> contacts = new LinkedHashMap<>();
    private final List<TrContact> order = new ArrayList<>();
    final List<TrMessage> messages = new ArrayList<>();
    final Map<String, TrCatalog.Tag> tags = new LinkedHashMap<>();
    final Map<Integer, TrCatalog.Group> groups = new LinkedHashMap<>();
    final Map<String, TrCatalog.Field> fields = new LinkedHashMap<>();
    final Map<Integer, TrCatalog.Keyword> keywords = new LinkedHashMap<>();
    final Map<Integer, TrHook> hooks = new LinkedHashMap<>();

    TrDashboard(int id, String name, String phone, String externalPhoneId, boolean tenDlc, int messagesPerSecond) {
        this.id = id;
        this.name = name;
        this.phone = phone;
        this.externalPhoneId = externalPhoneId;
        this.tenDlc = tenDlc;
        this.messagesPerSecond = messagesPerSecond;
    }

    /** Interval between two sends: 1 s unless 10DLC. */
    Duration sendInterval() {
        int rate = tenDlc ? Math.max(1, messagesPerSecond) : 1;
        return Duration.ofNanos(1_000_000_000L / rate);
    }

    /** Reserves the next send slot at or after {@code now}. */
    Instant nextSendSlot(Instant now) {
        Instant slot = now.isAfter(nextSlot) ? now : nextSlot;
        if (slot.isAfter(now)) {
            queuedSends++;
            maxQueueMillis = Math.max(maxQueueMillis, Duration.between(now, slot).toMillis());
        }
        nextSlot = slot.plus(sendInterval());
        return slot;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("phone", phone);
        return m;
    }

    void add(TrContact contact) {
        contacts.put(contact.phone, contact);
        order.add(contact);
    }

    TrContact remove(String phone) {
        TrContact contact = contacts.remove(phone);
        if (contact != null) {
            order.remove(contact);
        }
        return contact;
    }

    /** All contacts in creation order (read-only view; a page of it costs O(page size)). */
    List<TrContact> ordered() {
        return java.util.Collections.unmodifiableList(order);
    }

    long groupMembers(int groupId) {
        return contacts.values().stream().filter(c -> c.groups.contains(groupId)).count();
    }
}
