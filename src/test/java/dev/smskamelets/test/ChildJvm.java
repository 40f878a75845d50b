package dev.smskamelets.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmarks' child JVMs: a main class of this class path with a capped heap and a GC log, a standalone sandbox
 * started and waited for, and the heap figures of a GC log.
 */
public final class ChildJvm {

    /** Largest heap occupancy before a GC pause and after one (MB), and the number of pauses. */
    public record GcPeaks(long beforeMb, long afterMb, int gcs) {
    }

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private ChildJvm() {
    }

    /** A standalone sandbox JVM ({@code SandboxMain}, seed 42) on a free loopback port; closing it stops it. */
    public record Sandbox(Process process, String base) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * Starts {@code SandboxMain} with {@code -Xmx<heap>} and the seed options ({@code name=value}), its output into
     * {@code out}, and waits until it answers.
     */
    public static Sandbox sandbox(String heap, Path out, String... options) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--seed", "42"));
        for (String option : options) {
            args.addAll(List.of("--option", option));
        }
        Sandbox sandbox = new Sandbox(java(heap, null, "dev.smskamelets.sandbox.SandboxMain", args.toArray(String[]::new))
                .redirectOutput(out.toFile()).start(), "http://127.0.0.1:" + port);
        try {
            awaitSandbox(sandbox.base());
        } catch (Exception | Error e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    /** {@code java -Xmx<heap> [-Xlog:gc:file=<gcLog>] -cp <this class path> <main> <args>}, stderr into stdout. */
    public static ProcessBuilder java(String heap, Path gcLog, String main, String... args) {
        return java(heap, gcLog, List.of(), main, args);
    }

    /** The same with more JVM options (a JFR recording, say) before the main class. */
    public static ProcessBuilder java(String heap, Path gcLog, List<String> jvmOptions, String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        if (gcLog != null) {
            command.add("-Xlog:gc:file=" + gcLog);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Waits up to a minute for {@code <base>/sandbox/info} to answer 200. */
    public static void awaitSandbox(String base) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                if (HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/sandbox/info")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("sandbox did not start on " + base);
    }

    /** The GC log's peaks (pauses only). */
    public static GcPeaks gcPeaks(Path gcLog) throws IOException {
        long before = 0;
        long after = 0;
        int gcs = 0;
        for (String l : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(l);
            if (m.find() && l.contains("Pause")) {
                gcs++;
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
            }
        }
        return new GcPeaks(before, after, gcs);
    }
}
