package dev.smskamelets.sandbox;

import java.util.Map;

/**
 * One simulated vendor API, mounted under a path prefix that mirrors the real base URL, so that a kamelet only
 * swaps its base URL to talk to the sandbox instead of the vendor.
 */
public interface VendorApi {

    /** Short stable name used by fault injection, the request log and the ledger, e.g. {@code listrak-sms}. */
    String id();

    /** Path prefix in the sandbox, e.g. {@code /sms} for {@code https://api.listrak.com/sms}. */
    String prefix();

    /**
     * Classpath resource of the OpenAPI document every request is validated against, or null for none.
     * Paths in the document are relative to {@link #prefix()} (Listrak SMS: {@code /v1/...} under {@code /sms}).
     */
    String openApiResource();

    /**
     * Path the OpenAPI document's paths are relative to; by default {@link #prefix()}. Textable's document lists
     * full paths ({@code /api/send}) although the API is mounted under {@code /api}, so it answers {@code /}.
     */
    default String specBasePath() {
        return prefix();
    }

    /** Registers every operation; templates are relative to {@link #prefix()}. */
    void register(Router router);

    /** Checks credentials the way the vendor does; null when the request may proceed, else the vendor's answer. */
    SandboxResponse authenticate(SandboxRequest request);

    /** The vendor's own 400 error shape for a request that broke the contract or a validation rule. */
    SandboxResponse badRequest(String message);

    /** The vendor's own 404 error shape for an unknown path. */
    SandboxResponse notFound(String message);

    /**
     * The account a request's credential names, for the per-account rate limit ({@link RateLimits}): an OAuth2
     * client id, a fingerprint of an API key, a user id; never a secret. Null when the credential names no account
     * (missing or invalid: authentication answers it), and by default, so an API without accounts is not limited.
     */
    default String account(SandboxRequest request) {
        return null;
    }

    /**
     * The vendor's own error shape for a request over the rate limit (status 429); the sandbox adds
     * {@code Retry-After}. By default {@code {"status": 429, "message": "..."}}.
     */
    default SandboxResponse tooManyRequests(String message) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", 429);
        body.put("message", message);
        return SandboxResponse.json(429, body);
    }

    /** What {@code GET /sandbox/info} tells about this API: accepted credentials and seeded identifiers. */
    Map<String, Object> info(String baseUrl);
}
