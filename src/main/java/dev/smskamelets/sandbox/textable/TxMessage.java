package dev.smskamelets.sandbox.textable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Textable message or note. {@code to} has one number, or several for a group MMS. {@code status}: {@code sent},
 * {@code scheduled} (due at {@code sendAt}), {@code stored} ({@code sendStatus: sent}), {@code received}, {@code note}
 * or {@code dropped} (inbound from a blocked sender).
 */
record TxMessage(String id, String userId, String conversationId, String direction, List<String> to, String from,
                 String body, List<String> media, long sendAt, String status) {

    boolean group() {
        return to.size() > 1;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("conversationId", conversationId);
        m.put("direction", direction);
        m.put("to", group() ? to : to.get(0));
        m.put("from", from);
        m.put("message", body);
        m.put("media", media);
        m.put("sendAt", sendAt);
        m.put("status", status);
        return m;
    }
}
