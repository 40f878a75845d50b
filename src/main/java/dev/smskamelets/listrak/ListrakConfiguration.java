package dev.smskamelets.listrak;

import dev.smskamelets.component.VendorConfiguration;
import dev.smskamelets.core.http.VendorClient;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** The Listrak APIs' shared settings: OAuth2 client credentials at Listrak's authorization server. */
@UriParams
public abstract class ListrakConfiguration extends VendorConfiguration {

    @UriParam(label = "security", defaultValue = "https://auth.listrak.com/OAuth2/Token",
              description = "Listrak's OAuth2 token endpoint (client credentials grant).")
    private String authUrl = "https://auth.listrak.com/OAuth2/Token";
    @UriParam(label = "security", secret = true, description = "OAuth2 client id of the Listrak integration.")
    @Metadata(required = true)
    private String clientId;
    @UriParam(label = "security", secret = true, description = "OAuth2 client secret of the Listrak integration.")
    @Metadata(required = true)
    private String clientSecret;
    @UriParam(label = "security", description = "OAuth2 scope to ask for, if the integration needs one.")
    private String scope;
    @UriParam(label = "security,advanced", defaultValue = "60",
              description = "Seconds before a token's expiry at which it is renewed.")
    private int tokenRefreshMarginSeconds = 60;

    @Override
    public void applyTo(VendorClient client) {
        super.applyTo(client);
        client.setAuthType("oauth2");
        client.setTokenUrl(authUrl);
        client.setClientId(clientId);
        client.setClientSecret(clientSecret);
        client.setScope(scope);
        client.setTokenRefreshMarginSeconds(tokenRefreshMarginSeconds);
    }

    public String getAuthUrl() {
        return authUrl;
    }

    public void setAuthUrl(String authUrl) {
        this.authUrl = authUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public int getTokenRefreshMarginSeconds() {
        return tokenRefreshMarginSeconds;
    }

    public void setTokenRefreshMarginSeconds(int tokenRefreshMarginSeconds) {
        this.tokenRefreshMarginSeconds = tokenRefreshMarginSeconds;
    }
}
