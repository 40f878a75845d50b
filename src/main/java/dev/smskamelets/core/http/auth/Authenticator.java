package dev.smskamelets.core.http.auth;

import java.util.Map;

/** Adds a vendor's credentials to one request. Implementations are thread-safe and never log a secret. */
public interface Authenticator {

    /** Puts the credential headers (e.g. {@code Authorization}, {@code x-api-key}) into {@code headers}. */
    void apply(Map<String, String> headers);

    /**
     * Called after the API answered 401 (or 403) to a request carrying {@code headersUsed}; {@code reason} says which
     * vendor call was refused and why (status, the vendor's code and message: never a credential). Returns true when
     * a fresh credential may succeed (an OAuth2 token was dropped), so the call is retried once; false for static keys.
     */
    default boolean invalidate(Map<String, String> headersUsed, String reason) {
        return false;
    }

    /** No credentials at all (webhook targets, tests). */
    static Authenticator none() {
        return headers -> { };
    }

    /** A static API key in a header, e.g. Text Request's {@code x-api-key}. */
    static Authenticator apiKey(String header, String key) {
        requireValue("apiKey", key);
        return headers -> headers.put(header, key);
    }

    /** A static bearer token: {@code Authorization: Bearer <token>}. */
    static Authenticator bearer(String token) {
        requireValue("bearerToken", token);
        return headers -> headers.put("Authorization", "Bearer " + token);
    }

    private static void requireValue(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Authentication needs a non-blank " + field);
        }
    }
}
