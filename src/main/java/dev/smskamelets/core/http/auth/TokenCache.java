package dev.smskamelets.core.http.auth;

import dev.smskamelets.core.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client-credentials tokens shared by every kamelet of one Camel context, keyed by {@link TokenKey}.
 * One token request at a time per key: concurrent callers wait on the key's lock and reuse the token the first
 * one fetched. A token is refreshed {@code margin} before its {@code expires_in} ends (at most half its lifetime,
 * so very short-lived tokens are not fetched on every call).
 */
public final class TokenCache {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    /** A token and the instant from which it must be refreshed. */
    record Token(String value, Instant refreshAt) {
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile Token token;
    }

    private final Map<TokenKey, Slot> slots = new ConcurrentHashMap<>();
    private final TokenClient client;
    private final Clock clock;

    public TokenCache(TokenClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public TokenCache() {
        this(new TokenClient(), Clock.systemUTC());
    }

    /** Name under which a context's shared cache is bound in its registry. */
    public static final String REGISTRY_NAME = "smsKameletsTokenCache";
    private static final Object LOCK = new Object();

    /** The context's shared cache, created and bound on first use. */
    public static TokenCache of(org.apache.camel.CamelContext context) {
        synchronized (LOCK) {
            TokenCache cache = context.getRegistry().lookupByNameAndType(REGISTRY_NAME, TokenCache.class);
            if (cache == null) {
                cache = new TokenCache();
                context.getRegistry().bind(REGISTRY_NAME, TokenCache.class, cache);
            }
            return cache;
        }
    }

    /** A valid access token for the request's key, fetching one if none is cached or it is due for refresh. */
    public String token(TokenRequest request, Duration margin) {
        Slot slot = slots.computeIfAbsent(request.key(), k -> new Slot());
        Token current = slot.token;
        if (current != null && clock.instant().isBefore(current.refreshAt())) {
            return current.value();
        }
        slot.lock.lock();
        try {
            current = slot.token;
            if (current != null && clock.instant().isBefore(current.refreshAt())) {
                return current.value(); // another caller fetched it while we waited
            }
            TokenClient.Issued issued = client.fetch(request);
            Redactor.registerSecret(issued.accessToken()); // masked wherever a log line or dead letter shows it
            long lifetime = Math.max(1, issued.expiresInSeconds());
            long early = Math.min(margin.toSeconds(), lifetime / 2);
            slot.token = new Token(issued.accessToken(), clock.instant().plusSeconds(lifetime - early));
            LOG.debug("Fetched a token for {} (valid {} s, refreshed {} s early)", request.key(), lifetime, early);
            return issued.accessToken();
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * Drops the cached token of {@code request}'s key if it is still {@code rejected} (a 401 proved it dead), and
     * says so once at INFO: the API's {@code reason}, the integration, its client id and token endpoint (never the
     * token or the secret). Callers that were refused the same token concurrently find it already dropped: DEBUG.
     */
    public void invalidate(TokenRequest request, String rejected, String reason) {
        TokenKey key = request.key();
        Slot slot = slots.get(key);
        Token current = slot == null ? null : slot.token;
        if (current != null && current.value().equals(rejected)) {
            slot.token = null;
            LOG.info("Re-authenticating integration '{}' (client id {}{}) at {}: its token was dropped after {}",
                    request.integration(), key.clientId(), key.scope().isEmpty() ? "" : ", scope " + key.scope(),
                    key.tokenEndpoint(), reason);
        } else {
            LOG.debug("{}: the token of {} was already replaced", reason, key);
        }
    }

    /** How many token endpoint calls this cache made (tests and metrics). */
    public long fetches() {
        return client.fetches();
    }
}
