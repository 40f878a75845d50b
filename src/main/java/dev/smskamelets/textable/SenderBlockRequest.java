package dev.smskamelets.textable;

import dev.smskamelets.core.phone.PhoneNormalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Builds a block or unblock request (used by {@code textable-sender-block-action}; Textable "API Beta",
 * {@code [{action, sender, user?}]}). The senders come from header {@value #SENDER_HEADER}, else the body (one
 * sender as text, or a list), else the {@code sender} property; a sender is a phone number (normalized to E.164) or
 * a contact id. {@code user} (a user id or E.164 number) blocks for another user (admins).
 */
public class SenderBlockRequest implements Processor {

    public static final String SENDER_HEADER = "textableSender";
    private static final String OP = "blockContacts";

    private String action = "block";
    private String sender;
    private String user;
    private String phoneValidation = "possible";
    private String defaultRegion;

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        Object raw = in.getHeader(SENDER_HEADER);
        if (raw == null) {
            Object body = in.getBody();
            raw = body instanceof Collection<?> ? body : in.getBody(String.class);
        }
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            raw = sender;
        }
        List<Object> senders = new ArrayList<>();
        if (raw instanceof Collection<?> list) {
            senders.addAll(list);
        } else if (raw != null) {
            senders.add(raw);
        }
        if (senders.isEmpty()) {
            throw new TextableValidationException(OP, "sender", null, "is required (a phone number or a contact id)");
        }
        PhoneNormalizer phones = TextableBody.phones(phoneValidation, defaultRegion);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            String field = senders.size() == 1 ? "sender" : "sender[" + i + "]";
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("action", action);
            item.put("sender", senderOf(phones, field, senders.get(i)));
            if (user != null) {
                item.put("user", user.startsWith("+") ? ContactWriteRequest.phone(OP, phones, "user", user)
                        : TextableBody.id(OP, "user", user));
            }
            out.add(item);
        }
        in.setBody(out);
    }

    /** A number (anything starting with + or made of digits and punctuation) is normalized; else a contact id. */
    private static String senderOf(PhoneNormalizer phones, String field, Object value) {
        String text = value == null ? "" : String.valueOf(value).strip();
        if (text.startsWith("+") || text.matches("[\\d ().-]{7,}")) {
            return ContactWriteRequest.phone(OP, phones, field, text);
        }
        return TextableBody.id(OP, field, text);
    }

    /** {@code block} or {@code unblock}. */
    public void setAction(String action) {
        if (!Set.of("block", "unblock").contains(action)) {
            throw new IllegalArgumentException("action must be block or unblock, got '" + action + "'");
        }
        this.action = action;
    }

    public void setSender(String sender) {
        this.sender = sender == null || sender.isBlank() ? null : sender;
    }

    public void setUser(String user) {
        this.user = user == null || user.isBlank() ? null : user.strip();
    }

    public void setPhoneValidation(String phoneValidation) {
        this.phoneValidation = phoneValidation;
    }

    /** Region (ISO 3166) of numbers written without a country code; default US. */
    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }
}
