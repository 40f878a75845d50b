package dev.smskamelets.sandbox.listrak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One contact of a Listrak sender code, with its list subscriptions and profile values. Seeded contacts are
 * built on demand from {@link SmsSeed}; a contact is stored only once something changed it.
 */
final class SmsContact {

    /** The contact's state on one SMS list. */
    static final class Subscription {
        String state;
        Instant subscribeDate;
        Instant unsubscribeDate;

        Subscription(String state, Instant subscribeDate) {
            this.state = state;
            this.subscribeDate = subscribeDate;
        }

        Map<String, Object> json(int listId) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phoneListId", listId);
            m.put("subscriptionState", state);
            m.put("subscribeDate", ListrakDates.format(subscribeDate));
            m.put("unsubscribeDate", ListrakDates.format(unsubscribeDate));
            m.put("pendingDate", null);
            m.put("pendingDoubleOptIn", false);
            m.put("pendingAgeGate", false);
            return m;
        }
    }

    static final String SUBSCRIBED = "Subscribed";
    static final String UNSUBSCRIBED = "Unsubscribed";

    final int senderCodeId;
    final String phone;
    /** Order of contacts in list collections: the seeded index, or after all seeded ones for created contacts. */
    final long position;
    String email;
    String firstName;
    String lastName;
    String postalCode;
    String birthday;
    Instant subscribeDate;
    boolean optedOut;
    Instant optOutDate;
    String optOutReason;
    final Map<Integer, Subscription> lists = new TreeMap<>();
    final Map<Integer, String> fields = new TreeMap<>();

    SmsContact(int senderCodeId, String phone, long position) {
        this.senderCodeId = senderCodeId;
        this.phone = phone;
        this.position = position;
    }

    boolean subscribed(int listId) {
        Subscription s = lists.get(listId);
        return s != null && SUBSCRIBED.equals(s.state);
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phoneNumber", phone);
        m.put("emailAddress", email);
        m.put("firstName", firstName);
        m.put("lastName", lastName);
        m.put("birthday", birthday);
        m.put("postalCode", postalCode);
        m.put("optedOut", optedOut);
        List<Map<String, Object>> values = new ArrayList<>();
        fields.forEach((id, value) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("segmentationFieldId", id);
            v.put("value", value);
            values.add(v);
        });
        m.put("segmentationFieldValues", values);
        return m;
    }

    /** The "subscription details" form of GET Contact: dates first, then the contact. */
    Map<String, Object> detailsJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscribeDate", ListrakDates.format(subscribeDate));
        m.put("unsubscribeDate", ListrakDates.format(optOutDate));
        m.putAll(json());
        return m;
    }

    SmsContact copy() {
        SmsContact c = new SmsContact(senderCodeId, phone, position);
        c.email = email;
        c.firstName = firstName;
        c.lastName = lastName;
        c.postalCode = postalCode;
        c.birthday = birthday;
        c.subscribeDate = subscribeDate;
        c.optedOut = optedOut;
        c.optOutDate = optOutDate;
        c.optOutReason = optOutReason;
        lists.forEach((id, s) -> {
            Subscription copy = new Subscription(s.state, s.subscribeDate);
            copy.unsubscribeDate = s.unsubscribeDate;
            c.lists.put(id, copy);
        });
        c.fields.putAll(fields);
        return c;
    }
}
