package dev.smskamelets.core.http.auth;

import java.time.Duration;

/**
 * One client-credentials grant: the cache key, the secret (kept out of {@link #toString()}), the integration it
 * belongs to (named in error messages) and the token endpoint's timeout.
 */
public record TokenRequest(TokenKey key, String clientSecret, String integration, Duration timeout) {

    @Override
    public String toString() {
        return "TokenRequest[" + key + ", integration=" + integration + "]";
    }
}
