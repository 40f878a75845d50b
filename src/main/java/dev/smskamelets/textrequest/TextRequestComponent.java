package dev.smskamelets.textrequest;

import dev.smskamelets.component.VendorComponent;
import dev.smskamelets.component.VendorEndpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/** The {@code textrequest} component: the Text Request API v3 (see {@link TextRequestEndpoint}). */
@Component("textrequest")
public class TextRequestComponent extends VendorComponent<TextRequestConfiguration> {

    @Metadata(description = "The account's settings, the defaults of every endpoint")
    private TextRequestConfiguration configuration = new TextRequestConfiguration();

    @Override
    public TextRequestConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(TextRequestConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected VendorEndpoint newEndpoint(String uri, TextRequestConfiguration configuration) {
        return new TextRequestEndpoint(uri, this, configuration);
    }
}
