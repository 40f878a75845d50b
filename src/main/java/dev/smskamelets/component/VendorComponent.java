package dev.smskamelets.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The part every vendor component shares: its configuration holds the defaults of all its endpoints (credentials,
 * pacing, retries), and each endpoint starts from a copy that its URI options override. A second account of the same
 * vendor is either per-endpoint credentials or a second component instance bound under another name.
 */
public abstract class VendorComponent<C extends VendorConfiguration> extends DefaultComponent {

    /** The defaults of this component's endpoints. */
    public abstract C getConfiguration();

    /** A new endpoint with its own copy of the configuration. */
    protected abstract VendorEndpoint newEndpoint(String uri, C configuration);

    @Override
    @SuppressWarnings("unchecked")
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("The endpoint " + uri + " names no resource: write "
                    + uri.substring(0, Math.max(0, uri.indexOf(':'))) + ":<resource>?...");
        }
        VendorEndpoint endpoint = newEndpoint(uri, (C) getConfiguration().copy());
        endpoint.setResource(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
