package dev.smskamelets.sandbox.textable;

import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.Optional;

/**
 * Textable's UserToken authentication: {@code Authorization: Bearer <user API token>}, or the older documented
 * {@code Bearer accountUid:accessToken}. Anything else is a 401 in Textable's error shape.
 */
final class TxAuth {

    private final TxState state;

    TxAuth(TxState state) {
        this.state = state;
    }

    /** Null when the credential names an enabled user, else the 401 answer. */
    SandboxResponse check(SandboxRequest request) {
        String header = request.header("authorization");
        if (header == null || header.isBlank()) {
            return TxErrors.error(401, "Missing Authorization header (Bearer token)");
        }
        return user(request).isPresent() ? null : TxErrors.error(401, "Invalid or expired token");
    }

    Optional<TxUser> user(SandboxRequest request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String credential = header.substring(7).trim();
        return credential.isEmpty() ? Optional.empty() : state.userByCredential(credential);
    }

    /** The caller, for handlers (authentication already passed). */
    TxUser caller(SandboxRequest request) {
        return user(request).orElseThrow(() -> new IllegalStateException("handler reached without an authenticated user"));
    }
}
