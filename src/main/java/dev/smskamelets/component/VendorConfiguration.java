package dev.smskamelets.component;

import dev.smskamelets.core.http.VendorClient;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * What every vendor component shares: pacing, retries and timeouts of the account's HTTP client. A vendor's
 * configuration adds its base URL and credentials. The component holds one as defaults
 * ({@code camel.component.textrequest.api-key=...}); each endpoint starts from a copy and its URI overrides it,
 * so two accounts of one vendor are two endpoints with their own credentials, or two component instances.
 */
@UriParams
public abstract class VendorConfiguration implements Cloneable {

    @UriParam(label = "advanced",
              description = "Key under which endpoints share one request pacer (and so one request budget). Default: "
                      + "the vendor plus the OAuth2 client id, or a fingerprint of the API key or token.")
    private String account;
    @UriParam(defaultValue = "10",
              description = "Requests per second to this account at most, shared by every endpoint of the account in "
                      + "the Camel context. The vendors document no limit: a 429 halves the pace for a while, then it "
                      + "creeps back.")
    private double requestsPerSecond = 10;
    @UriParam(label = "advanced", defaultValue = "5",
              description = "Attempts per request (the first included) on 429, 5xx and I/O errors; other errors fail at once.")
    private int maxAttempts = 5;
    @UriParam(label = "advanced", defaultValue = "500",
              description = "First back-off between attempts in milliseconds; doubles per attempt (with jitter).")
    private long initialBackoffMillis = 500;
    @UriParam(label = "advanced", defaultValue = "30000",
              description = "Longest back-off between attempts in milliseconds.")
    private long maxBackoffMillis = 30_000;
    @UriParam(label = "advanced", defaultValue = "120",
              description = "Longest Retry-After (seconds) honoured: a vendor asking for longer is waited for this long "
                      + "(the retry, and the pause of the account's other calls), then the request is retried within "
                      + "maxAttempts.")
    private long retryAfterCapSeconds = 120;
    @UriParam(label = "advanced", defaultValue = "10000", description = "TCP connect timeout in milliseconds.")
    private long connectTimeoutMillis = 10_000;
    @UriParam(label = "advanced", defaultValue = "60000", description = "Response timeout in milliseconds.")
    private long readTimeoutMillis = 60_000;

    /** The vendor's API base URL (each vendor declares it with its own default). */
    public abstract String getBaseUrl();

    public abstract void setBaseUrl(String baseUrl);

    /** The client settings of this configuration: base URL, pacing, retries, timeouts; vendors add credentials. */
    public void applyTo(VendorClient client) {
        client.setBaseUrl(getBaseUrl());
        if (account != null) {
            client.setAccount(account);
        }
        client.setRequestsPerSecond(requestsPerSecond);
        client.setMaxAttempts(maxAttempts);
        client.setInitialBackoffMillis(initialBackoffMillis);
        client.setMaxBackoffMillis(maxBackoffMillis);
        client.setRetryAfterCapSeconds(retryAfterCapSeconds);
        client.setConnectTimeoutMillis(connectTimeoutMillis);
        client.setReadTimeoutMillis(readTimeoutMillis);
    }

    /** A copy for one endpoint. */
    public VendorConfiguration copy() {
        try {
            return (VendorConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0, got " + requestsPerSecond);
        }
        this.requestsPerSecond = requestsPerSecond;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public long getInitialBackoffMillis() {
        return initialBackoffMillis;
    }

    public void setInitialBackoffMillis(long initialBackoffMillis) {
        this.initialBackoffMillis = initialBackoffMillis;
    }

    public long getMaxBackoffMillis() {
        return maxBackoffMillis;
    }

    public void setMaxBackoffMillis(long maxBackoffMillis) {
        this.maxBackoffMillis = maxBackoffMillis;
    }

    public long getRetryAfterCapSeconds() {
        return retryAfterCapSeconds;
    }

    public void setRetryAfterCapSeconds(long retryAfterCapSeconds) {
        this.retryAfterCapSeconds = retryAfterCapSeconds;
    }

    public long getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public long getReadTimeoutMillis() {
        return readTimeoutMillis;
    }

    public void setReadTimeoutMillis(long readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
    }
}
