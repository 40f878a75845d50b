package dev.smskamelets.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox on its own:
 * {@code java -cp target/sms-kamelets-<version>.jar dev.smskamelets.sandbox.SandboxMain --port 8089 --seed 42 --option listrak.optOuts=1000}
 * (see README "Vendor sandbox"). Stops on Ctrl-C.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Sandbox sandbox = start(args);
        if (sandbox == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Vendor sandbox on " + sandbox.baseUrl() + " — GET " + sandbox.baseUrl() + "/sandbox/info; Ctrl-C stops it.");
        stopped.await();
    }

    /** Parses the command line and starts the sandbox (null after {@code --help}); the caller stops it. */
    public static Sandbox start(String... args) {
        Sandbox.Builder builder = Sandbox.builder();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--port" -> builder.port(Integer.parseInt(require(arg, value)));
                case "--host" -> builder.host(require(arg, value));
                case "--seed" -> builder.seed(Long.parseLong(require(arg, value)));
                case "--option" -> {
                    String option = require(arg, value);
                    int eq = option.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--option takes name=value, got '" + option + "'");
                    }
                    options.put(option.substring(0, eq), option.substring(eq + 1));
                }
                case "--help", "-h" -> {
                    System.out.println("Usage: SandboxMain [--port 8089] [--host 127.0.0.1] [--seed 42] [--option name=value]...");
                    return null;
                }
                default -> throw new IllegalArgumentException("Unknown argument '" + arg + "' (try --help)");
            }
            i++;
        }
        return builder.options(options).start();
    }

    private static String require(String arg, String value) {
        if (value == null) {
            throw new IllegalArgumentException(arg + " needs a value");
        }
        return value;
    }
}
