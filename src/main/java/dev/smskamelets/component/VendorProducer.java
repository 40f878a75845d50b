package dev.smskamelets.component;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Sends one exchange as the endpoint's {@code operation}. The request headers the operation used
 * ({@code CamelHttp*}) are removed afterwards, but for {@code CamelHttpResponseCode}: nothing of this call leaks into
 * the next endpoint of the route.
 */
public class VendorProducer extends DefaultProducer {

    private final VendorEndpoint endpoint;
    private final VendorOperation operation;

    public VendorProducer(VendorEndpoint endpoint, VendorOperation operation) {
        super(endpoint);
        this.endpoint = endpoint;
        this.operation = operation;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        operation.invoke(exchange, endpoint.client());
        exchange.getMessage().removeHeaders("CamelHttp*", Exchange.HTTP_RESPONSE_CODE);
    }
}
