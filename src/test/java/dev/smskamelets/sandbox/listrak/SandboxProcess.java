package dev.smskamelets.sandbox.listrak;

import java.io.IOException;
import java.net.ConnectException;
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
 * A standalone sandbox ({@code SandboxMain}) in its own JVM with a capped heap and a GC log, for benchmarks that
 * measure the sandbox's memory apart from the client's.
 */
final class SandboxProcess implements AutoCloseable {

    /** Heap figures from the GC log: largest occupancy before any GC, and after the final full GC. */
    record Heap(long peakMb, long liveMb, int gcs) {
    }

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final Path gcLog;
    private final Path out;
    final String baseUrl;

    SandboxProcess(String maxHeap, String... options) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        gcLog = Files.createTempFile("sandbox-gc-", ".log");
        out = Files.createTempFile("sandbox-out-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                "dev.smskamelets.sandbox.SandboxMain", "--port", Integer.toString(port)));
        for (String option : options) {
            command.add("--option");
            command.add(option);
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        baseUrl = "http://127.0.0.1:" + port;
        awaitUp();
    }

    private void awaitUp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/info")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("sandbox did not start on " + baseUrl);
    }

    /** Runs a full GC in the sandbox JVM, then reads its GC log. */
    Heap heap() throws IOException, InterruptedException {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start().waitFor();
        Thread.sleep(500);
        long peak = 0;
        long live = -1;
        int gcs = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find() && line.contains("Pause")) {
                gcs++;
                peak = Math.max(peak, Long.parseLong(m.group(1)));
                if (line.contains("Pause Full")) {
                    live = Long.parseLong(m.group(2));
                }
            }
        }
        return new Heap(peak, live, gcs);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        process.waitFor();
        Files.deleteIfExists(gcLog);
        Files.deleteIfExists(out);
    }
}
