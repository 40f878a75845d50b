package dev.smskamelets.sandbox.textable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A contact of one Textable user, with its opt-out, archive and block state. Dates are epoch milliseconds. */
final class TxContact {

    final String id;
    final String ownerId;
    final long created;
    String phoneNumber;
    String fullName;
    String email;
    String title;
    String companyName;
    String notes;
    boolean optedOut;
    boolean archived;
    boolean blocked;
    String lastMessage;
    Long lastMessageDate;
    final List<String> drips = new ArrayList<>();

    TxContact(String id, String ownerId, String phoneNumber, long created) {
        this.id = id;
        this.ownerId = ownerId;
        this.phoneNumber = phoneNumber;
        this.fullName = phoneNumber;
        this.created = created;
    }

    /** The {@code Contact} schema, plus the state fields the update operation sets. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("phoneNumber", phoneNumber);
        m.put("fullName", fullName);
        m.put("email", email);
        m.put("title", title);
        m.put("companyName", companyName);
        m.put("notes", notes);
        m.put("optedOut", optedOut);
        m.put("isArchived", archived);
        m.put("blocked", blocked);
        m.put("last_message", lastMessage);
        m.put("last_message_date", lastMessageDate);
        m.put("created", created);
        return m;
    }
}
