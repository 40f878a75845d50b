package dev.smskamelets.listrak.twowaysms;

import dev.smskamelets.component.VendorComponent;
import dev.smskamelets.component.VendorEndpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/** The {@code listrak-twowaysms} component: the Listrak Two-Way SMS API. */
@Component("listrak-twowaysms")
public class ListrakTwoWaySmsComponent extends VendorComponent<ListrakTwoWaySmsConfiguration> {

    @Metadata(description = "The account's settings, the defaults of every endpoint")
    private ListrakTwoWaySmsConfiguration configuration = new ListrakTwoWaySmsConfiguration();

    @Override
    public ListrakTwoWaySmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ListrakTwoWaySmsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected VendorEndpoint newEndpoint(String uri, ListrakTwoWaySmsConfiguration configuration) {
        return new ListrakTwoWaySmsEndpoint(uri, this, configuration);
    }
}
