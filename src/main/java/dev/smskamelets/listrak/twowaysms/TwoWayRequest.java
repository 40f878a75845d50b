package dev.smskamelets.listrak.twowaysms;

import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.validate.InvalidFieldException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Builds and validates one Listrak Two-Way SMS request before anything is sent: {@code open} ({@code POST /tickets}),
 * {@code close} ({@code DELETE /tickets}, whose JSON body the transport sends with the DELETE) or {@code send}
 * ({@code POST /send}). Values come from the headers {@value #PHONE_ID}, {@value #TICKET_ID} and
 * {@value #INTEGRATION_TYPE} when set, else from the bean properties; the message text of {@code send} is the body.
 * A refused value throws {@link InvalidFieldException} naming the field and the value, so no request is made.
 */
public class TwoWayRequest implements Processor {

    public static final String PHONE_ID = "phoneId";
    public static final String TICKET_ID = "externalTicketId";
    public static final String INTEGRATION_TYPE = "integrationType";
    /** Listrak's documented limit of {@code messageBody}, counted in UTF-16 units (never fewer than characters). */
    public static final int MAX_MESSAGE = 1000;
    private static final String VENDOR = "listrak-twowaysms";
    private static final Set<String> TYPES = Set.of("gorgias", "custom");

    private String operation;
    private String integrationType = "custom";
    private String phoneId;
    private String externalTicketId;

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String type = value(in, INTEGRATION_TYPE, integrationType);
        if (type == null || !TYPES.contains(type)) {
            throw new InvalidFieldException(VENDOR, INTEGRATION_TYPE, type, "must be gorgias or custom");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(INTEGRATION_TYPE, type);
        body.put(PHONE_ID, phoneId(value(in, PHONE_ID, phoneId)));
        String method = "POST";
        String path;
        switch (operation == null ? "" : operation) {
            case "open" -> {
                body.put(TICKET_ID, ticketId(value(in, TICKET_ID, externalTicketId), true));
                path = "/tickets";
            }
            case "close" -> {
                method = "DELETE";
                path = "/tickets";
            }
            case "send" -> {
                String ticket = ticketId(value(in, TICKET_ID, externalTicketId), false);
                if (ticket != null) {
                    body.put(TICKET_ID, ticket);
                }
                body.put("messageBody", messageBody(in.getBody(String.class)));
                path = "/send";
            }
            default -> throw new InvalidFieldException(VENDOR, "operation", operation, "must be open, close or send");
        }
        in.removeHeaders("CamelHttp*");
        in.setHeader(Exchange.HTTP_METHOD, method);
        in.setHeader(Exchange.HTTP_PATH, path);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.setProperty(VendorClient.OPERATION, switch (operation) {
            case "open" -> "openTicket";
            case "close" -> "closeTicket";
            default -> "send";
        });
        in.setBody(body);
    }

    private static String value(Message in, String header, String fallback) {
        String v = in.getHeader(header, String.class);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    static long phoneId(String text) {
        if (text == null || !text.matches("\\d{1,18}") || Long.parseLong(text) <= 0) {
            throw new InvalidFieldException(VENDOR, PHONE_ID, text, "must be Listrak's numeric phone id (e.g. 15558675309)");
        }
        return Long.parseLong(text);
    }

    private static String ticketId(String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw new InvalidFieldException(VENDOR, TICKET_ID, text, "is required to open a ticket");
            }
            return null;
        }
        return text;
    }

    private static String messageBody(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException(VENDOR, "messageBody", text, "must not be empty");
        }
        if (text.length() > MAX_MESSAGE) {
            throw new InvalidFieldException(VENDOR, "messageBody", text, "is " + text.length()
                    + " characters, Listrak allows at most " + MAX_MESSAGE);
        }
        return text;
    }

    /** {@code open}, {@code close} or {@code send}. */
    public void setOperation(String operation) { this.operation = operation; }
    /** {@code gorgias} or {@code custom} (default). */
    public void setIntegrationType(String integrationType) { this.integrationType = integrationType; }
    /** Default phone id when the exchange has no {@code phoneId} header. */
    public void setPhoneId(String phoneId) { this.phoneId = phoneId; }
    /** Default ticket id when the exchange has no {@code externalTicketId} header. */
    public void setExternalTicketId(String externalTicketId) { this.externalTicketId = externalTicketId; }
}
