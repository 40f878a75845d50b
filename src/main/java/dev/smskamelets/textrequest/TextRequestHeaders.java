package dev.smskamelets.textrequest;

import org.apache.camel.spi.Metadata;

/** Headers the {@code textrequest} endpoints read or set. */
public final class TextRequestHeaders {

    @Metadata(label = "producer", description = "The contact's phone number (10 or 11 US digits, punctuation allowed) "
            + "of the contacts operations but bulk-update, of conversations archive, unarchive and messages, and of "
            + "messages send; else the endpoint option phone.", javaType = "String")
    public static final String PHONE = "phone";
    @Metadata(label = "producer", description = "The id the operation works on: a tag, group, keyword, custom field, "
            + "hook, dashboard (default: the endpoint option dashboardId) or message (redact, unredact).",
              javaType = "String")
    public static final String ID = "id";
    @Metadata(label = "producer", description = "The 0-based page a list operation reads (default 0).",
              javaType = "Integer")
    public static final String PAGE = "page";
    @Metadata(label = "producer", description = "Records per page of a list operation (default 100).",
              javaType = "Integer")
    public static final String PAGE_SIZE = "pageSize";
    @Metadata(label = "producer", description = "Set after every call but messages send: false when Text Request "
            + "answered 204 (nothing found, not an error; the body is then empty).", javaType = "Boolean")
    public static final String FOUND = "textRequestFound";
    @Metadata(label = "producer", description = "Set after contacts get: the same as textRequestFound.",
              javaType = "Boolean")
    public static final String CONTACT_FOUND = "textRequestContactFound";
    @Metadata(label = "producer", description = "Set after hooks ensure: ok, registered or re-registered.",
              javaType = "String")
    public static final String HOOK_ACTION = "textRequestHookAction";

    private TextRequestHeaders() {
    }
}
