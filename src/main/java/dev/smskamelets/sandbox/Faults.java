package dev.smskamelets.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault injection per API and operation. A rule targets an API id ({@code listrak-sms}) and an operation id, or
 * {@code *} for every operation of that API. Rules are set through {@code /sandbox/faults} or this Java API.
 *
 * <p>Before a request reaches its handler the first matching rule may: answer 429 once the rate limit is
 * exceeded ({@code Retry-After} in seconds or as an HTTP-date), answer a percentage of 500/502/503, drop the
 * connection without an answer, delay the answer, answer an HTML error page (status 200 or 502) or, after the
 * handler, truncate the JSON body. Pausing an integration and revoking tokens are vendor-level faults the
 * {@link VendorApi}s ask for through {@link #paused(String)} and {@link #tokensRevokedAt(String)}.
 */
public final class Faults {

    /** How a rule misbehaves; unset numbers mean "not this fault". All percentages are 0–100. */
    public static final class Rule {
        public String api;
        public String operation = "*";
        /** Requests per second allowed before 429s, 0 = no limit. */
        public double rateLimitPerSecond;
        /** {@code seconds} or {@code http-date}. */
        public String retryAfterFormat = "seconds";
        public int retryAfterSeconds = 1;
        public int errorPercent;
        public List<Integer> errorStatuses = List.of(500, 502, 503);
        public int resetPercent;
        public long delayMillis;
        public int delayPercent = 100;
        public int malformedJsonPercent;
        public int htmlPercent;
        public int htmlStatus = 502;
        /** Stop applying the rule after this many faults, 0 = unlimited. */
        public int maxFaults;

        transient int faultsDone;
        transient double tokens;
        transient long lastRefill;

        public Rule api(String value) { this.api = value; return this; }
        public Rule operation(String value) { this.operation = value; return this; }
        public Rule rateLimit(double perSecond, String format) {
            this.rateLimitPerSecond = perSecond;
            this.retryAfterFormat = format;
            return this;
        }
        public Rule errors(int percent, Integer... statuses) {
            this.errorPercent = percent;
            if (statuses.length > 0) {
                this.errorStatuses = List.of(statuses);
            }
            return this;
        }
        public Rule resets(int percent) { this.resetPercent = percent; return this; }
        public Rule delay(long millis) { this.delayMillis = millis; return this; }
        public Rule malformedJson(int percent) { this.malformedJsonPercent = percent; return this; }
        public Rule html(int percent, int status) { this.htmlPercent = percent; this.htmlStatus = status; return this; }
        public Rule maxFaults(int n) { this.maxFaults = n; return this; }
    }

    /** What the server does before the handler. */
    public sealed interface Decision permits Respond, Drop, Delay {
    }

    public record Respond(SandboxResponse response, String fault) implements Decision {
    }

    public record Drop() implements Decision {
    }

    public record Delay(long millis) implements Decision {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> revokedAt = new ConcurrentHashMap<>();
    private final Random random;

    public Faults(long seed) {
        this.random = new Random(seed);
    }

    public synchronized Rule add(Rule rule) {
        if (rule.api == null) {
            throw new IllegalArgumentException("A fault rule needs an api");
        }
        rules.add(rule);
        return rule;
    }

    public synchronized List<Rule> rules() {
        return List.copyOf(rules);
    }

    public synchronized void clear() {
        rules.clear();
        paused.clear();
        revokedAt.clear();
    }

    /** Pauses an integration: every request and token request of it is rejected as the vendor does. */
    public void pause(String integration, boolean value) {
        if (value) {
            paused.add(integration);
        } else {
            paused.remove(integration);
        }
    }

    public boolean paused(String integration) {
        return paused.contains(integration);
    }

    /** Revokes every token of an integration issued until now (token expiry or revocation mid-run). */
    public void revokeTokens(String integration) {
        revokedAt.put(integration, System.currentTimeMillis());
    }

    /** Epoch millis of the last revocation for an integration, or 0. */
    public long tokensRevokedAt(String integration) {
        return revokedAt.getOrDefault(integration, 0L);
    }

    synchronized Decision before(String api, String operationId) {
        for (Rule rule : rules) {
            if (!matches(rule, api, operationId) || exhausted(rule)) {
                continue;
            }
            if (rule.rateLimitPerSecond > 0) {
                // Token bucket: bursts up to one second's worth, refilled continuously at the limit.
                long now = System.nanoTime();
                double capacity = Math.max(1.0, rule.rateLimitPerSecond);
                if (rule.lastRefill == 0) {
                    rule.tokens = capacity;
                } else {
                    rule.tokens = Math.min(capacity,
                            rule.tokens + (now - rule.lastRefill) / 1e9 * rule.rateLimitPerSecond);
                }
                rule.lastRefill = now;
                if (rule.tokens < 1.0) {
                    rule.faultsDone++;
                    return new Respond(tooManyRequests(rule), "rate-limit");
                }
                rule.tokens -= 1.0;
            }
            if (hit(rule.resetPercent)) {
                rule.faultsDone++;
                return new Drop();
            }
            if (hit(rule.errorPercent)) {
                rule.faultsDone++;
                int status = rule.errorStatuses.get(random.nextInt(rule.errorStatuses.size()));
                return new Respond(SandboxResponse.json(status, Map.of("message", "Injected fault " + status)),
                        "error-" + status);
            }
            if (hit(rule.htmlPercent)) {
                rule.faultsDone++;
                return new Respond(SandboxResponse.text(rule.htmlStatus, "text/html; charset=utf-8",
                        "<html><head><title>" + rule.htmlStatus + " Bad Gateway</title></head><body><h1>Bad Gateway"
                                + "</h1><p>The upstream server returned an invalid response.</p></body></html>"),
                        "html-" + rule.htmlStatus);
            }
            if (rule.delayMillis > 0 && hit(rule.delayPercent)) {
                rule.faultsDone++;
                return new Delay(rule.delayMillis);
            }
        }
        return null;
    }

    synchronized SandboxResponse after(String api, String operationId, SandboxResponse response) {
        String type = response.headers().getOrDefault("Content-Type", "");
        if (!type.startsWith("application/json") || response.body().length < 2) {
            return response;
        }
        for (Rule rule : rules) {
            if (matches(rule, api, operationId) && !exhausted(rule) && hit(rule.malformedJsonPercent)) {
                rule.faultsDone++;
                byte[] body = response.body();
                byte[] cut = new byte[Math.max(1, body.length / 2)];
                System.arraycopy(body, 0, cut, 0, cut.length);
                SandboxResponse truncated = SandboxResponse.raw(response.status(), type, cut);
                response.headers().forEach((k, v) -> {
                    if (!k.equalsIgnoreCase("Content-Type")) {
                        truncated.header(k, v);
                    }
                });
                return truncated;
            }
        }
        return response;
    }

    private static SandboxResponse tooManyRequests(Rule rule) {
        String retryAfter = "http-date".equals(rule.retryAfterFormat)
                ? DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC)
                        .plusSeconds(rule.retryAfterSeconds))
                : Integer.toString(rule.retryAfterSeconds);
        return SandboxResponse.raw(429, "application/json; charset=utf-8",
                        "{\"status\":429,\"message\":\"Too many requests\"}".getBytes(StandardCharsets.UTF_8))
                .header("Retry-After", retryAfter);
    }

    private static boolean matches(Rule rule, String api, String operationId) {
        return rule.api.equals(api) && ("*".equals(rule.operation) || rule.operation.equals(operationId));
    }

    private static boolean exhausted(Rule rule) {
        return rule.maxFaults > 0 && rule.faultsDone >= rule.maxFaults;
    }

    private boolean hit(int percent) {
        return percent > 0 && (percent >= 100 || random.nextInt(100) < percent);
    }
}
