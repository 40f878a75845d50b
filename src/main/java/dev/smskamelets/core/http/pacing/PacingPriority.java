package dev.smskamelets.core.http.pacing;

import org.apache.camel.Exchange;

/**
 * A route step that sends the exchange to an endpoint with every vendor call made on the way paced as a priority
 * call ({@link AdaptivePacer#priority}): a web hook event's calls take the next free slot of each account before the
 * calls of a backlog draining at the same time. The called routes run on this thread (direct endpoints, no parallel
 * steps) and keep their own {@code onException} handling; the account's rate is unchanged.
 * In a route: {@code bean: {ref: priority, method: "call('direct:apply', ${exchange})"}}.
 */
public class PacingPriority {

    private final dev.smskamelets.core.job.LazyTemplate template = new dev.smskamelets.core.job.LazyTemplate();

    public void call(String endpointUri, Exchange exchange) throws Exception {
        AdaptivePacer.priority(() -> template.of(exchange).send(endpointUri, exchange));
    }

}
