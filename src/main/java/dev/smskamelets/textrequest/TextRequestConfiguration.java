package dev.smskamelets.textrequest;

import dev.smskamelets.component.VendorConfiguration;
import dev.smskamelets.core.http.VendorClient;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Settings of a Text Request API v3 account: the base URL and the API key sent in the {@code x-api-key} header. */
@UriParams
public class TextRequestConfiguration extends VendorConfiguration {

    /** Text Request's production API root. */
    public static final String DEFAULT_BASE_URL = "https://api.textrequest.com/api/v3";

    @UriParam(defaultValue = DEFAULT_BASE_URL,
              description = "Root of the Text Request API v3, without a trailing slash (point it at the sandbox in tests).")
    private String baseUrl = DEFAULT_BASE_URL;
    @UriParam(label = "security", secret = true,
              description = "Text Request account API key, sent in the x-api-key header.")
    @Metadata(required = true)
    private String apiKey;

    @Override
    public void applyTo(VendorClient client) {
        super.applyTo(client);
        client.setAuthType("api-key");
        client.setApiKeyHeader("x-api-key");
        client.setApiKey(apiKey);
    }

    @Override
    public String getBaseUrl() {
        return baseUrl;
    }

    @Override
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }
}
