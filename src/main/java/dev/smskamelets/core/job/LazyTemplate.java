package dev.smskamelets.core.job;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** One ProducerTemplate per bean, created from the first exchange's context (beans built by property binding have none). */
public final class LazyTemplate {

    private volatile ProducerTemplate template;

    public ProducerTemplate of(Exchange exchange) {
        ProducerTemplate current = template;
        if (current == null) {
            synchronized (this) {
                if (template == null) {
                    template = exchange.getContext().createProducerTemplate();
                }
                current = template;
            }
        }
        return current;
    }
}
