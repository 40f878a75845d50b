package dev.smskamelets.core.idempotent;

import java.util.StringJoiner;

/**
 * Builds idempotency keys "per target and record": {@code <target>:<part>:<part>...}, e.g.
 * {@code textrequest:dashboard-12:+15551234567:optout}. Parts are trimmed; the target is lower-cased. For Java
 * code (e.g. a paging or sink helper); in YAML the equivalent simple expression is enough:
 * {@code textrequest:${header.dashboardId}:${header.phone}:optout}.
 */
public final class IdempotentKey {

    private IdempotentKey() {
    }

    /** {@code target:part1:part2...}; a missing target or part, or a line break, is a clear error. */
    public static String of(String target, Object... parts) {
        StringJoiner key = new StringJoiner(":");
        key.add(check("target", target).toLowerCase(java.util.Locale.ROOT));
        for (int i = 0; i < parts.length; i++) {
            key.add(check("key part " + (i + 1), parts[i] == null ? null : parts[i].toString()));
        }
        return key.toString();
    }

    static String check(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Idempotency key: " + field + " is missing (value '" + value + "')");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Idempotency key: " + field + " contains a line break: '"
                    + value.replace("\n", "\\n").replace("\r", "\\r") + "'");
        }
        return value.trim();
    }
}
