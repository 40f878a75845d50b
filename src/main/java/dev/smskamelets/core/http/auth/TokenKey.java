package dev.smskamelets.core.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an OAuth2 client-credentials token is cached under: token endpoint, client id, SHA-256 fingerprint of the
 * client secret and scope. Two clients that differ in any of them never share a token (the CVE-2026-85317 class:
 * a cache keyed by endpoint alone hands one tenant's token to another). The secret itself is not kept here.
 */
public record TokenKey(String tokenEndpoint, String clientId, String secretFingerprint, String scope) {

    public static TokenKey of(String tokenEndpoint, String clientId, String clientSecret, String scope) {
        return new TokenKey(tokenEndpoint, clientId, fingerprint(clientSecret), scope == null ? "" : scope);
    }

    /** Hex SHA-256 of the secret: equal secrets give equal keys, the secret cannot be read back. */
    public static String fingerprint(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** For logs: endpoint, client id and scope; the fingerprint is shortened, the secret never appears. */
    @Override
    public String toString() {
        return "TokenKey[" + tokenEndpoint + ", clientId=" + clientId + ", secret=sha256:"
                + secretFingerprint.substring(0, 8) + "…, scope=" + scope + "]";
    }
}
