package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.Faults;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens issued by the sandbox's Listrak token endpoint, shared by the three Listrak APIs. A token belongs
 * to one integration; it is valid until it expires ({@code expires_in}) or until the integration's tokens are
 * revoked through {@link Faults#revokeTokens(String)}.
 */
public final class ListrakTokens {

    /** Why a bearer token was refused; null from {@link #check} means accepted. */
    public enum Refusal { MISSING, UNKNOWN, EXPIRED, REVOKED, OTHER_INTEGRATION }

    /** An issued token. */
    public record Issued(String token, String integration, String scope, long issuedAtMillis, long expiresAtMillis) {
    }

    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Faults faults;
    private final long ttlSeconds;

    public ListrakTokens(Faults faults, long ttlSeconds) {
        if (ttlSeconds < 1) {
            throw new IllegalArgumentException("listrak.tokenTtlSeconds must be at least 1, got " + ttlSeconds);
        }
        this.faults = faults;
        this.ttlSeconds = ttlSeconds;
    }

    public long ttlSeconds() {
        return ttlSeconds;
    }

    /** Issues a token; it is never older than the integration's last revocation. */
    public Issued issue(String integration, String scope) {
        long now = Math.max(System.currentTimeMillis(), faults.tokensRevokedAt(integration) + 1);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Issued issued = new Issued(value, integration, scope, now, now + ttlSeconds * 1000);
        if (tokens.size() > 10_000) {
            tokens.values().removeIf(t -> t.expiresAtMillis() < System.currentTimeMillis());
        }
        tokens.put(value, issued);
        return issued;
    }

    /** Checks an {@code Authorization} header value for an API of {@code integration}. */
    public Refusal check(String authorization, String integration) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Refusal.MISSING;
        }
        Issued issued = tokens.get(authorization.substring(7).trim());
        if (issued == null) {
            return Refusal.UNKNOWN;
        }
        if (!issued.integration().equals(integration)) {
            return Refusal.OTHER_INTEGRATION;
        }
        if (issued.issuedAtMillis() <= faults.tokensRevokedAt(integration)) {
            return Refusal.REVOKED;
        }
        if (System.currentTimeMillis() >= issued.expiresAtMillis()) {
            return Refusal.EXPIRED;
        }
        return null;
    }

    /** A readable reason for a refusal, naming the integration (never the token). */
    public static String describe(Refusal refusal, String integration) {
        return switch (refusal) {
            case MISSING -> "Authorization header with a Bearer token is required.";
            case UNKNOWN -> "The access token is invalid.";
            case EXPIRED -> "The access token has expired.";
            case REVOKED -> "The access token has been revoked.";
            case OTHER_INTEGRATION -> "The access token was not issued for this API's integration (" + integration + ").";
        };
    }
}
