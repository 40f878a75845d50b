package dev.smskamelets.listrak.twowaysms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.component.RecordFeed;
import dev.smskamelets.component.VendorEndpoint;
import dev.smskamelets.component.VendorOperation;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.http.VendorRequest;
import dev.smskamelets.core.idempotent.KeyedRecord;
import java.time.Instant;
import org.apache.camel.Category;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * Listrak Two-Way SMS API. Resources and operations (named after the OpenAPI operationIds):
 * <ul>
 * <li>{@code tickets}: {@code openTicket} ({@code POST /tickets}; alias {@code open}) and {@code closeTicket}
 * ({@code DELETE /tickets} with its JSON body; alias {@code close});</li>
 * <li>{@code messages}: {@code send} ({@code POST /send}, the body is the message text);</li>
 * <li>{@code messagestream} (consumer): {@code getMessageStream} of one contact ({@code GET /messagestream/{phoneId}}),
 * time-window paging from the watermark ({@code earliestDateTime} + {@code batchSize}).</li>
 * </ul>
 * Values are checked before any request: a non-numeric phone id, a missing ticket id, an unknown integration type or
 * an empty or too long message fail with an error naming the field and the value.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "listrak-twowaysms", title = "Listrak Two-Way SMS",
             syntax = "listrak-twowaysms:resource", category = { Category.SAAS, Category.MOBILE },
             headersClass = ListrakTwoWaySmsHeaders.class)
public class ListrakTwoWaySmsEndpoint extends VendorEndpoint {

    @UriParam
    private ListrakTwoWaySmsConfiguration configuration;
    @UriParam(description = "Listrak's numeric phone id of the contact (e.g. 15558675309): the contact whose message "
            + "stream a consumer reads, or the default of the producers (header phoneId overrides).")
    private String phoneId;
    @UriParam(label = "producer", description = "The help desk's ticket id: required by openTicket, optional for "
            + "send (header externalTicketId overrides).")
    private String externalTicketId;
    @UriParam(label = "producer", defaultValue = "custom", enums = "gorgias,custom", description = "Two-Way "
            + "integration type sent with every request, gorgias or custom (header integrationType overrides).")
    private String integrationType = "custom";

    public ListrakTwoWaySmsEndpoint(String uri, ListrakTwoWaySmsComponent component,
                                    ListrakTwoWaySmsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public String vendor() {
        return "listrak-twowaysms";
    }

    @Override
    public ListrakTwoWaySmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ListrakTwoWaySmsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected VendorOperation operation(String resource, String operation) {
        String request = switch (resource + "/" + (operation == null ? "" : operation)) {
            case "tickets/openTicket", "tickets/open" -> "open";
            case "tickets/closeTicket", "tickets/close" -> "close";
            case "messages/send", "messages/" -> "send";
            default -> throw new IllegalArgumentException("listrak-twowaysms has no operation '" + operation
                    + "' on resource '" + resource + "': use tickets with openTicket or closeTicket, messages with send");
        };
        TwoWayRequest rule = new TwoWayRequest();
        rule.setOperation(request);
        rule.setIntegrationType(integrationType);
        rule.setPhoneId(blankToNull(phoneId));
        rule.setExternalTicketId(blankToNull(externalTicketId));
        VendorOperation call = VendorOperation.of(rule, null);
        return (exchange, client) -> {
            exchange.setProperty(VendorClient.EXPECT_JSON, false); // openTicket, closeTicket and send answer no JSON
            call.invoke(exchange, client);
        };
    }

    @Override
    protected RecordFeed feed(String resource) {
        return switch (resource) {
            case "messagestream" -> messageStream();
            default -> throw new IllegalArgumentException("listrak-twowaysms resource '" + resource
                    + "' cannot be read by a consumer: use messagestream");
        };
    }

    private RecordFeed messageStream() {
        String phone = blankToNull(phoneId);
        if (phone == null) {
            throw new IllegalArgumentException("listrak-twowaysms:messagestream needs the option 'phoneId', got none");
        }
        TwoWayRequest.phoneId(phone); // refused unless Listrak's numeric phone id, naming the field and the value
        String path = "/messagestream/" + phone;
        String source = configuration.getClientId() + ":" + phone;
        StreamMessageHeaders messages = new StreamMessageHeaders();
        return new RecordFeed() {
            @Override
            public String operation() {
                return "getMessageStream";
            }

            @Override
            public String paging() {
                return "time-window";
            }

            @Override
            public String job() {
                return "listrak-twowaysms-message-stream";
            }

            @Override
            public String source() {
                return source;
            }

            @Override
            public String keyPrefix() {
                return "listrak-twowaysms-message-stream:" + source + ":";
            }

            @Override
            public VendorRequest request(Instant readFrom) {
                return VendorRequest.get(path, null);
            }

            @Override
            public String firstToken(Instant readFrom) {
                return readFrom.toString();
            }

            @Override
            public KeyedRecord record(JsonNode raw) {
                return messages.record(raw);
            }
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String getPhoneId() {
        return phoneId;
    }

    public void setPhoneId(String phoneId) {
        this.phoneId = phoneId;
    }

    public String getExternalTicketId() {
        return externalTicketId;
    }

    public void setExternalTicketId(String externalTicketId) {
        this.externalTicketId = externalTicketId;
    }

    public String getIntegrationType() {
        return integrationType;
    }

    public void setIntegrationType(String integrationType) {
        this.integrationType = integrationType;
    }
}
