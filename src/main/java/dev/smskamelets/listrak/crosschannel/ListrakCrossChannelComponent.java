package dev.smskamelets.listrak.crosschannel;

import dev.smskamelets.component.VendorComponent;
import dev.smskamelets.component.VendorEndpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/** The {@code listrak-crosschannel} component: the Listrak Cross Channel REST API (v1). */
@Component("listrak-crosschannel")
public class ListrakCrossChannelComponent extends VendorComponent<ListrakCrossChannelConfiguration> {

    @Metadata(description = "The account's settings, the defaults of every endpoint")
    private ListrakCrossChannelConfiguration configuration = new ListrakCrossChannelConfiguration();

    @Override
    public ListrakCrossChannelConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ListrakCrossChannelConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected VendorEndpoint newEndpoint(String uri, ListrakCrossChannelConfiguration configuration) {
        return new ListrakCrossChannelEndpoint(uri, this, configuration);
    }
}
