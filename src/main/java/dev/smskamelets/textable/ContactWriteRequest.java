package dev.smskamelets.textable;

import dev.smskamelets.core.phone.InvalidPhoneNumberException;
import dev.smskamelets.core.phone.PhoneNormalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Checks a contact create or update before it is sent, and sets {@code CamelHttpPath}.
 * <ul>
 *   <li>{@code create} ({@code POST /api/contacts}, verified): {@code phoneNumber} required, {@code fullName},
 *       {@code email}.</li>
 *   <li>{@code update} ({@code PUT} on the configurable, unverified by-id path): the id from header
 *       {@value #ID_HEADER}, else the body's {@code id}, else the {@code contactId} property; fields as Textable
 *       publishes them ({@code full_name}, {@code phone_number}, {@code email}, {@code title}, {@code companyName},
 *       {@code notes}, {@code optedOut}, {@code isArchived}; {@code fullName}/{@code phoneNumber} are accepted and
 *       renamed), at least one.</li>
 * </ul>
 * Numbers are normalized to E.164, booleans must be booleans, any other field is refused.
 */
public class ContactWriteRequest implements Processor {

    /** Header naming the contact to update (or look up, or apply a drip campaign to). */
    public static final String ID_HEADER = "textableContactId";
    private static final Set<String> CREATE = Set.of("phoneNumber", "fullName", "email");
    private static final Set<String> UPDATE = Set.of("full_name", "phone_number", "email", "title", "companyName",
            "notes", "optedOut", "isArchived");
    private static final Map<String, String> ALIASES = Map.of("fullName", "full_name", "phoneNumber", "phone_number");

    private String operation = "create";
    private String path;
    private String contactId;
    private String phoneValidation = "possible";
    private String defaultRegion;

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String op = "create".equals(operation) ? "createContact" : "updateContactById";
        Map<String, Object> body = TextableBody.map(op, in);
        PhoneNormalizer phones = TextableBody.phones(phoneValidation, defaultRegion);
        Map<String, Object> out = new LinkedHashMap<>();
        if ("create".equals(operation)) {
            check(op, body, CREATE);
            out.put("phoneNumber", phone(op, phones, "phoneNumber", body.get("phoneNumber")));
            copyText(op, body, out, "fullName");
            copyText(op, body, out, "email");
            in.setHeader(Exchange.HTTP_PATH, path);
        } else {
            Object id = in.getHeader(ID_HEADER) != null ? in.getHeader(ID_HEADER) : body.remove("id");
            String contact = TextableBody.id(op, "contactId", id != null ? id : contactId);
            for (Map.Entry<String, Object> e : body.entrySet()) {
                out.put(ALIASES.getOrDefault(e.getKey(), e.getKey()), e.getValue());
            }
            check(op, out, UPDATE);
            if (out.isEmpty()) {
                throw new TextableValidationException(op, "body", "{}", "needs at least one of " + UPDATE);
            }
            if (out.containsKey("phone_number")) {
                out.put("phone_number", phone(op, phones, "phone_number", out.get("phone_number")));
            }
            for (String flag : new String[] {"optedOut", "isArchived"}) {
                if (out.containsKey(flag)) {
                    out.put(flag, TextableBody.bool(op, flag, out.get(flag)));
                }
            }
            for (String field : new String[] {"full_name", "email", "title", "companyName", "notes"}) {
                if (out.get(field) != null && !(out.get(field) instanceof String)) {
                    throw new TextableValidationException(op, field, out.get(field), "must be text");
                }
            }
            in.setHeader(Exchange.HTTP_PATH, TextableBody.path(path, contact));
        }
        email(op, out.get("email"));
        in.setBody(out);
    }

    /** After the call: the header {@value #ID_HEADER} := the {@code id} of the contact Textable answered with. */
    public void answered(Exchange exchange) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode answer = TextableBody.MAPPER.readTree(exchange.getIn().getBody(String.class));
        if (answer != null && answer.hasNonNull("id")) {
            exchange.getIn().setHeader(ID_HEADER, answer.get("id").asText());
        }
    }

    private static void check(String op, Map<String, Object> body, Set<String> allowed) {
        for (String field : body.keySet()) {
            if (!allowed.contains(field)) {
                throw new TextableValidationException(op, field, body.get(field), "is not a field of this request " + allowed);
            }
        }
    }

    private static void copyText(String op, Map<String, Object> body, Map<String, Object> out, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw new TextableValidationException(op, field, value, "must be text");
        }
        if (value != null) {
            out.put(field, value);
        }
    }

    private static void email(String op, Object email) {
        if (email != null && !String.valueOf(email).matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new TextableValidationException(op, "email", email, "must be an e-mail address");
        }
    }

    static String phone(String op, PhoneNormalizer phones, String field, Object raw) {
        try {
            return phones.normalize(field, raw == null ? null : String.valueOf(raw));
        } catch (InvalidPhoneNumberException e) {
            throw new TextableValidationException(op, field, raw, "must be a phone number (E.164, e.g. +15125550100)");
        }
    }

    /** {@code create} or {@code update}. */
    public void setOperation(String operation) {
        if (!Set.of("create", "update").contains(operation)) {
            throw new IllegalArgumentException("operation must be create or update, got '" + operation + "'");
        }
        this.operation = operation;
    }

    /** The path ({@code update}: a template with {@code {id}}). */
    public void setPath(String path) {
        this.path = path;
    }

    public void setContactId(String contactId) {
        this.contactId = contactId == null || contactId.isBlank() ? null : contactId;
    }

    public void setPhoneValidation(String phoneValidation) {
        this.phoneValidation = phoneValidation;
    }

    /** Region (ISO 3166) of numbers written without a country code; default US. */
    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }
}
