package dev.smskamelets.listrak.sms;

import org.apache.camel.spi.Metadata;

/** Headers the {@code listrak-sms} endpoints read or set. */
public final class ListrakSmsHeaders {

    @Metadata(label = "producer", description = "The contact's phone number: read by the contact operations when the "
            + "body has none, set to the number in E.164 after the call.", javaType = "String")
    public static final String PHONE_NUMBER = "phoneNumber";

    @Metadata(label = "producer", description = "The id of the record a get reads or uses: the phone list (lookups "
            + "phone-list), the profile field (lookups profile-field), the transactional message (messages get and "
            + "send), the import (imports get); it wins over the endpoint option.", javaType = "String")
    public static final String ID = "ListrakId";
    @Metadata(label = "producer", description = "Set by imports import: Completed when every import completed, else "
            + "Failed.", javaType = "String")
    public static final String IMPORT_STATUS = "ListrakImportStatus";

    private ListrakSmsHeaders() {
    }
}
