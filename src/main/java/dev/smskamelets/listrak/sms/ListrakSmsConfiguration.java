package dev.smskamelets.listrak.sms;

import dev.smskamelets.listrak.ListrakConfiguration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Settings of the Listrak SMS REST API v1 account. */
@UriParams
public class ListrakSmsConfiguration extends ListrakConfiguration {

    @UriParam(defaultValue = "https://api.listrak.com/sms", description = "Base URL of the Listrak SMS REST API v1.")
    private String baseUrl = "https://api.listrak.com/sms";

    @Override
    public String getBaseUrl() {
        return baseUrl;
    }

    @Override
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }
}
