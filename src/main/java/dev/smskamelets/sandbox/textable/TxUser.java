package dev.smskamelets.sandbox.textable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Textable user: a texting number, its API tokens and the relay webhook that gets a copy of every message. */
final class TxUser {

    final String id;
    final List<String> tokens = new ArrayList<>();
    final String accessToken;
    String phone;
    String email;
    String fullName;
    String organizationId;
    String relayWebhook;
    boolean admin;
    boolean disabled;
    String externalId;

    TxUser(String id, String phone, String email, String fullName, String organizationId, String token, String accessToken) {
        this.id = id;
        this.phone = phone;
        this.email = email;
        this.fullName = fullName;
        this.organizationId = organizationId;
        this.tokens.add(token);
        this.accessToken = accessToken;
    }

    /** The {@code User} schema of "Get User by Id". */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("is_disabled", disabled);
        m.put("full_name", fullName);
        m.put("email", email);
        m.put("organizationId", organizationId);
        m.put("phone_number", phone);
        m.put("sharedWith", List.of());
        m.put("deleted", 0);
        m.put("restrictions", List.of());
        m.put("relayWebhook", relayWebhook);
        m.put("isAdmin", admin);
        if (externalId != null) {
            m.put("external_id", externalId);
        }
        return m;
    }
}
