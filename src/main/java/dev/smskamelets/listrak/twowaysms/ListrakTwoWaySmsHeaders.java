package dev.smskamelets.listrak.twowaysms;

import org.apache.camel.spi.Metadata;

/** Headers the {@code listrak-twowaysms} endpoints read or set. */
public final class ListrakTwoWaySmsHeaders {

    @Metadata(label = "producer", description = "Listrak's numeric phone id of the contact (e.g. 15558675309); "
            + "overrides the endpoint option phoneId.", javaType = "String")
    public static final String PHONE_ID = TwoWayRequest.PHONE_ID;
    @Metadata(label = "producer", description = "The help desk's ticket id (required by openTicket, optional for "
            + "send); overrides the endpoint option externalTicketId.", javaType = "String")
    public static final String EXTERNAL_TICKET_ID = TwoWayRequest.TICKET_ID;
    @Metadata(label = "producer", description = "Two-Way integration type, gorgias or custom; overrides the "
            + "endpoint option integrationType.", javaType = "String")
    public static final String INTEGRATION_TYPE = TwoWayRequest.INTEGRATION_TYPE;
    @Metadata(label = "consumer", description = "The message id of a message-stream record.", javaType = "String")
    public static final String MESSAGE_ID = StreamMessageHeaders.MESSAGE_ID;
    @Metadata(label = "consumer", description = "The phone id of a message-stream record.", javaType = "String")
    public static final String STREAM_PHONE_ID = StreamMessageHeaders.PHONE_ID;
    @Metadata(label = "consumer", description = "The direction of a message-stream record (inbound or outbound).",
              javaType = "String")
    public static final String DIRECTION = StreamMessageHeaders.DIRECTION;
    @Metadata(label = "consumer", description = "The dateTime of a message-stream record, as Listrak sent it.",
              javaType = "String")
    public static final String DATE_TIME = StreamMessageHeaders.DATE_TIME;

    private ListrakTwoWaySmsHeaders() {
    }
}
