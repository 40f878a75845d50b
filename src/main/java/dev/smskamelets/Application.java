package dev.smskamelets;

import dev.smskamelets.sandbox.Sandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs the library's jobs in Camel Main: the root {@code application.properties} (falling back to the one in the
 * jar), every route in {@code routes/} and every kamelet in {@code kamelets/}. With {@code sandbox.enabled=true}
 * it first starts the vendor sandbox on {@code sandbox.port}, so the demo needs no credentials.
 *
 * <p>Run with {@code mvn camel:run} or {@code java -jar target/sms-kamelets-<version>.jar} (after
 * {@code mvn package}, which copies the dependencies to {@code target/lib}); Ctrl-C stops it.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:sms-kamelets-log4j2.properties");
        }
        int code = newMain().run(args);
        if (code != 0) {
            // Only a failed start reaches here with a non-zero code; a clean Ctrl-C returns 0 and simply ends.
            Runtime.getRuntime().halt(code);
        }
    }

    /**
     * The Camel Main this application runs: the root {@code application.properties} (else the one on the classpath)
     * and the sandbox lifecycle. Tests start it with {@code start()} and override properties first.
     */
    public static Main newMain() {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(
                "file:application.properties;optional=true,classpath:application.properties;optional=true");
        main.addMainListener(new SandboxLifecycle());
        return main;
    }

    /** Starts the embedded vendor sandbox before the routes when {@code sandbox.enabled=true}. */
    static final class SandboxLifecycle extends MainListenerSupport {
        private Sandbox sandbox;

        @Override
        public void beforeStart(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            boolean enabled = context.getPropertiesComponent().resolveProperty("sandbox.enabled")
                    .map(Boolean::parseBoolean).orElse(false);
            if (!enabled) {
                return;
            }
            int port = context.getPropertiesComponent().resolveProperty("sandbox.port").map(Integer::parseInt).orElse(8089);
            long seed = context.getPropertiesComponent().resolveProperty("sandbox.seed").map(Long::parseLong).orElse(42L);
            sandbox = Sandbox.builder().port(port).seed(seed).start();
            context.getRegistry().bind("sandbox", sandbox);
        }

        @Override
        public void afterStop(BaseMainSupport main) {
            if (sandbox != null) {
                sandbox.stop();
            }
        }
    }
}
