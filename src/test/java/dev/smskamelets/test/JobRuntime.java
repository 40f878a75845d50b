package dev.smskamelets.test;

import dev.smskamelets.Application;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.SandboxWiring;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * A job of {@code routes/} running in the application's own Camel Main (root {@code application.properties},
 * kamelets from the checkout) against a test's sandbox: the sandbox's URLs and credentials as override properties,
 * the stores in a temporary folder, the web hook server on a free port, the management server off.
 */
public final class JobRuntime implements AutoCloseable {

    private final Main main;

    private JobRuntime(Main main) {
        this.main = main;
    }

    /** Properties every job test needs; callers add or replace entries before {@link #start}. */
    public static Map<String, String> properties(String routesFile, Sandbox sandbox, Path data, int serverPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.main.routes-include-pattern", "file:" + routesFile);
        p.put("camel.component.kamelet.location", "file:kamelets");
        p.put("sandbox.enabled", "false");
        p.putAll(SandboxWiring.properties(sandbox));
        p.put("camel.server.port", String.valueOf(serverPort));
        p.put("camel.management.enabled", "false");
        p.put("camel.beans.smsStateRepository.filePath", data.resolve("state.properties").toString());
        p.put("camel.beans.smsIdempotentRepository.filePath", data.resolve("idempotent.log").toString());
        p.put("camel.beans.smsDeadLetterStore.directory", data.resolve("dead-letters").toString());
        p.put("camel.beans.optoutAudit.directory", data.resolve("audit").toString());
        return p;
    }

    public static JobRuntime start(Map<String, String> properties) throws Exception {
        Main main = Application.newMain();
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (RuntimeException e) {
            main.stop();
            throw e;
        }
        return new JobRuntime(main);
    }

    /**
     * The application as its own JVM ({@code java -cp <this class path> dev.smskamelets.Application}) with the
     * properties as {@code -D} options, from the project folder, console appended to {@code log}: for tests that kill
     * it hard or cap its heap.
     */
    public static Process spawn(Map<String, String> properties, Path log, String... jvmOptions) throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.util.List.of(jvmOptions));
        command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path")));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(Application.class.getName());
        return new ProcessBuilder(command).directory(new java.io.File(".")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        main.stop();
    }
}
