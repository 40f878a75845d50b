package dev.smskamelets.listrak.sms;

import dev.smskamelets.component.VendorComponent;
import dev.smskamelets.component.VendorEndpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/** The {@code listrak-sms} component: the Listrak SMS REST API v1. */
@Component("listrak-sms")
public class ListrakSmsComponent extends VendorComponent<ListrakSmsConfiguration> {

    @Metadata(description = "The account's settings, the defaults of every endpoint")
    private ListrakSmsConfiguration configuration = new ListrakSmsConfiguration();

    @Override
    public ListrakSmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ListrakSmsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected VendorEndpoint newEndpoint(String uri, ListrakSmsConfiguration configuration) {
        return new ListrakSmsEndpoint(uri, this, configuration);
    }
}
