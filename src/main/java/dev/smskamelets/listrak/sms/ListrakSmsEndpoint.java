package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.component.RecordFeed;
import dev.smskamelets.component.VendorEndpoint;
import dev.smskamelets.component.VendorOperation;
import dev.smskamelets.core.http.VendorRequest;
import dev.smskamelets.core.idempotent.KeyedRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Category;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * Listrak SMS REST API v1: contacts, list subscriptions, opt-outs, broadcasts, transactional messages, contact
 * imports and the account's configuration, with OAuth2 client credentials, pacing and retries per account. A producer
 * calls the {@code operation} of its resource, named by the short name below or by the OpenAPI operationId:
 * contacts: create (Contact_PostContactListResource, on phoneListId), update (Contact_PutContactResource), optOut
 * (Contact_PutContactResource with optedOut true), get (Contact_GetContactResource, then every page of
 * ContactListSubscription_GetContactListCollection: {contact, subscriptions}); subscriptions: subscribe
 * (ContactListSubscription_PostContactListSubscription), unsubscribe
 * (ContactListSubscription_DeleteUnsubscribeContactListSubscription), list
 * (ContactListSubscription_GetContactListCollection, all pages); broadcasts: send
 * (BroadcastMessage_PostImmediateBroadcast); messages (transactional messages of phoneListId): list
 * (TransactionalMessage_GetTransactionalMessageCollection), get (TransactionalMessage_GetTransactionalMessageResource),
 * send (TransactionalMessage_PostTransactionalMessageSend); imports: import (Contact_PostImportFileResource: CSV or
 * records streamed into UpdateSubscribers imports of at most maxFileBytes, then Contact_GetImportFileResource until
 * each import finished), get (Contact_GetImportFileResource); lookups: sender-codes
 * (SenderCode_GetShortCodeCollection), sender-code (SenderCode_GetShortCodeResource), phone-lists
 * (PhoneList_GetListCollection, all pages), phone-list (PhoneList_GetListResource), profile-fields
 * (Segmentation_GetPhoneAttributeCollection), profile-field (Segmentation_GetPhoneAttribute). The phone of the
 * contact operations comes from header phoneNumber or the body's phoneNumber and is normalised to E.164 before any
 * request; the id a get reads comes from header ListrakId, else from the option. A consumer reads optouts
 * (Contact_GetOptOuts by opt-out date, watermark and idempotent keys) or contacts (Contact_GetContactCollection of
 * phoneListId by subscribe date, one date window per poll, the watermark moved to the window's end once the list was
 * read to its end).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "listrak-sms", title = "Listrak SMS", syntax = "listrak-sms:resource",
             category = { Category.SAAS, Category.MOBILE }, headersClass = ListrakSmsHeaders.class)
public class ListrakSmsEndpoint extends VendorEndpoint {

    @UriParam
    private ListrakSmsConfiguration configuration;
    @UriParam(description = "The Listrak sender code (short code) id.")
    private Integer senderCodeId;
    @UriParam(description = "The SMS list (phone list) id: the list contacts are created on (contacts create), "
            + "subscribed to or unsubscribed from (subscriptions), broadcast to when the body names none (broadcasts), "
            + "whose transactional messages are used (messages) or whose contacts a consumer reads (contacts); read by "
            + "lookups phone-list when header ListrakId is absent.")
    private Integer phoneListId;
    @UriParam(label = "producer", description = "The transactional message of messages get and send when header "
            + "ListrakId is absent.")
    private Integer transactionalMessageId;
    @UriParam(label = "producer", description = "The profile (segmentation) field of lookups profile-field when header "
            + "ListrakId is absent.")
    private Integer segmentationFieldId;
    @UriParam(label = "producer", defaultValue = "active", enums = "active,inactive",
              description = "Status of the lists lookups phone-lists returns.")
    private String listStatus = "active";
    @UriParam(label = "consumer", defaultValue = "false", description = "contacts consumer: false reads the subscribed "
            + "contacts of the list, true the opted-out ones.")
    private boolean optedOut;
    @UriParam(label = "producer", defaultValue = "phone", description = "imports: the input column (or record field) "
            + "holding the phone number.")
    private String phoneColumn = "phone";
    @UriParam(label = "producer", description = "imports: input columns imported as profile fields, as "
            + "column=segmentationFieldId pairs separated by commas (e.g. favorite_store=301,loyalty_points=303).")
    private String fieldColumns = "";
    @UriParam(label = "producer", defaultValue = ",", description = "imports: column separator of a CSV input.")
    private String csvDelimiter = ",";
    @UriParam(label = "producer", defaultValue = "195000000", description = "imports: largest import file sent in one "
            + "import, in bytes (Listrak allows 195000000).")
    private long maxFileBytes = 195_000_000L;
    @UriParam(label = "producer", defaultValue = "true", description = "imports: split an input larger than "
            + "maxFileBytes into several imports (false refuses it before any request).")
    private boolean splitLargeFiles = true;
    @UriParam(label = "producer", defaultValue = "5000", description = "imports: milliseconds between two import "
            + "status requests.")
    private long pollIntervalMillis = 5000;
    @UriParam(label = "producer", defaultValue = "3600000", description = "imports: longest wait for one import to "
            + "finish, in milliseconds.")
    private long pollTimeoutMillis = 3_600_000;
    @UriParam(label = "producer", description = "imports: directory of the temporary import files (empty = the JVM "
            + "temporary directory).")
    private String workDir = "";
    @UriParam(label = "producer", defaultValue = "sms-kamelets-import", description = "imports: start of the import "
            + "file names shown in Listrak.")
    private String fileNamePrefix = "sms-kamelets-import";

    public ListrakSmsEndpoint(String uri, ListrakSmsComponent component, ListrakSmsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public String vendor() {
        return "listrak-sms";
    }

    @Override
    public ListrakSmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ListrakSmsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        client().setPaging("listrak-cursor"); // the lists some operations read in full
        return super.createProducer();
    }

    @Override
    protected VendorOperation operation(String resource, String operation) {
        return new ListrakSmsOperations(this).find(resource, operation);
    }

    @Override
    protected RecordFeed feed(String resource) {
        return switch (resource) {
            case "optouts" -> optOuts();
            case "contacts" -> contacts();
            default -> throw new IllegalArgumentException("listrak-sms resource '" + resource
                    + "' cannot be read by a consumer: use optouts or contacts");
        };
    }

    private RecordFeed optOuts() {
        Integer senderCode = require("senderCodeId", senderCodeId);
        OptOutRecords records = new OptOutRecords();
        records.setSenderCodeId(senderCode.toString());
        records.setDefaultRegion(getDefaultRegion());
        String account = configuration.getClientId() + "-" + senderCode;
        return new RecordFeed() {
            @Override
            public String operation() {
                return "Contact_GetOptOuts";
            }

            @Override
            public String paging() {
                return "listrak-cursor";
            }

            @Override
            public String job() {
                return "listrak-sms-optout";
            }

            @Override
            public String source() {
                return "listrak-sms-optout-" + account;
            }

            @Override
            public String keyPrefix() {
                return "listrak-sms-optout:" + configuration.getClientId() + ":" + senderCode + ":";
            }

            @Override
            public VendorRequest request(Instant readFrom) {
                return VendorRequest.get("/v1/ShortCode/" + senderCode + "/OptOut", "startDate=" + readFrom);
            }

            @Override
            public KeyedRecord record(JsonNode raw) {
                return records.record(raw);
            }
        };
    }

    /**
     * The contacts of a list by subscribe date: each poll reads the window from the watermark minus the lookback to
     * the poll's start, and moves the watermark to that start once it read the list to its end. Bodies are the
     * {@code SMSContact} documents as Listrak sends them.
     */
    private RecordFeed contacts() {
        Integer senderCode = require("senderCodeId", senderCodeId);
        Integer list = require("phoneListId", phoneListId);
        String clientId = configuration.getClientId();
        String path = "/v1/ShortCode/" + senderCode + "/PhoneList/" + list + "/Contact";
        boolean opted = optedOut;
        return new RecordFeed() {
            @Override
            public String operation() {
                return "Contact_GetContactCollection";
            }

            @Override
            public String paging() {
                return "listrak-cursor";
            }

            @Override
            public String job() {
                return "listrak-sms-contacts";
            }

            @Override
            public String source() {
                return "listrak-sms-contacts-" + clientId + "-" + senderCode + "-" + list + "-" + opted;
            }

            @Override
            public String keyPrefix() {
                return "listrak-sms-contacts:" + clientId + ":" + senderCode + ":" + list + ":" + opted + ":";
            }

            @Override
            public boolean windowed() {
                return true;
            }

            @Override
            public boolean idempotent() {
                return false;
            }

            @Override
            public VendorRequest request(Instant readFrom) {
                return request(readFrom, Instant.now());
            }

            @Override
            public VendorRequest request(Instant readFrom, Instant readTo) {
                return VendorRequest.get(path, "optedOut=" + opted + "&startSubscribeDate=" + readFrom
                        + "&endSubscribeDate=" + WINDOW_END.format(readTo));
            }

            @Override
            public KeyedRecord record(JsonNode raw) {
                String phone = raw.path("phoneNumber").asText("");
                return new KeyedRecord(phone.isBlank() ? "contact" : phone, null, raw.toString(), null);
            }
        };
    }

    /** The window's end as Listrak reads it: UTC, milliseconds, {@code Z}. */
    private static final DateTimeFormatter WINDOW_END = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static <T> T require(String option, T value) {
        return ListrakSmsOperations.require(option, value);
    }

    public Integer getSenderCodeId() {
        return senderCodeId;
    }

    public void setSenderCodeId(Integer senderCodeId) {
        this.senderCodeId = senderCodeId;
    }

    public Integer getPhoneListId() {
        return phoneListId;
    }

    public void setPhoneListId(Integer phoneListId) {
        this.phoneListId = phoneListId;
    }

    public Integer getTransactionalMessageId() {
        return transactionalMessageId;
    }

    public void setTransactionalMessageId(Integer transactionalMessageId) {
        this.transactionalMessageId = transactionalMessageId;
    }

    public Integer getSegmentationFieldId() {
        return segmentationFieldId;
    }

    public void setSegmentationFieldId(Integer segmentationFieldId) {
        this.segmentationFieldId = segmentationFieldId;
    }

    public String getListStatus() {
        return listStatus;
    }

    public void setListStatus(String listStatus) {
        this.listStatus = listStatus;
    }

    public boolean isOptedOut() {
        return optedOut;
    }

    public void setOptedOut(boolean optedOut) {
        this.optedOut = optedOut;
    }

    public String getPhoneColumn() {
        return phoneColumn;
    }

    public void setPhoneColumn(String phoneColumn) {
        this.phoneColumn = phoneColumn;
    }

    public String getFieldColumns() {
        return fieldColumns;
    }

    public void setFieldColumns(String fieldColumns) {
        this.fieldColumns = fieldColumns;
    }

    public String getCsvDelimiter() {
        return csvDelimiter;
    }

    public void setCsvDelimiter(String csvDelimiter) {
        this.csvDelimiter = csvDelimiter;
    }

    public long getMaxFileBytes() {
        return maxFileBytes;
    }

    public void setMaxFileBytes(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    public boolean isSplitLargeFiles() {
        return splitLargeFiles;
    }

    public void setSplitLargeFiles(boolean splitLargeFiles) {
        this.splitLargeFiles = splitLargeFiles;
    }

    public long getPollIntervalMillis() {
        return pollIntervalMillis;
    }

    public void setPollIntervalMillis(long pollIntervalMillis) {
        this.pollIntervalMillis = pollIntervalMillis;
    }

    public long getPollTimeoutMillis() {
        return pollTimeoutMillis;
    }

    public void setPollTimeoutMillis(long pollTimeoutMillis) {
        this.pollTimeoutMillis = pollTimeoutMillis;
    }

    public String getWorkDir() {
        return workDir;
    }

    public void setWorkDir(String workDir) {
        this.workDir = workDir;
    }

    public String getFileNamePrefix() {
        return fileNamePrefix;
    }

    public void setFileNamePrefix(String fileNamePrefix) {
        this.fileNamePrefix = fileNamePrefix;
    }
}
