package dev.smskamelets.core.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;

/**
 * Logs the web hook requests a source refuses, at WARN, rate-limited: per HTTP status (so a flood of 401s does not
 * hide a 400) the first refusal is logged at once, the following ones within {@code interval} are only counted, and
 * the next line after the interval says how many were not logged. A line names the source, its configured endpoint
 * path (never the request path: a shared secret can be its last segment), the remote address, the status and the
 * reason; callers pass reasons that name no secret and no presented credential.
 */
public final class RejectionLog {

    /** Header with the remote address that camel-platform-http-vertx sets on a request. */
    static final String REMOTE_ADDRESS = "CamelVertxPlatformHttpRemoteAddress";

    private final Logger log;
    private final String what;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<Integer, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param log      the logger of the source
     * @param what     what was refused, e.g. {@code "Text Request web hook delivery"}
     * @param interval at most one line per status in this time
     */
    public RejectionLog(Logger log, String what, Duration interval) {
        this(log, what, interval, System::nanoTime);
    }

    RejectionLog(Logger log, String what, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.what = what;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Records one refusal of the exchange's request and logs it unless a line for its status was logged lately. */
    public void refused(Exchange exchange, String path, int status, String reason) {
        Object remote = exchange.getIn().getHeader(REMOTE_ADDRESS);
        Window window = windows.computeIfAbsent(status, s -> new Window());
        long unlogged;
        synchronized (window) {
            long now = nanoTime.getAsLong();
            if (window.logged && now - window.lastLine < intervalNanos) {
                window.unlogged++;
                return;
            }
            unlogged = window.unlogged;
            window.logged = true;
            window.lastLine = now;
            window.unlogged = 0;
        }
        log.warn("Refused a {} on {} from {}: {} {}{}", what, path, remote == null ? "unknown" : remote, status, reason,
                unlogged == 0 ? "" : " (and " + unlogged + " more refused with " + status + " since the last such line)");
    }

    private static final class Window {
        boolean logged;
        long lastLine;
        long unlogged;
    }
}
