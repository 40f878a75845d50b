package dev.smskamelets.textable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Looks one contact up (used by {@code textable-contact-lookup-action}): by id (header
 * {@value ContactWriteRequest#ID_HEADER}, or the {@code contactId} property) on the by-id path, else by phone number
 * (header {@value #PHONE_HEADER}, else a text body, else the {@code phone} property) on the list path with
 * {@code ?phoneNumber=}. {@link #prepare} checks the input and sets the request; {@link #found} turns the answer
 * into the contact (or nothing) and sets {@value #FOUND}; {@link #notFound} handles a 404 by id.
 */
public class ContactLookup {

    public static final String PHONE_HEADER = "textablePhone";
    public static final String FOUND = "textableContactFound";
    private static final String OP = "lookupContact";
    private static final String WANTED = "textableLookupPhone";

    private String byIdPath;
    private String listPath;
    private String contactId;
    private String phone;
    private String phoneValidation = "possible";
    private String defaultRegion;

    public void prepare(Exchange exchange) {
        Message in = exchange.getIn();
        Object id = in.getHeader(ContactWriteRequest.ID_HEADER, contactId, Object.class);
        in.removeHeaders("CamelHttp*");
        if (id != null && !String.valueOf(id).isBlank()) {
            in.setHeader(Exchange.HTTP_PATH, TextableBody.path(byIdPath, TextableBody.id(OP, "contactId", id)));
            exchange.setProperty("vendorOperation", "getContact");
        } else {
            Object raw = in.getHeader(PHONE_HEADER);
            raw = raw != null ? raw : in.getBody(String.class);
            raw = raw != null && !String.valueOf(raw).isBlank() ? raw : phone;
            String number = ContactWriteRequest.phone(OP, TextableBody.phones(phoneValidation, defaultRegion), "phone", raw);
            in.setHeader(Exchange.HTTP_PATH, listPath);
            in.setHeader(Exchange.HTTP_QUERY, "phoneNumber=" + URLEncoder.encode(number, StandardCharsets.UTF_8));
            exchange.setProperty(WANTED, number);
            exchange.setProperty("vendorOperation", "listContacts");
        }
        in.setHeader(Exchange.HTTP_METHOD, "GET");
        in.setBody(null);
    }

    /**
     * After the call: a by-id answer is the contact; from a list answer the entry whose {@code phoneNumber} is the
     * number asked for (the filter's path is unverified: an instance that ignored it and listed every contact
     * must not make another contact the result), or nothing.
     */
    public void found(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        JsonNode answer = TextableBody.MAPPER.readTree(in.getBody(String.class));
        String wanted = exchange.getProperty(WANTED, String.class);
        JsonNode contact = answer;
        if (answer.has("contacts")) {
            contact = null;
            for (JsonNode c : answer.path("contacts")) {
                if (wanted != null && wanted.equals(c.path("phoneNumber").asText())) {
                    contact = c;
                    break;
                }
            }
        }
        boolean found = contact != null && contact.isObject();
        in.setHeader(FOUND, found);
        in.setBody(found ? contact.toString() : null);
        if (found && contact.hasNonNull("id")) {
            in.setHeader(ContactWriteRequest.ID_HEADER, contact.get("id").asText());
        }
    }

    /** Removes the exchange properties the lookup set (called in {@code doFinally}). */
    public void cleanUp(Exchange exchange) {
        exchange.removeProperty(WANTED);
        exchange.removeProperty("vendorOperation");
    }

    /** A 404 on the by-id path: no such contact (not an error). */
    public void notFound(Exchange exchange) {
        exchange.getIn().setHeader(FOUND, false);
        exchange.getIn().setBody(null);
    }

    public void setByIdPath(String byIdPath) {
        this.byIdPath = byIdPath;
    }

    public void setListPath(String listPath) {
        this.listPath = listPath;
    }

    public void setContactId(String contactId) {
        this.contactId = contactId == null || contactId.isBlank() ? null : contactId;
    }

    public void setPhone(String phone) {
        this.phone = phone == null || phone.isBlank() ? null : phone;
    }

    public void setPhoneValidation(String phoneValidation) {
        this.phoneValidation = phoneValidation;
    }

    /** Region (ISO 3166) of numbers written without a country code; default US. */
    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }
}
