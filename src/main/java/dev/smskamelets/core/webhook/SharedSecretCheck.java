package dev.smskamelets.core.webhook;

import dev.smskamelets.core.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * Authenticates an unsigned web hook delivery by a shared secret the sender presents either as the <b>last path
 * segment</b> of the URL it posts to ({@code https://host/textable/relay/<secret>}, the only way a sender that just
 * calls a configured URL can carry it) or in a <b>request header</b> (added by a gateway in front). The comparison
 * is constant-time: both values are hashed with SHA-256 and the digests compared with
 * {@link MessageDigest#isEqual}, so neither a differing position nor a differing length shows in the timing.
 *
 * <p>The secret must be at least {@value #MIN_LENGTH} characters of {@code [A-Za-z0-9._~-]} (URL-safe, no decoding
 * ambiguity); it is registered with the {@link Redactor} so no log line shows it. Nothing here logs.
 */
public final class SharedSecretCheck {

    /** Shortest accepted secret. */
    public static final int MIN_LENGTH = 16;
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    /** Where the sender presents the secret. */
    public enum Location { PATH, HEADER }

    private final byte[] expectedDigest;
    private final Location location;
    private final String headerName;
    private final String basePath;

    /** A check without a base path: in path mode any path whose last segment is the secret. */
    public SharedSecretCheck(String secret, String location, String headerName) {
        this(secret, location, headerName, null);
    }

    /**
     * @param secret     the shared secret (at least 16 URL-safe characters)
     * @param location   {@code path} or {@code header} (case-insensitive)
     * @param headerName the header carrying the secret when {@code location} is {@code header}
     * @param basePath   in path mode, the path the secret segment must directly follow (e.g. {@code /textable/relay};
     *                   a server context path before it is allowed); null or blank = any
     */
    public SharedSecretCheck(String secret, String location, String headerName, String basePath) {
        if (secret == null || secret.length() < MIN_LENGTH || !URL_SAFE.matcher(secret).matches()) {
            throw new IllegalArgumentException("sharedSecret must be at least " + MIN_LENGTH
                    + " characters of A-Z a-z 0-9 . _ ~ - (e.g. openssl rand -hex 32), got "
                    + (secret == null ? "none" : secret.length() + " characters"));
        }
        this.location = location(location);
        if (this.location == Location.HEADER && (headerName == null || headerName.isBlank())) {
            throw new IllegalArgumentException("headerName is required when the secret is presented in a header, got '"
                    + headerName + "'");
        }
        Redactor.registerSecret(secret);
        this.expectedDigest = sha256(secret);
        this.headerName = headerName == null ? null : headerName.strip();
        String base = basePath == null ? "" : basePath.strip();
        this.basePath = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static Location location(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        try {
            return Location.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The shared secret location must be 'path' or 'header', got '" + value + "'");
        }
    }

    /** True when the exchange (a platform-http request) presents the secret where configured. */
    public boolean accepts(Exchange exchange) {
        return matches(presented(exchange));
    }

    /** The value the request presents: the last path segment, or the header; null when there is none. */
    String presented(Exchange exchange) {
        if (location == Location.HEADER) {
            return exchange.getIn().getHeader(headerName, String.class);
        }
        String path = exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null || path.endsWith("/")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        if (!basePath.isEmpty() && !path.substring(0, Math.max(slash, 0)).endsWith(basePath)) {
            return null;
        }
        return path.substring(slash + 1);
    }

    /** Constant-time comparison with the configured secret; false for null or empty. */
    public boolean matches(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), expectedDigest);
    }

    public Location location() {
        return location;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SharedSecretCheck[" + location.name().toLowerCase(Locale.ROOT)
                + (location == Location.HEADER ? " " + headerName : "") + "]";
    }
}
