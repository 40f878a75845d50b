package dev.smskamelets.listrak.sms;

import org.apache.camel.spi.Metadata;

/** Headers the {@code listrak-sms} endpoints read or set. */
public final class ListrakSmsHeaders {

    @Metadata(label = "producer", description = "The contact's phone number: read by the contact operations when the "
            + "body has none, set to the number in E.164 after the call.", javaType = "String")
    public static final String PHONE_NUMBER = "phoneNumber";

    private ListrakSmsHeaders() {
    }
}
