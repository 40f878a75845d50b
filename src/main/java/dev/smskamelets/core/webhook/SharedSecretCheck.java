package dev.smskamelets.core.webhook;

import dev.smskamelets.core.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the shared secret of an unsigned webhook (Listrak Two-Way SMS, Textable relay): the receiver is only
 * reachable with a secret the sender puts in the URL path or a header. The comparison takes the same time whatever
 * the presented value is (SHA-256 of both, then {@link MessageDigest#isEqual}), so timing reveals nothing about the
 * secret. The secret is registered with the {@link Redactor}, so it never shows in a log line (the path is logged by
 * access logs and errors).
 *
 * <p>Bean property: {@code secret} (required, at least 16 characters).
 */
public class SharedSecretCheck {

    private static final int MIN_LENGTH = 16;
    private byte[] digest;

    public SharedSecretCheck() {
    }

    public SharedSecretCheck(String secret) {
        setSecret(secret);
    }

    /** The secret the sender must present; at least 16 characters. */
    public void setSecret(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("The webhook shared secret must have at least " + MIN_LENGTH
                    + " characters, got " + (secret == null ? "none" : secret.length() + " characters"));
        }
        Redactor.registerSecret(secret);
        this.digest = sha256(secret);
    }

    /** True when {@code presented} equals the configured secret; false for null or empty. Constant time. */
    public boolean matches(String presented) {
        if (digest == null) {
            throw new IllegalStateException("SharedSecretCheck: property secret is not set");
        }
        boolean ok = MessageDigest.isEqual(digest, sha256(presented == null ? "" : presented));
        return ok && presented != null && !presented.isEmpty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SharedSecretCheck[secret=***]";
    }
}
