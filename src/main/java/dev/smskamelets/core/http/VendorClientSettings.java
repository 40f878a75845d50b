package dev.smskamelets.core.http;

import dev.smskamelets.core.redact.Redactor;
import org.apache.camel.spi.StateRepository;

/**
 * The knobs of a {@link VendorClient}, set as bean properties by a kamelet (see {@code docs/core.md} for the table
 * of defaults). Secrets are write-only: there is no getter for them and they appear in no {@code toString()}.
 */
public abstract class VendorClientSettings {

    /** Default of {@code maxPages}: pages one paged pass reads at most. */
    public static final int DEFAULT_MAX_PAGES = 1000;

    protected String vendor;
    protected String operation = "call";
    protected String baseUrl;
    protected String authType = "none";
    protected String apiKeyHeader = "x-api-key";
    protected String apiKey;
    protected String bearerToken;
    protected String tokenUrl;
    protected String clientId;
    protected String clientSecret;
    protected String scope;
    protected String integration;
    protected int tokenRefreshMarginSeconds = 60;
    protected String account;
    protected double requestsPerSecond = 10;
    protected int maxAttempts = 5;
    protected long initialBackoffMillis = 500;
    protected long maxBackoffMillis = 30_000;
    protected long retryAfterCapSeconds = 120;
    protected long connectTimeoutMillis = 10_000;
    protected long readTimeoutMillis = 60_000;
    protected boolean expectJson = true;
    protected boolean allowEmptyBody;
    protected String paging;
    protected int pageSize;
    protected int maxPages = DEFAULT_MAX_PAGES;
    protected String itemsField;
    protected String timestampField;
    protected StateRepository<String, String> checkpointRepository;
    protected String checkpointKey;
    protected String checkpoint;
    protected Object checkpointBean;

    /** Vendor id used in errors, logs and the pacing key, e.g. {@code listrak-sms}. Required. */
    public void setVendor(String vendor) { this.vendor = vendor; }
    /** Operation named in errors when the exchange has no {@code vendorOperation} property. */
    public void setOperation(String operation) { this.operation = operation; }
    /** Base URL of the API, e.g. {@code https://api.listrak.com/sms}. Required. */
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    /** {@code oauth2}, {@code api-key}, {@code bearer} or {@code none}. */
    public void setAuthType(String authType) { this.authType = authType; }
    public void setApiKeyHeader(String apiKeyHeader) { this.apiKeyHeader = apiKeyHeader; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; Redactor.registerSecret(apiKey); }
    public void setBearerToken(String bearerToken) { this.bearerToken = bearerToken; Redactor.registerSecret(bearerToken); }
    public void setTokenUrl(String tokenUrl) { this.tokenUrl = tokenUrl; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; Redactor.registerSecret(clientSecret); }
    public void setScope(String scope) { this.scope = scope; }
    /** Name of the vendor integration, named in token errors; defaults to the client id. */
    public void setIntegration(String integration) { this.integration = integration; }
    public void setTokenRefreshMarginSeconds(int value) { this.tokenRefreshMarginSeconds = value; }
    /** Pacing key shared by every kamelet of one vendor account; defaults to vendor + client id / key hash. */
    public void setAccount(String account) { this.account = account; }
    public void setRequestsPerSecond(double value) { this.requestsPerSecond = value; }
    public void setMaxAttempts(int value) { this.maxAttempts = value; }
    public void setInitialBackoffMillis(long value) { this.initialBackoffMillis = value; }
    public void setMaxBackoffMillis(long value) { this.maxBackoffMillis = value; }
    public void setRetryAfterCapSeconds(long value) { this.retryAfterCapSeconds = value; }
    public void setConnectTimeoutMillis(long value) { this.connectTimeoutMillis = value; }
    public void setReadTimeoutMillis(long value) { this.readTimeoutMillis = value; }
    /** Whether a 2xx body must be JSON (false for bodiless operations such as Text Request's archive). */
    public void setExpectJson(boolean value) { this.expectJson = value; }
    /**
     * Whether a 2xx without any body is a valid empty answer (no records) rather than a contract error: for
     * operations whose spec declares no 200 body, such as Listrak Two-Way's {@code getMessageStream}. A 2xx with a
     * body that is not JSON stays a contract error.
     */
    public void setAllowEmptyBody(boolean value) { this.allowEmptyBody = value; }
    /** {@code listrak-cursor}, {@code page-number} or {@code time-window}, for {@link VendorClient#fetchPage}. */
    public void setPaging(String paging) { this.paging = paging; }
    /** Records per page; 0 = the vendor's maximum. */
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    /** Pages one pass reads at most ({@link dev.smskamelets.core.http.paging.PageGuard}); default 1000. */
    public void setMaxPages(int maxPages) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be >= 1, got " + maxPages);
        }
        this.maxPages = maxPages;
    }
    public void setItemsField(String itemsField) { this.itemsField = itemsField; }
    public void setTimestampField(String timestampField) { this.timestampField = timestampField; }
    /** Where page tokens are checkpointed (a Camel {@link StateRepository}); none = every run starts over. */
    public void setCheckpointRepository(StateRepository<String, String> repository) {
        this.checkpointRepository = repository;
    }
    /**
     * Name of the bean to checkpoint into; empty = none. A {@link StateRepository} (e.g. {@code smsStateRepository})
     * keeps page tokens under {@code checkpointKey}; a {@code dev.smskamelets.core.checkpoint.Checkpoint} keeps the
     * time-window watermark (with its lookback and startAt).
     */
    public void setCheckpoint(String beanName) { this.checkpoint = beanName; }
    public void setCheckpointKey(String checkpointKey) { this.checkpointKey = checkpointKey; }
    /**
     * The checkpoint itself, a {@code dev.smskamelets.core.checkpoint.Checkpoint} or {@link StateRepository}, for a
     * kamelet that declares it as a template bean ({@code checkpointBean: "#bean:{{cp}}"}).
     */
    public void setCheckpointBean(Object bean) { this.checkpointBean = bean; }

    public String getVendor() { return vendor; }
    public String getBaseUrl() { return baseUrl; }
    public String getAuthType() { return authType; }
    public double getRequestsPerSecond() { return requestsPerSecond; }
}
