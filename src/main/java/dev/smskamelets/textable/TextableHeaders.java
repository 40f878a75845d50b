package dev.smskamelets.textable;

import org.apache.camel.spi.Metadata;

/** Headers the {@code textable} endpoints read or set. */
public final class TextableHeaders {

    @Metadata(label = "producer", description = "The contact: read by updateContactById, lookupContact (by id) and "
            + "applyDripCampaign; set by createContact and by lookupContact when the contact was found.",
              javaType = "String")
    public static final String CONTACT_ID = ContactWriteRequest.ID_HEADER;
    @Metadata(label = "producer", description = "lookupContact: the phone number to look up when there is no "
            + "textableContactId header.", javaType = "String")
    public static final String PHONE = ContactLookup.PHONE_HEADER;
    @Metadata(label = "producer", description = "lookupContact: whether the contact exists (the body is then its "
            + "JSON, else empty).", javaType = "Boolean")
    public static final String CONTACT_FOUND = ContactLookup.FOUND;
    @Metadata(label = "producer", description = "applyDripCampaign: the drip campaign to apply.", javaType = "String")
    public static final String DRIP_CAMPAIGN_ID = DripApplyRequest.DRIP_HEADER;
    @Metadata(label = "producer", description = "blockContacts: the sender (E.164 number or contact id), or a list "
            + "of them, to block or unblock.", javaType = "Object")
    public static final String SENDER = SenderBlockRequest.SENDER_HEADER;
    @Metadata(label = "producer", description = "uploadContactBatch: Textable's status of the batch, ok or partial.",
              javaType = "String")
    public static final String BATCH_STATUS = ContactBatchRequest.STATUS;
    @Metadata(label = "producer", description = "uploadContactBatch: contacts created.", javaType = "Integer")
    public static final String BATCH_CREATED = ContactBatchRequest.CREATED;
    @Metadata(label = "producer", description = "uploadContactBatch: contacts updated.", javaType = "Integer")
    public static final String BATCH_UPDATED = ContactBatchRequest.UPDATED;
    @Metadata(label = "producer", description = "uploadContactBatch: contacts Textable refused (see the answer's "
            + "details.errors).", javaType = "Integer")
    public static final String BATCH_FAILED = ContactBatchRequest.FAILED;

    private TextableHeaders() {
    }
}
