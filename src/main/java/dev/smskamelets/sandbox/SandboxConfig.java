package dev.smskamelets.sandbox;

import java.util.Map;
import java.util.TreeMap;

/**
 * Start-up settings: host, port, seed and named seed options (dataset sizes and the like, e.g.
 * {@code listrak.optOuts=1000000}). Every vendor API documents the options it reads in its {@code info()} and
 * in the README; unknown options are ignored.
 */
public final class SandboxConfig {

    public static final int DEFAULT_PORT = 8089;

    private final String host;
    private final int port;
    private final long seed;
    private final Map<String, String> options;

    public SandboxConfig(String host, int port, long seed, Map<String, String> options) {
        this.host = host;
        this.port = port;
        this.seed = seed;
        this.options = new TreeMap<>(options);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public long seed() {
        return seed;
    }

    public Map<String, String> options() {
        return Map.copyOf(options);
    }

    public String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    public int intOption(String name, int defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Sandbox option " + name + " must be a whole number, got '" + value + "'");
        }
    }

    public long longOption(String name, long defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Sandbox option " + name + " must be a whole number, got '" + value + "'");
        }
    }
}
