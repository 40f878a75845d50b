package dev.smskamelets.component;

import dev.smskamelets.core.http.VendorClient;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * The part every vendor endpoint shares: the resource in the URI path, the producer's {@code operation}, the
 * source options (paging, checkpoint, idempotency, stores) and the account's client, built once per endpoint from the
 * vendor's configuration. A vendor endpoint says which operations and feeds its resources have.
 */
public abstract class VendorEndpoint extends ScheduledPollEndpoint {

    /** Default time between two polls when neither {@code delay} nor a {@code scheduler} is set: one minute. */
    public static final long DEFAULT_DELAY = 60_000;

    @UriPath(description = "The API resource, e.g. contacts, optouts, messages (see the component's documentation for "
            + "the resources of each vendor and which of them can be read by a consumer)")
    @Metadata(required = true)
    private String resource;
    @UriParam(label = "producer", description = "The vendor operation the producer calls on the resource (named after "
            + "the OpenAPI operationId where the vendor's contract has one).")
    private String operation;
    @UriParam(label = "consumer", defaultValue = "0", description = "Records per page asked of the vendor; 0 = the "
            + "vendor's largest page.")
    private int pageSize;
    @UriParam(label = "consumer", defaultValue = "1000", description = "Most pages one poll reads; the next poll goes on "
            + "from the checkpoint, where the list has one per page (a cursor, a time-ordered watermark, a page "
            + "repository). A list read as a whole window per pass (listrak-sms contacts, Text Request lists without a "
            + "page repository) starts its window over: keep its window under maxPages pages.")
    private int maxPages = 1000;
    @UriParam(label = "consumer", defaultValue = "1970-01-01T00:00:00Z", description = "Where the first poll reads from "
            + "(ISO-8601 instant) when the checkpoint store holds nothing for this source yet.")
    private String startDate = "1970-01-01T00:00:00Z";
    @UriParam(label = "consumer", defaultValue = "PT10M", description = "How far before the watermark each poll reads "
            + "again (ISO-8601 duration), for records the vendor dates late; what was handed off already is skipped where "
            + "the source keeps idempotent keys (opt-outs, incremental Text Request contacts), and handed off again "
            + "where it does not (listrak-sms contacts: make the sink idempotent).")
    private String lookback = "PT10M";
    @UriParam(label = "consumer", defaultValue = "smsStateRepository", description = "Name of the "
            + "org.apache.camel.spi.StateRepository bean keeping this source's checkpoint. Without such a bean a file "
            + "store is created under the folder of property sms-kamelets.data-dir (default sms-kamelets-data).")
    private String stateRepository = "smsStateRepository";
    @UriParam(label = "consumer", defaultValue = "smsIdempotentRepository", description = "Name of the "
            + "org.apache.camel.spi.IdempotentRepository bean remembering the records handed off. Without such a bean "
            + "a file store is created under the folder of property sms-kamelets.data-dir (default sms-kamelets-data).")
    private String idempotentRepository = "smsIdempotentRepository";
    @UriParam(label = "consumer", description = "Name of the job this source belongs to: it scopes the checkpoint and "
            + "the idempotent keys (default: the source's own job name, e.g. listrak-sms-optout or textrequest-contacts, "
            + "as the component reference lists per resource).")
    private String jobName;
    @UriParam(label = "consumer", description = "Key of this source's checkpoint and idempotent keys within the job; "
            + "default: resource, account and the resource's identifying options. Two sources must not share one.")
    private String sourceKey;
    @UriParam(defaultValue = "US", description = "Region (ISO 3166 code) of phone numbers written without a country "
            + "code; every number is normalised to E.164.")
    private String defaultRegion = "US";
    @UriParam(label = "consumer", defaultValue = "false", description = "Hand a whole page to the route as one "
            + "exchange whose body is a java.util.List of records (for routes that write in bulk), instead of one "
            + "exchange per record.")
    private boolean batch;
    @UriParam(label = "consumer,advanced", defaultValue = "true", description = "Fetch, shape and claim the next page "
            + "on a reader thread of the source while the route handles the current one, and move the checkpoint and "
            + "confirm the page before on a confirm thread (pages are still requested one at a time and in order; "
            + "memory holds two pages). false: page after page on the polling thread.")
    private boolean prefetch = true;

    @UriParam(label = "consumer,scheduler", defaultValue = "60000", javaType = "java.time.Duration",
              description = "Milliseconds between the end of one poll and the start of the next, unless a scheduler "
                      + "(e.g. scheduler=quartz with scheduler.cron) decides. One minute here: a vendor API is not "
                      + "polled every 500 ms as Camel's other polling consumers are by default.")
    private long delay = DEFAULT_DELAY;

    private volatile VendorClient client;

    protected VendorEndpoint(String uri, Component component) {
        super(uri, component);
        super.setDelay(DEFAULT_DELAY);
    }

    /** The vendor's name in errors, logs and metrics ({@code listrak-sms}, {@code textrequest}, ...). */
    public abstract String vendor();

    /** This endpoint's configuration (a copy of the component's, with the URI's options set). */
    public abstract VendorConfiguration getConfiguration();

    /** The operation of {@code resource} named {@code operation}; fails naming both when there is none. */
    protected abstract VendorOperation operation(String resource, String operation);

    /** The feed of {@code resource} for a consumer; fails naming the resource when it cannot be polled. */
    protected abstract RecordFeed feed(String resource);

    @Override
    public Producer createProducer() throws Exception {
        return new VendorProducer(this, operation(resource, operation));
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        VendorPollConsumer consumer = new VendorPollConsumer(this, processor, feed(resource));
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public long getDefaultDelay() {
        return DEFAULT_DELAY;
    }

    @Override
    public long getDelay() {
        return delay;
    }

    @Override
    public void setDelay(long delay) {
        this.delay = delay;
        super.setDelay(delay);
    }

    /** The account's client of this endpoint: authentication, pacing and retries; built on first use. */
    public VendorClient client() {
        VendorClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    VendorClient created = new VendorClient();
                    created.setVendor(vendor());
                    getConfiguration().applyTo(created);
                    if (operation != null) {
                        created.setOperation(operation);
                    }
                    created.setPageSize(pageSize);
                    created.setMaxPages(maxPages);
                    client = created;
                }
                current = client;
            }
        }
        return current;
    }

    @Override
    public boolean isLenientProperties() {
        return false;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        if (pageSize < 0) {
            throw new IllegalArgumentException("pageSize must be >= 0, got " + pageSize);
        }
        this.pageSize = pageSize;
    }

    public int getMaxPages() {
        return maxPages;
    }

    public void setMaxPages(int maxPages) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be >= 1, got " + maxPages);
        }
        this.maxPages = maxPages;
    }

    public String getStartDate() {
        return startDate;
    }

    public void setStartDate(String startDate) {
        this.startDate = startDate;
    }

    public String getLookback() {
        return lookback;
    }

    public void setLookback(String lookback) {
        this.lookback = lookback;
    }

    public String getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(String stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(String idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public String getJobName() {
        return jobName;
    }

    public void setJobName(String jobName) {
        this.jobName = jobName;
    }

    public String getSourceKey() {
        return sourceKey;
    }

    public void setSourceKey(String sourceKey) {
        this.sourceKey = sourceKey;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public boolean isBatch() {
        return batch;
    }

    public void setBatch(boolean batch) {
        this.batch = batch;
    }

    public boolean isPrefetch() {
        return prefetch;
    }

    public void setPrefetch(boolean prefetch) {
        this.prefetch = prefetch;
    }
}
