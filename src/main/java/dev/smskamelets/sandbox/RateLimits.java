package dev.smskamelets.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-account request-rate limit for each vendor API, the way a vendor's gateway meters one OAuth2 client, API
 * key or user. None of the vendors publishes a limit, so it is off unless configured: {@code rateLimit.<api>=10}
 * (requests per second per account of that API) or {@code rateLimit.default=10} (every API without its own
 * option). Each account has a token bucket holding {@code rateLimit.burstSeconds} (default 1) seconds' worth of
 * requests, refilled continuously at the limit; a request finding it empty is answered 429 in the vendor's own
 * error shape with {@code Retry-After} (whole seconds until the next token, at least 1).
 *
 * <p>The account is what {@link VendorApi#account(SandboxRequest)} names (never a secret); requests naming no account
 * (no or bad credentials, the Listrak token endpoint) are neither limited nor counted. Counters are kept per API and
 * account whether or not a limit is set, so a benchmark can report requests allowed, 429s and the share of the
 * allowed rate it used ({@code GET /sandbox/rate-limits}).
 */
public final class RateLimits {

    /** A configured limit: requests per second per account and the bucket size in requests. */
    public record Limit(double requestsPerSecond, double burst) {
        public Limit {
            if (!(requestsPerSecond > 0) || !(burst >= 1)) {
                throw new IllegalArgumentException("A rate limit needs requestsPerSecond > 0 and burst >= 1, got "
                        + requestsPerSecond + " and " + burst);
            }
        }
    }

    /**
     * What one account of one API did. {@code shareOfAllowedRate} is {@code allowed / (burst + limit × seconds from
     * the account's first to its last request)}: 1.0 means it used every request the limit let through (null when
     * the API has no limit).
     */
    public record AccountCounters(String api, String account, Double limitPerSecond, long allowed, long throttled,
                                  Instant firstRequestAt, Instant lastRequestAt, double seconds,
                                  Double shareOfAllowedRate) {
    }

    /** The outcome for one request: null from {@link #admit} means it may proceed. */
    public record Throttled(String api, String account, long retryAfterSeconds, double limitPerSecond) {
    }

    private static final String PREFIX = "rateLimit.";
    private static final String DEFAULT = "default";

    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    private volatile Limit defaultLimit;
    private final double burstSeconds;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Reads {@code rateLimit.*} options; {@code apiIds} are the APIs a per-API option may name. */
    RateLimits(SandboxConfig config, Collection<String> apiIds) {
        this.burstSeconds = doubleOption(config, PREFIX + "burstSeconds", 1.0);
        if (!(burstSeconds > 0)) {
            throw new IllegalArgumentException("Sandbox option rateLimit.burstSeconds must be > 0, got " + burstSeconds);
        }
        for (Map.Entry<String, String> option : config.options().entrySet()) {
            String name = option.getKey();
            if (!name.startsWith(PREFIX) || name.equals(PREFIX + "burstSeconds")) {
                continue;
            }
            String api = name.substring(PREFIX.length());
            if (!api.equals(DEFAULT) && !apiIds.contains(api)) {
                throw new IllegalArgumentException("Sandbox option " + name + " names no API: use rateLimit.default or "
                        + "rateLimit.<api> with <api> one of " + apiIds);
            }
            double perSecond = doubleOption(config, name, 0);
            if (perSecond < 0) {
                throw new IllegalArgumentException("Sandbox option " + name + " must be >= 0 (0 = no limit), got '"
                        + option.getValue() + "'");
            }
            if (perSecond > 0) {
                if (api.equals(DEFAULT)) {
                    defaultLimit = limitOf(perSecond);
                } else {
                    limits.put(api, limitOf(perSecond));
                }
            }
        }
    }

    private Limit limitOf(double perSecond) {
        return new Limit(perSecond, Math.max(1.0, perSecond * burstSeconds));
    }

    /**
     * Sets (or with {@code requestsPerSecond <= 0} removes) the limit of one API. Counters are kept; an account's
     * bucket starts full under the new limit.
     */
    public void limit(String api, double requestsPerSecond) {
        if (requestsPerSecond > 0) {
            limits.put(api, limitOf(requestsPerSecond));
        } else {
            limits.remove(api);
        }
    }

    /** Sets (or with {@code requestsPerSecond <= 0} removes) the limit of every API without its own. */
    public void defaultLimit(double requestsPerSecond) {
        defaultLimit = requestsPerSecond > 0 ? limitOf(requestsPerSecond) : null;
    }

    /** The limit that applies to an API, or null. */
    public Limit limitFor(String api) {
        Limit own = limits.get(api);
        return own != null ? own : defaultLimit;
    }

    /** Null when the request may proceed (and counts it), else the 429 to answer (and counts that). */
    public Throttled admit(String api, String account) {
        if (account == null) {
            return null;
        }
        Limit limit = limitFor(api);
        Bucket bucket = buckets.compute(api + '\u0000' + account,
                (key, old) -> old != null && old.limit == limit ? old : new Bucket(api, account, limit, old));
        return bucket.take();
    }

    /** Counters of every API and account seen since the start or the last {@link #resetCounters()}. */
    public List<AccountCounters> counters() {
        List<AccountCounters> list = new ArrayList<>();
        buckets.values().forEach(b -> list.add(b.counters()));
        list.sort(Comparator.comparing(AccountCounters::api).thenComparing(AccountCounters::account));
        return list;
    }

    /** One account's counters, or null when it made no request. */
    public AccountCounters counters(String api, String account) {
        Bucket bucket = buckets.get(api + '\u0000' + account);
        return bucket == null ? null : bucket.counters();
    }

    /** Forgets counters and refills every bucket; limits stay. */
    public void resetCounters() {
        buckets.clear();
    }

    /** What {@code GET /sandbox/rate-limits} answers. */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> configured = new LinkedHashMap<>(limits);
        if (defaultLimit != null) {
            configured.put(DEFAULT, defaultLimit);
        }
        out.put("limits", configured);
        out.put("burstSeconds", burstSeconds);
        out.put("accounts", counters());
        return out;
    }

    private static double doubleOption(SandboxConfig config, String name, double defaultValue) {
        String value = config.option(name, null);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Sandbox option " + name + " must be a number, got '" + value + "'");
        }
    }

    /** One account's token bucket and counters. */
    private static final class Bucket {
        final String api;
        final String account;
        final Limit limit;
        double tokens;
        long refilledAt;
        long allowed;
        long throttled;
        long firstNanos;
        long lastNanos;
        Instant firstAt;
        Instant lastAt;

        Bucket(String api, String account, Limit limit, Bucket previous) {
            this.api = api;
            this.account = account;
            this.limit = limit;
            this.tokens = limit == null ? 0 : limit.burst();
            this.refilledAt = System.nanoTime();
            if (previous != null) { // the limit changed: keep counting from where the account was
                synchronized (previous) {
                    allowed = previous.allowed;
                    throttled = previous.throttled;
                    firstNanos = previous.firstNanos;
                    lastNanos = previous.lastNanos;
                    firstAt = previous.firstAt;
                    lastAt = previous.lastAt;
                }
            }
        }

        synchronized Throttled take() {
            long now = System.nanoTime();
            if (firstAt == null) {
                firstNanos = now;
                firstAt = Instant.now();
            }
            lastNanos = now;
            lastAt = Instant.now();
            if (limit == null) {
                allowed++;
                return null;
            }
            tokens = Math.min(limit.burst(), tokens + (now - refilledAt) / 1e9 * limit.requestsPerSecond());
            refilledAt = now;
            if (tokens >= 1.0) {
                tokens -= 1.0;
                allowed++;
                return null;
            }
            throttled++;
            double wait = (1.0 - tokens) / limit.requestsPerSecond();
            return new Throttled(api, account, Math.max(1L, (long) Math.ceil(wait)), limit.requestsPerSecond());
        }

        synchronized AccountCounters counters() {
            double seconds = (lastNanos - firstNanos) / 1e9;
            Double share = limit == null ? null
                    : allowed / (limit.burst() + limit.requestsPerSecond() * seconds);
            return new AccountCounters(api, account, limit == null ? null : limit.requestsPerSecond(), allowed,
                    throttled, firstAt, lastAt, seconds, share);
        }
    }
}
