package dev.smskamelets.listrak.crosschannel;

import dev.smskamelets.component.RecordFeed;
import dev.smskamelets.component.VendorEndpoint;
import dev.smskamelets.component.VendorOperation;
import dev.smskamelets.core.http.VendorRequest;
import dev.smskamelets.core.http.VendorResponse;
import java.util.regex.Pattern;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * Listrak Cross Channel REST API (v1). Resources and operations (named after the OpenAPI operationIds):
 * <ul>
 * <li>{@code eventConfigurations}: {@code getEventConfigurations} (alias {@code list}: every configuration's UID and
 * name) and {@code getSchemaByEventUid} (alias {@code get}: one configuration with its schema); the output body is
 * Listrak's JSON answer ({@code {data, meta}});</li>
 * <li>{@code events}: {@code postEvents}, custom events checked against the configuration's schema, batched per event
 * UID and settled per recipient (see {@link PostEventsProducer}).</li>
 * </ul>
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "listrak-crosschannel", title = "Listrak Cross Channel",
             syntax = "listrak-crosschannel:resource", producerOnly = true, category = { Category.SAAS, Category.MOBILE },
             headersClass = ListrakCrossChannelHeaders.class)
public class ListrakCrossChannelEndpoint extends VendorEndpoint {

    private static final Pattern UID = Pattern.compile("[0-9A-Za-z-]{1,64}");

    @UriParam
    private ListrakCrossChannelConfiguration configuration;
    @UriParam(label = "producer", description = "UID of the event configuration (getSchemaByEventUid, postEvents); "
            + "the header listrakEventUID overrides it per exchange.")
    private String eventUID;
    @UriParam(label = "producer", defaultValue = "100", description = "postEvents: events per batch; a batch is "
            + "posted as soon as it has this many (and a list body in requests of at most this many).")
    private int batchSize = 100;
    @UriParam(label = "producer", defaultValue = "5000", description = "postEvents: milliseconds after which an "
            + "incomplete batch is posted anyway.")
    private long batchTimeout = 5000;
    @UriParam(label = "producer", defaultValue = "smsDeadLetterStore", description = "postEvents: name of the "
            + "core-store DeadLetterStore bean that receives refused events and recipients.")
    private String deadLetterStore = "smsDeadLetterStore";
    @UriParam(label = "producer", defaultValue = "15m", description = "postEvents: how long a fetched event schema "
            + "is used before it is read again (15m or PT15M).")
    private String schemaTtl = "15m";
    @UriParam(label = "producer", description = "postEvents: endpoint URI that receives each batch's summary exchange "
            + "(JSON body, counts in headers); none by default.")
    private String resultUri;

    public ListrakCrossChannelEndpoint(String uri, ListrakCrossChannelComponent component,
                                       ListrakCrossChannelConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public String vendor() {
        return "listrak-crosschannel";
    }

    @Override
    public ListrakCrossChannelConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ListrakCrossChannelConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        if ("events".equals(getResource()) && isPostEvents(getOperation())) {
            return new PostEventsProducer(this);
        }
        return super.createProducer();
    }

    private static boolean isPostEvents(String operation) {
        return operation == null || "postEvents".equals(operation);
    }

    @Override
    protected VendorOperation operation(String resource, String operation) {
        String op = operation == null ? "" : operation;
        if ("eventConfigurations".equals(resource) && (op.equals("getEventConfigurations") || op.equals("list"))) {
            return (exchange, client) -> get(exchange, client.caller(exchange.getContext())
                    .call("getEventConfigurations", VendorRequest.get("/eventConfigurations", null), true));
        }
        if ("eventConfigurations".equals(resource) && (op.equals("getSchemaByEventUid") || op.equals("get"))) {
            return (exchange, client) -> {
                String uid = eventUID(exchange);
                get(exchange, client.caller(exchange.getContext()).call("getSchemaByEventUid",
                        VendorRequest.get("/eventConfigurations/" + uid, null), true));
            };
        }
        throw new IllegalArgumentException("listrak-crosschannel has no operation '" + operation + "' on resource '"
                + resource + "': use eventConfigurations with getEventConfigurations or getSchemaByEventUid, events "
                + "with postEvents");
    }

    /** The UID of getSchemaByEventUid: header, else the option (then set as the header); refused unless a UID. */
    private String eventUID(Exchange exchange) {
        String uid = exchange.getIn().getHeader(EventPreparer.EVENT_UID, String.class);
        if (uid == null || uid.isEmpty()) {
            uid = eventUID == null ? "" : eventUID;
            exchange.getIn().setHeader(EventPreparer.EVENT_UID, uid);
        }
        if (!UID.matcher(uid).matches()) {
            throw new IllegalArgumentException("listrak-crosschannel: eventUID must be a configuration UID, got '"
                    + uid + "'");
        }
        return uid;
    }

    private static void get(Exchange exchange, VendorResponse response) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        exchange.getMessage().setBody(response.body());
    }

    @Override
    protected RecordFeed feed(String resource) {
        throw new IllegalArgumentException("listrak-crosschannel resource '" + resource
                + "' cannot be read by a consumer: the Cross Channel API has no list to poll");
    }

    public String getEventUID() {
        return eventUID;
    }

    public void setEventUID(String eventUID) {
        this.eventUID = eventUID;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public long getBatchTimeout() {
        return batchTimeout;
    }

    public void setBatchTimeout(long batchTimeout) {
        if (batchTimeout < 1) {
            throw new IllegalArgumentException("batchTimeout must be >= 1 millisecond, got " + batchTimeout);
        }
        this.batchTimeout = batchTimeout;
    }

    public String getDeadLetterStore() {
        return deadLetterStore;
    }

    public void setDeadLetterStore(String deadLetterStore) {
        this.deadLetterStore = deadLetterStore;
    }

    public String getSchemaTtl() {
        return schemaTtl;
    }

    public void setSchemaTtl(String schemaTtl) {
        this.schemaTtl = schemaTtl;
    }

    public String getResultUri() {
        return resultUri;
    }

    public void setResultUri(String resultUri) {
        this.resultUri = resultUri;
    }
}
