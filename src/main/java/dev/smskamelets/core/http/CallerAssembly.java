package dev.smskamelets.core.http;

import dev.smskamelets.core.http.auth.Authenticator;
import dev.smskamelets.core.http.auth.OAuth2ClientCredentials;
import dev.smskamelets.core.http.auth.TokenCache;
import dev.smskamelets.core.http.auth.TokenKey;
import dev.smskamelets.core.http.auth.TokenRequest;
import dev.smskamelets.core.http.pacing.AdaptivePacer;
import dev.smskamelets.core.http.pacing.Pacers;
import java.time.Duration;
import org.apache.camel.CamelContext;

/**
 * Turns a client's settings into its {@link RetryingCaller}: the authenticator chosen by {@code authType}, the
 * account's shared pacer, the back-off and the camel-http transport (registered with the context, which stops it).
 * Missing or unknown settings fail here, naming the property and the value.
 */
final class CallerAssembly {

    private CallerAssembly() {
    }

    static RetryingCaller build(VendorClientSettings s, CamelContext context) {
        require(s, "vendor", s.vendor);
        require(s, "baseUrl", s.baseUrl);
        Authenticator auth = switch (s.authType) {
            case "oauth2" -> oauth2(s, context);
            case "api-key" -> Authenticator.apiKey(s.apiKeyHeader, s.apiKey);
            case "bearer" -> Authenticator.bearer(s.bearerToken);
            case "none" -> Authenticator.none();
            default -> throw new IllegalArgumentException("Unknown authType '" + s.authType + "' of the " + s.vendor
                    + " client: use oauth2, api-key, bearer or none");
        };
        AdaptivePacer pacer = Pacers.of(context).forAccount(account(s), s.requestsPerSecond);
        Backoff backoff = new Backoff(s.maxAttempts, Duration.ofMillis(s.initialBackoffMillis),
                Duration.ofMillis(s.maxBackoffMillis), Duration.ofSeconds(s.retryAfterCapSeconds));
        CamelHttpTransport transport = new CamelHttpTransport(context, s.baseUrl,
                Duration.ofMillis(s.connectTimeoutMillis), Duration.ofMillis(s.readTimeoutMillis));
        try {
            context.addService(transport, true);
        } catch (Exception e) {
            transport.close();
            throw new IllegalStateException("Cannot register the " + s.vendor + " HTTP client with Camel: " + e, e);
        }
        return new RetryingCaller(s.vendor, transport, auth, pacer, backoff, s.allowEmptyBody);
    }

    private static Authenticator oauth2(VendorClientSettings s, CamelContext context) {
        require(s, "tokenUrl", s.tokenUrl);
        require(s, "clientId", s.clientId);
        require(s, "clientSecret", s.clientSecret);
        TokenRequest request = new TokenRequest(TokenKey.of(s.tokenUrl, s.clientId, s.clientSecret, s.scope),
                s.clientSecret, s.integration != null ? s.integration : s.clientId,
                Duration.ofMillis(s.readTimeoutMillis));
        return new OAuth2ClientCredentials(TokenCache.of(context), request,
                Duration.ofSeconds(s.tokenRefreshMarginSeconds));
    }

    /** The pacing key: explicit, else vendor + client id (OAuth2) or a hash of the API key. */
    static String account(VendorClientSettings s) {
        if (s.account != null && !s.account.isBlank()) {
            return s.account;
        }
        if ("oauth2".equals(s.authType)) {
            return s.vendor + ":" + s.clientId;
        }
        String secret = "api-key".equals(s.authType) ? s.apiKey : "bearer".equals(s.authType) ? s.bearerToken : null;
        return secret == null ? s.vendor + ":" + s.baseUrl
                : s.vendor + ":key-" + TokenKey.fingerprint(secret).substring(0, 12);
    }

    private static void require(VendorClientSettings s, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + (s.vendor == null ? "vendor" : s.vendor)
                    + " client needs the '" + field + "' property, got '" + value + "'");
        }
    }
}
