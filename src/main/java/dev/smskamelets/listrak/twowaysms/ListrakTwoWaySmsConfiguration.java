package dev.smskamelets.listrak.twowaysms;

import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.listrak.ListrakConfiguration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Settings of the Listrak Two-Way SMS API account (an integration of type Two-Way SMS). */
@UriParams
public class ListrakTwoWaySmsConfiguration extends ListrakConfiguration {

    @UriParam(defaultValue = "https://api.listrak.com/twowaysms",
              description = "Base URL of the Listrak Two-Way SMS API, without a trailing slash.")
    private String baseUrl = "https://api.listrak.com/twowaysms";

    /** The spec declares no 200 body for getMessageStream: an empty 2xx is "no messages", not a contract error. */
    @Override
    public void applyTo(VendorClient client) {
        super.applyTo(client);
        client.setAllowEmptyBody(true);
    }

    @Override
    public String getBaseUrl() {
        return baseUrl;
    }

    @Override
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }
}
