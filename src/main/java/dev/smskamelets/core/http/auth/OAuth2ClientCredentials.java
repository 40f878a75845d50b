package dev.smskamelets.core.http.auth;

import java.time.Duration;
import java.util.Map;

/**
 * {@code Authorization: Bearer <token>} from a client-credentials grant, through the context's shared
 * {@link TokenCache}. After a 401 the token that was used is dropped, so the retried call gets a fresh one.
 */
public final class OAuth2ClientCredentials implements Authenticator {

    private final TokenCache cache;
    private final TokenRequest request;
    private final Duration margin;

    public OAuth2ClientCredentials(TokenCache cache, TokenRequest request, Duration margin) {
        this.cache = cache;
        this.request = request;
        this.margin = margin;
    }

    @Override
    public void apply(Map<String, String> headers) {
        headers.put("Authorization", "Bearer " + cache.token(request, margin));
    }

    @Override
    public boolean invalidate(Map<String, String> headersUsed, String reason) {
        String used = headersUsed.get("Authorization");
        if (used != null && used.startsWith("Bearer ")) {
            cache.invalidate(request, used.substring("Bearer ".length()), reason);
        }
        return true;
    }

    public TokenKey key() {
        return request.key();
    }
}
