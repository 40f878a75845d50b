package dev.smskamelets.textable;

import dev.smskamelets.component.VendorConfiguration;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.redact.Redactor;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Settings of one Textable user on one Textable instance: the instance's root URL and the user's bearer credential.
 * Requests are paced per credential (every endpoint with the same token shares one request budget).
 */
@UriParams
public class TextableConfiguration extends VendorConfiguration {

    @UriParam(description = "Root URL of the Textable instance (https://{instance}.textable.app), without a trailing "
            + "slash. Point it at the sandbox in tests.")
    @Metadata(required = true)
    private String baseUrl;
    @UriParam(label = "security", secret = true, description = "Textable user token (or the older "
            + "userId:accessToken form), sent as Authorization Bearer.")
    @Metadata(required = true)
    private String token;

    @Override
    public void applyTo(VendorClient client) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("textable needs the option 'baseUrl' (https://{instance}.textable.app), "
                    + "got '" + baseUrl + "'");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("textable needs the option 'token' (the user's bearer credential), "
                    + "got none");
        }
        super.applyTo(client);
        client.setAuthType("bearer");
        client.setBearerToken(token);
    }

    @Override
    public String getBaseUrl() {
        return baseUrl;
    }

    @Override
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        Redactor.registerSecret(token);
        this.token = token;
    }
}
