package dev.smskamelets.textable;

import dev.smskamelets.component.RecordFeed;
import dev.smskamelets.component.VendorEndpoint;
import dev.smskamelets.component.VendorOperation;
import dev.smskamelets.core.http.VendorApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * The Textable Backend API of one instance, with a user's bearer token. Producer only: Textable's relay webhook is
 * received by the platform-http based textable-relay-webhook-source kamelet. Resource messages: operation sendMessage
 * (POST /api/send, verified). Resource contacts: createContact (POST /api/contacts, verified), updateContactById,
 * lookupContact (by id, or by phone number on the list path), uploadContactBatch, blockContacts and
 * applyDripCampaign, whose paths are endpoint options with unverified defaults (Textable publishes them only in the
 * instance's downloadable OpenAPI file; docs/textable.md tells how to confirm them). Every request is checked before
 * it is sent; a refusal is a TextableValidationException naming the field and the value.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "textable", title = "Textable", syntax = "textable:resource",
             producerOnly = true, category = { Category.SAAS, Category.MOBILE }, headersClass = TextableHeaders.class)
public class TextableEndpoint extends VendorEndpoint {

    /** The verified path of "Send (or schedule) a SMS or MMS message". */
    public static final String SEND_PATH = "/api/send";
    private static final Map<String, List<String>> OPERATIONS = Map.of(
            "messages", List.of("sendMessage"),
            "contacts", List.of("createContact", "updateContactById", "lookupContact", "uploadContactBatch",
                    "blockContacts", "applyDripCampaign"));
    private static final String UNVERIFIED = " The default is unverified: Textable publishes the path only in the "
            + "instance's downloadable OpenAPI file; confirm it there (docs/textable.md) and override it when it differs.";

    @UriParam
    private TextableConfiguration configuration;

    @UriParam(label = "producer", defaultValue = "possible", enums = "possible,valid",
              description = "possible (right length for its country; Textable checks the rest) or valid (also in an "
                      + "assigned number range, refusing e.g. 555 test numbers).")
    private String phoneValidation = "possible";
    @UriParam(label = "producer", description = "sendMessage: default sender (the Textable user's E.164 number) for "
            + "bodies without a from field.")
    private String from;
    @UriParam(label = "producer", defaultValue = "send", enums = "send,note,record",
              description = "sendMessage: send (send now, or schedule with sendAt), note (store a note, nothing is "
                      + "sent) or record (store a message already sent elsewhere).")
    private String mode = "send";
    @UriParam(label = "producer", description = "updateContactById, lookupContact and applyDripCampaign: the contact "
            + "when the message has no textableContactId header (updateContactById: and the body no id).")
    private String contactId;
    @UriParam(label = "producer", description = "lookupContact: the number to look up when the message has neither a "
            + "textableContactId nor a textablePhone header nor a body.")
    private String phone;
    @UriParam(label = "producer", description = "applyDripCampaign: the campaign when the message has no "
            + "textableDripCampaignId header.")
    private String dripCampaignId;
    @UriParam(label = "producer", defaultValue = "block", enums = "block,unblock",
              description = "blockContacts: block or unblock.")
    private String action = "block";
    @UriParam(label = "producer", description = "blockContacts: the sender (E.164 number or contact id) when the "
            + "message has no textableSender header and no body.")
    private String sender;
    @UriParam(label = "producer", description = "blockContacts: the user (id or E.164 number) to apply the operation "
            + "for; default the user of the token.")
    private String user;
    @UriParam(label = "producer", defaultValue = "500", description = "uploadContactBatch: largest batch sent in one "
            + "request (Textable publishes no limit); a larger one is refused before sending.")
    private int maxContacts = 500;

    @UriParam(label = "producer", defaultValue = "/api/contacts", description = "createContact: path of 'Create a "
            + "contact.' (POST); verified by the vendor's help-centre article.")
    private String createPath = "/api/contacts";
    @UriParam(label = "producer", defaultValue = "/api/v2/contacts/{id}", description = "updateContactById: path of "
            + "'Update Contact By Id' (PUT; {id} is replaced by the contact id)." + UNVERIFIED)
    private String updatePath = "/api/v2/contacts/{id}";
    @UriParam(label = "producer", defaultValue = "/api/contacts/{id}", description = "lookupContact: path of 'Get a "
            + "single contact by id.' (GET; {id} is replaced by the contact id)." + UNVERIFIED)
    private String byIdPath = "/api/contacts/{id}";
    @UriParam(label = "producer", defaultValue = "/api/contacts", description = "lookupContact: path of 'Get list of "
            + "contacts.' (GET with the query parameter phoneNumber; the POST on the same path is verified, the GET "
            + "is not)." + UNVERIFIED)
    private String listPath = "/api/contacts";
    @UriParam(label = "producer", defaultValue = "/api/beta/contacts/batch", description = "uploadContactBatch: path "
            + "of 'Upload batches of Contacts' (POST)." + UNVERIFIED)
    private String batchPath = "/api/beta/contacts/batch";
    @UriParam(label = "producer", defaultValue = "/api/beta/contacts/block", description = "blockContacts: path of "
            + "'Block a number from sending messages to the user' (POST, for block and unblock)." + UNVERIFIED)
    private String blockPath = "/api/beta/contacts/block";
    @UriParam(label = "producer", defaultValue = "/api/contacts/{id}/drip", description = "applyDripCampaign: path of "
            + "'Apply a drip campaign to a contact' (POST; {id} is replaced by the contact id)." + UNVERIFIED)
    private String dripPath = "/api/contacts/{id}/drip";

    public TextableEndpoint(String uri, TextableComponent component, TextableConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public String vendor() {
        return "textable";
    }

    @Override
    public TextableConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(TextableConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected VendorOperation operation(String resource, String operation) {
        List<String> operations = OPERATIONS.get(resource);
        if (operations == null) {
            throw new IllegalArgumentException("textable has no resource '" + resource + "': use one of "
                    + Set.copyOf(OPERATIONS.keySet()));
        }
        if (operation == null || !operations.contains(operation)) {
            throw new IllegalArgumentException("textable has no operation '" + operation + "' on resource '" + resource
                    + "': use one of " + operations);
        }
        return switch (operation) {
            case "sendMessage" -> sendMessage();
            case "createContact" -> writeContact("create", createPath, "POST");
            case "updateContactById" -> writeContact("update", updatePath, "PUT");
            case "lookupContact" -> lookupContact();
            case "uploadContactBatch" -> uploadContactBatch();
            case "blockContacts" -> blockContacts();
            default -> applyDripCampaign();
        };
    }

    @Override
    protected RecordFeed feed(String resource) {
        throw new IllegalArgumentException("textable resource '" + resource + "' cannot be read by a consumer: the "
                + "textable component only sends (receive Textable's relay webhook with textable-relay-webhook-source)");
    }

    private VendorOperation sendMessage() {
        TextableSendRequest request = new TextableSendRequest();
        request.setFrom(from);
        request.setMode(mode);
        request.setPhoneValidation(phoneValidation);
        request.setDefaultRegion(getDefaultRegion());
        return VendorOperation.of(request(request, "POST", SEND_PATH), null);
    }

    private VendorOperation writeContact(String kind, String path, String method) {
        ContactWriteRequest request = new ContactWriteRequest();
        request.setOperation(kind);
        request.setPath(required(kind + "Path", path));
        request.setContactId(contactId);
        request.setPhoneValidation(phoneValidation);
        request.setDefaultRegion(getDefaultRegion());
        return VendorOperation.of(request(request, method, null), "create".equals(kind) ? request::answered : null);
    }

    /**
     * By id or by number; a contact that does not exist (an empty list, or a 404 by id) is a result, not an error.
     * The exchange properties of the lookup are removed whatever happens.
     */
    private VendorOperation lookupContact() {
        ContactLookup lookup = new ContactLookup();
        lookup.setByIdPath(required("byIdPath", byIdPath));
        lookup.setListPath(required("listPath", listPath));
        lookup.setContactId(contactId);
        lookup.setPhone(phone);
        lookup.setPhoneValidation(phoneValidation);
        lookup.setDefaultRegion(getDefaultRegion());
        return (exchange, client) -> {
            try {
                exchange.getIn().removeHeaders("CamelHttp*");
                lookup.prepare(exchange);
                try {
                    client.process(exchange);
                    lookup.found(exchange);
                } catch (VendorApiException e) {
                    if (e.getStatus() != 404 || !"getContact".equals(e.getOperation())) {
                        throw e;
                    }
                    lookup.notFound(exchange);
                }
            } finally {
                lookup.cleanUp(exchange);
            }
        };
    }

    private VendorOperation uploadContactBatch() {
        ContactBatchRequest batch = new ContactBatchRequest();
        batch.setMaxContacts(maxContacts);
        batch.setPhoneValidation(phoneValidation);
        batch.setDefaultRegion(getDefaultRegion());
        return VendorOperation.of(request(batch::prepare, "POST", required("batchPath", batchPath)), batch::result);
    }

    private VendorOperation blockContacts() {
        SenderBlockRequest request = new SenderBlockRequest();
        request.setAction(action);
        request.setSender(sender);
        request.setUser(user);
        request.setPhoneValidation(phoneValidation);
        request.setDefaultRegion(getDefaultRegion());
        return VendorOperation.of(request(request, "POST", required("blockPath", blockPath)), null);
    }

    private VendorOperation applyDripCampaign() {
        DripApplyRequest request = new DripApplyRequest();
        request.setPath(required("dripPath", dripPath));
        request.setContactId(contactId);
        request.setDripCampaignId(dripCampaignId);
        return VendorOperation.of(request(request, "POST", null), null);
    }

    /**
     * The request rule of a JSON call: no {@code CamelHttp*} header of an earlier call, the operation's body (and path
     * when the request bean sets it), then the method, the path ({@code null}: the bean's) and the content type.
     */
    private static Processor request(Processor shape, String method, String path) {
        return exchange -> {
            Message in = exchange.getIn();
            in.removeHeaders("CamelHttp*");
            shape.process(exchange);
            in.setHeader(Exchange.HTTP_METHOD, method);
            if (path != null) {
                in.setHeader(Exchange.HTTP_PATH, path);
            }
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        };
    }

    private static String required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("textable needs the option '" + option + "', got '" + value + "'");
        }
        return value;
    }

    public String getPhoneValidation() {
        return phoneValidation;
    }

    public void setPhoneValidation(String phoneValidation) {
        if (!"possible".equals(phoneValidation) && !"valid".equals(phoneValidation)) {
            throw new IllegalArgumentException("phoneValidation must be possible or valid, got '" + phoneValidation + "'");
        }
        this.phoneValidation = phoneValidation;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        if (!Set.of("send", "note", "record").contains(mode)) {
            throw new IllegalArgumentException("mode must be send, note or record, got '" + mode + "'");
        }
        this.mode = mode;
    }

    public String getContactId() {
        return contactId;
    }

    public void setContactId(String contactId) {
        this.contactId = contactId;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getDripCampaignId() {
        return dripCampaignId;
    }

    public void setDripCampaignId(String dripCampaignId) {
        this.dripCampaignId = dripCampaignId;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        if (!"block".equals(action) && !"unblock".equals(action)) {
            throw new IllegalArgumentException("action must be block or unblock, got '" + action + "'");
        }
        this.action = action;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public int getMaxContacts() {
        return maxContacts;
    }

    public void setMaxContacts(int maxContacts) {
        if (maxContacts < 1) {
            throw new IllegalArgumentException("maxContacts must be positive, got " + maxContacts);
        }
        this.maxContacts = maxContacts;
    }

    public String getCreatePath() {
        return createPath;
    }

    public void setCreatePath(String createPath) {
        this.createPath = createPath;
    }

    public String getUpdatePath() {
        return updatePath;
    }

    public void setUpdatePath(String updatePath) {
        this.updatePath = updatePath;
    }

    public String getByIdPath() {
        return byIdPath;
    }

    public void setByIdPath(String byIdPath) {
        this.byIdPath = byIdPath;
    }

    public String getListPath() {
        return listPath;
    }

    public void setListPath(String listPath) {
        this.listPath = listPath;
    }

    public String getBatchPath() {
        return batchPath;
    }

    public void setBatchPath(String batchPath) {
        this.batchPath = batchPath;
    }

    public String getBlockPath() {
        return blockPath;
    }

    public void setBlockPath(String blockPath) {
        this.blockPath = blockPath;
    }

    public String getDripPath() {
        return dripPath;
    }

    public void setDripPath(String dripPath) {
        this.dripPath = dripPath;
    }
}
