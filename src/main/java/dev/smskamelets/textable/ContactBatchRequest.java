package dev.smskamelets.textable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.phone.PhoneNormalizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * A batch contact upload (used by {@code textable-contact-batch-action}; Textable "API Beta"). {@link #prepare}
 * takes a list of contacts, or {@code {contacts: [...]}}, each {@code {phoneNumber, fullName?, email?, optedOut?}},
 * checks every entry (the error names {@code contacts[i].field}) and the batch size before anything is sent, and
 * builds {@code {contacts: [...]}}. {@link #result} reads the answer ({@code {status: ok|partial, details}}) into the
 * headers {@value #STATUS}, {@value #CREATED}, {@value #UPDATED}, {@value #FAILED}.
 */
public class ContactBatchRequest {

    public static final String STATUS = "textableBatchStatus";
    public static final String CREATED = "textableBatchCreated";
    public static final String UPDATED = "textableBatchUpdated";
    public static final String FAILED = "textableBatchFailed";
    private static final String OP = "uploadContactBatch";
    private static final Set<String> FIELDS = Set.of("phoneNumber", "fullName", "email", "optedOut");

    private int maxContacts = 500;
    private String phoneValidation = "possible";
    private String defaultRegion;

    public void prepare(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        Object body = in.getBody();
        Object list = body instanceof Collection<?> ? body
                : body instanceof Map<?, ?> m ? m.get("contacts")
                : contactsOf(in.getBody(String.class));
        if (!(list instanceof Collection<?> contacts) || contacts.isEmpty()) {
            throw new TextableValidationException(OP, "contacts", list, "must be a non-empty list of contacts");
        }
        if (contacts.size() > maxContacts) {
            throw new TextableValidationException(OP, "contacts", contacts.size() + " contacts",
                    "may hold at most " + maxContacts + " (maxContacts); split the batch");
        }
        PhoneNormalizer phones = TextableBody.phones(phoneValidation, defaultRegion);
        List<Map<String, Object>> out = new ArrayList<>();
        int i = 0;
        for (Object item : contacts) {
            String at = "contacts[" + i++ + "]";
            if (!(item instanceof Map<?, ?> contact)) {
                throw new TextableValidationException(OP, at, item, "must be an object");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : contact.entrySet()) {
                String field = String.valueOf(e.getKey());
                if (!FIELDS.contains(field)) {
                    throw new TextableValidationException(OP, at + "." + field, e.getValue(), "is not a field " + FIELDS);
                }
                entry.put(field, e.getValue());
            }
            entry.put("phoneNumber", ContactWriteRequest.phone(OP, phones, at + ".phoneNumber", entry.get("phoneNumber")));
            if (entry.containsKey("optedOut")) {
                entry.put("optedOut", TextableBody.bool(OP, at + ".optedOut", entry.get("optedOut")));
            }
            out.add(entry);
        }
        in.setBody(Map.of("contacts", out));
    }

    private static Object contactsOf(String json) throws IOException {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode node = TextableBody.MAPPER.readTree(json);
        node = node.isObject() ? node.get("contacts") : node;
        return node == null ? null : TextableBody.MAPPER.convertValue(node, Object.class);
    }

    /** After the call: the summary headers (the body stays Textable's answer). */
    public void result(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        JsonNode answer = TextableBody.MAPPER.readTree(in.getBody(String.class));
        in.setHeader(STATUS, answer.path("status").asText(null));
        JsonNode details = answer.path("details");
        in.setHeader(CREATED, details.path("created").asInt());
        in.setHeader(UPDATED, details.path("updated").asInt());
        in.setHeader(FAILED, details.path("failed").asInt());
    }

    public void setMaxContacts(int maxContacts) {
        if (maxContacts < 1) {
            throw new IllegalArgumentException("maxContacts must be positive, got " + maxContacts);
        }
        this.maxContacts = maxContacts;
    }

    public void setPhoneValidation(String phoneValidation) {
        this.phoneValidation = phoneValidation;
    }

    /** Region (ISO 3166) of numbers written without a country code; default US. */
    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }
}
