package dev.smskamelets.sandbox.textrequest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic identifiers: the same seed gives the same GUIDs, so runs and logs can be compared. */
final class TrIds {

    private final long seed;
    private long next;

    TrIds(long seed) {
        this.seed = seed;
    }

    /** A fresh GUID of this kind (message, tag, custom field), derived from the seed and a running number. */
    String guid(String kind) {
        return UUID.nameUUIDFromBytes((seed + ":" + kind + ":" + (++next)).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
