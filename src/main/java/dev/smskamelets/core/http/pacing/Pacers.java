package dev.smskamelets.core.http.pacing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;

/**
 * The pacers of one Camel context, one per vendor account, bound in the context's registry as
 * {@value #REGISTRY_NAME} so every kamelet using the same account (e.g. {@code listrak-sms:<clientId>}) shares one
 * limit. When kamelets of one account configure different rates, the lowest wins.
 */
public final class Pacers {

    public static final String REGISTRY_NAME = "smsKameletsPacers";

    private static final Object LOCK = new Object();

    private final Map<String, AdaptivePacer> byAccount = new ConcurrentHashMap<>();

    /** The context's pacers, created and bound on first use. */
    public static Pacers of(CamelContext context) {
        synchronized (LOCK) {
            Pacers pacers = context.getRegistry().lookupByNameAndType(REGISTRY_NAME, Pacers.class);
            if (pacers == null) {
                pacers = new Pacers();
                context.getRegistry().bind(REGISTRY_NAME, Pacers.class, pacers);
            }
            return pacers;
        }
    }

    /** The account's pacer; when it exists already, the lower of the two configured rates becomes its ceiling. */
    public AdaptivePacer forAccount(String account, double requestsPerSecond) {
        AdaptivePacer pacer = byAccount.computeIfAbsent(account, a -> new AdaptivePacer(a, requestsPerSecond));
        pacer.limitTo(requestsPerSecond);
        return pacer;
    }

    /** Every account's pacer. */
    public java.util.Collection<AdaptivePacer> all() {
        return java.util.List.copyOf(byAccount.values());
    }

    public AdaptivePacer get(String account) {
        return byAccount.get(account);
    }
}
