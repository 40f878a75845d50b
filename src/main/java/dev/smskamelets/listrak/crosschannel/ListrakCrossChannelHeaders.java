package dev.smskamelets.listrak.crosschannel;

import org.apache.camel.spi.Metadata;

/** Headers the {@code listrak-crosschannel} endpoints read or set. */
public final class ListrakCrossChannelHeaders {

    @Metadata(label = "producer", description = "UID of the event configuration: read by getSchemaByEventUid and "
            + "postEvents (overrides the endpoint option eventUID; events are batched per UID), set when the option "
            + "filled it in.", javaType = "String")
    public static final String EVENT_UID = EventPreparer.EVENT_UID;
    @Metadata(label = "producer", description = "postEvents: events the batch posted.", javaType = "Integer")
    public static final String EVENTS_SENT = EventBatchSender.EVENTS;
    @Metadata(label = "producer", description = "postEvents: recipients Listrak answered with a 2xx status.",
              javaType = "Integer")
    public static final String RECIPIENTS_DELIVERED = EventBatchSender.DELIVERED;
    @Metadata(label = "producer", description = "postEvents: recipients dead-lettered (refused by Listrak, not "
            + "confirmed, or in a batch refused as a whole).", javaType = "Integer")
    public static final String RECIPIENTS_REJECTED = EventBatchSender.REJECTED;
    @Metadata(label = "producer", description = "postEvents: identifiers Listrak's answer names that were never sent.",
              javaType = "Integer")
    public static final String UNKNOWN_IDENTIFIERS = EventBatchSender.UNKNOWN;

    private ListrakCrossChannelHeaders() {
    }
}
