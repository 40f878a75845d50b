package dev.smskamelets.sandbox.textrequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registered web hook. Text Request disables a hook after {@link #DISABLE_AFTER} consecutive non-2xx replies;
 * the sandbox keeps it in the listing with {@code "enabled": false} (a sandbox field next to the vendor's, see
 * docs/sandbox-textrequest-textable.md) and never calls it again until it is deleted and registered anew.
 */
final class TrHook {

    static final int DISABLE_AFTER = 10;

    final int id;
    final int dashboardId;
    final String targetUrl;
    final String event;
    final String httpVerb;
    final boolean userDefined;
    final AtomicInteger consecutiveFailures = new AtomicInteger();
    volatile boolean enabled = true;

    TrHook(int id, int dashboardId, String targetUrl, String event, String httpVerb, boolean userDefined) {
        this.id = id;
        this.dashboardId = dashboardId;
        this.targetUrl = targetUrl;
        this.event = event;
        this.httpVerb = httpVerb;
        this.userDefined = userDefined;
    }

    /** Counts one reply; true when this reply is the one that disables the hook. */
    boolean replied(int status) {
        if (status >= 200 && status < 300) {
            consecutiveFailures.set(0);
            return false;
        }
        if (consecutiveFailures.incrementAndGet() >= DISABLE_AFTER && enabled) {
            enabled = false;
            return true;
        }
        return false;
    }

    /** The {@code webhook} schema (note the vendor's {@code httpVerb} here against {@code http_verb} on input). */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("target_url", targetUrl);
        m.put("event", event);
        m.put("dashboard_id", dashboardId);
        m.put("httpVerb", httpVerb);
        m.put("is_user_defined", userDefined);
        m.put("enabled", enabled);
        m.put("consecutive_failures", consecutiveFailures.get());
        return m;
    }
}
