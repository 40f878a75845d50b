package dev.smskamelets.listrak.crosschannel;

import dev.smskamelets.listrak.ListrakConfiguration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Settings of the Listrak Cross Channel REST API account (an integration of type Cross Channel). */
@UriParams
public class ListrakCrossChannelConfiguration extends ListrakConfiguration {

    @UriParam(defaultValue = "https://api.listrak.com/crosschannel/v1",
              description = "Base URL of the Listrak Cross Channel REST API (v1), without a trailing slash.")
    private String baseUrl = "https://api.listrak.com/crosschannel/v1";

    @Override
    public String getBaseUrl() {
        return baseUrl;
    }

    @Override
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }
}
