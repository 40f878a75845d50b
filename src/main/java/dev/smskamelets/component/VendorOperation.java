package dev.smskamelets.component;

import dev.smskamelets.core.http.VendorClient;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * What a producer does for one {@code operation}: shape the request from the exchange, call the vendor through the
 * endpoint's client, shape the answer. Most operations are a request rule, the call and an answer rule
 * ({@link #of}); a few call more than once (a lookup then a write).
 */
@FunctionalInterface
public interface VendorOperation {

    void invoke(Exchange exchange, VendorClient client) throws Exception;

    /** The request rule, the call, then the answer rule (either rule may be null). */
    static VendorOperation of(Processor request, Processor answer) {
        return (exchange, client) -> {
            if (request != null) {
                request.process(exchange);
            }
            client.process(exchange);
            if (answer != null) {
                answer.process(exchange);
            }
        };
    }
}
