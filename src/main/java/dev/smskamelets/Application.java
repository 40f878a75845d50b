package dev.smskamelets;

import dev.smskamelets.core.job.JobDurations;
import dev.smskamelets.core.webhook.ServerIdleTimeout;
import io.vertx.core.Vertx;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.SandboxWiring;
import dev.smskamelets.sandbox.StopSimulator;
import dev.smskamelets.jobs.optout.audit.AuditHttp;
import dev.smskamelets.jobs.optout.audit.OptOutAudit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.LoggerFactory;

/**
 * Runs the library's jobs in Camel Main: the root {@code application.properties} (falling back to the one in the
 * jar), every route in {@code routes/} and every kamelet in {@code kamelets/}. With {@code sandbox.enabled=true}
 * it first starts the vendor sandbox on {@code sandbox.port}, so the demo needs no credentials.
 *
 * <p>Run with {@code mvn camel:run} or {@code java -jar target/sms-kamelets-<version>-sandbox.jar} (after
 * {@code mvn package}, which copies the dependencies to {@code target/lib}); Ctrl-C stops it.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "sms-kamelets-log4j2.properties");
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
        main.addMainListener(new dev.smskamelets.core.cluster.ClusterMode());
        main.addMainListener(new SandboxLifecycle());
        main.addMainListener(new ServerIdleTimeoutLifecycle());
        main.addMainListener(new AuditReportHint());
        return main;
    }

    /**
     * Gives both embedded HTTP servers (web hooks, management) the idle timeout {@code server.idle-timeout}
     * (default 30 s; Camel Main has no option for it): binds a {@link ServerIdleTimeout} Vert.x instance, which the
     * servers take from the registry, unless the registry already holds one; closes it after the context stopped.
     */
    static final class ServerIdleTimeoutLifecycle extends MainListenerSupport {
        private Vertx vertx;

        @Override
        public void beforeConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            if (!context.getRegistry().findByType(Vertx.class).isEmpty()) {
                return;
            }
            Duration idle = context.getPropertiesComponent().resolveProperty("server.idle-timeout")
                    .map(JobDurations::parse).orElse(Duration.ofSeconds(30));
            vertx = ServerIdleTimeout.vertx(idle);
            context.getRegistry().bind("smsServerVertx", Vertx.class, vertx);
        }

        @Override
        public void afterStop(BaseMainSupport main) {
            if (vertx != null) {
                vertx.close();
                vertx = null;
            }
        }
    }

    /**
     * Starts the embedded vendor sandbox before the routes are configured when {@code sandbox.enabled=true}, and
     * points every vendor connection property ({@code listrak.*}, {@code textrequest.*}, {@code textable.*}) at it
     * as override properties: the demo needs no credentials. Textable's relay webhook of the first sandbox user is
     * set to this process's relay endpoint with a shared secret made up for this run, and with
     * {@code sandbox.simulate-stops-every} above zero a customer texts STOP to one vendor after another.
     */
    static final class SandboxLifecycle extends MainListenerSupport {
        private Sandbox sandbox;
        private StopSimulator simulator;

        @Override
        public void beforeConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            PropertiesComponent pc = context.getPropertiesComponent();
            if (!pc.resolveProperty("sandbox.enabled").map(Boolean::parseBoolean).orElse(false)) {
                return;
            }
            int port = pc.resolveProperty("sandbox.port").map(Integer::parseInt).orElse(8089);
            long seed = pc.resolveProperty("sandbox.seed").map(Long::parseLong).orElse(42L);
            String relaySecret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            String relayUrl = "http://127.0.0.1:" + pc.resolveProperty("camel.server.port").orElse("8080")
                    + pc.resolveProperty("optout.textable.relay-path").orElse("/textable/relay") + "/" + relaySecret;
            sandbox = Sandbox.builder().port(port).seed(seed).option("textable.relayWebhook", relayUrl).start();
            context.getRegistry().bind("sandbox", sandbox);
            SandboxWiring.properties(sandbox).forEach(pc::addOverrideProperty);
            pc.addOverrideProperty("optout.textable.relay-secret", relaySecret);
            pc.addOverrideProperty("optout.textrequest.webhook-url", "http://127.0.0.1:"
                    + pc.resolveProperty("camel.server.port").orElse("8080")
                    + pc.resolveProperty("optout.textrequest.webhook-path").orElse("/textrequest/webhook") + "/contact_updated");
            LoggerFactory.getLogger(Application.class).info("Sandbox of the five vendor APIs on {} (seed {}); jobs point at it, no credentials needed",
                    sandbox.baseUrl(), seed);
            Duration every = pc.resolveProperty("sandbox.simulate-stops-every").map(JobDurations::parse)
                    .orElse(Duration.ZERO);
            if (!every.isZero()) {
                int dashboard = pc.resolveProperty("sandbox.simulate-stops-dashboard").map(Integer::parseInt).orElse(101);
                simulator = new StopSimulator(sandbox, dashboard, "+15125550100").start(every);
            }
        }

        @Override
        public void afterStop(BaseMainSupport main) {
            if (simulator != null) {
                simulator.close();
            }
            if (sandbox != null) {
                sandbox.stop();
            }
        }
    }

    /**
     * Once started, prints where to see the opt-out audit report (one INFO line): the management server's
     * {@code /observe/audit/report} with its Bearer token, and the CLI. In the sandbox demo without {@code AUDIT_TOKEN}
     * it makes up a token for this run and writes it, owner-readable only, to {@code <audit directory>/../audit-token}
     * (the token itself is never logged).
     */
    static final class AuditReportHint extends MainListenerSupport {
        private Path demoTokenFile;

        /** Before the start (the endpoint mounts itself then): the demo's made-up token, when it needs one. */
        @Override
        public void afterConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            OptOutAudit audit = context.getRegistry().lookupByNameAndType("optoutAudit", OptOutAudit.class);
            AuditHttp http = context.getRegistry().lookupByNameAndType("optoutAuditHttp", AuditHttp.class);
            if (audit == null || http == null || http.hasToken() || !context.getPropertiesComponent()
                    .resolveProperty("sandbox.enabled").map(Boolean::parseBoolean).orElse(false)) {
                return;
            }
            Path file = Path.of(audit.getDirectory()).toAbsolutePath().resolveSibling("audit-token");
            try {
                String made = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
                Files.writeString(file, made);
                http.setToken(made);
                demoTokenFile = file;
            } catch (IOException e) {
                LoggerFactory.getLogger(Application.class).warn("Cannot write the demo audit token to {}: {}", file, e.getMessage());
            }
        }

        @Override
        public void afterStart(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            OptOutAudit audit = context.getRegistry().lookupByNameAndType("optoutAudit", OptOutAudit.class);
            AuditHttp http = context.getRegistry().lookupByNameAndType("optoutAuditHttp", AuditHttp.class);
            if (audit == null) {
                return;
            }
            PropertiesComponent pc = context.getPropertiesComponent();
            String token = demoTokenFile != null
                    ? "the Bearer token in " + demoTokenFile + ", made up for this demo run; set AUDIT_TOKEN for your own"
                    : http != null && http.hasToken() ? "the Bearer token AUDIT_TOKEN"
                    : "the Bearer token AUDIT_TOKEN, which is not set: every request is refused until it is";
            LocalDate today = LocalDate.now(audit.getZone());
            LocalDate from = today.minusDays(30);
            boolean management = pc.resolveProperty("camel.management.enabled").map(Boolean::parseBoolean).orElse(false);
            String where = management && http != null
                    ? "GET http://" + pc.resolveProperty("camel.management.host").orElse("127.0.0.1") + ":"
                            + pc.resolveProperty("camel.management.port").orElse("9876")
                            + http.getBasePath() + "/report?from=" + from + "&to=" + today + " with " + token + "; "
                    : "";
            LoggerFactory.getLogger(Application.class).info("Opt-out audit report (CSV, docs/audit.md): {}CLI: java -cp"
                    + " \"target/sms-kamelets-0.1.0-SNAPSHOT.jar:target/lib/*\" dev.smskamelets.jobs.optout.audit.AuditCli"
                    + " report {} {} --dir {} (the journey of a number: AuditCli journey +15125550123 --dir {})", where,
                    from, today, audit.getDirectory(), audit.getDirectory());
        }
    }
}
