package dev.smskamelets.textable;

import dev.smskamelets.component.VendorComponent;
import dev.smskamelets.component.VendorEndpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/** The {@code textable} component: the Textable Backend API of one instance, with a user's bearer credential. */
@Component("textable")
public class TextableComponent extends VendorComponent<TextableConfiguration> {

    @Metadata(description = "The user's settings, the defaults of every endpoint")
    private TextableConfiguration configuration = new TextableConfiguration();

    @Override
    public TextableConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(TextableConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected VendorEndpoint newEndpoint(String uri, TextableConfiguration configuration) {
        return new TextableEndpoint(uri, this, configuration);
    }
}
