package dev.smskamelets.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load balancer in front of the cluster test's nodes: each request goes to the next node in turn (round robin);
 * a node that does not answer (refused, reset: killed) or is not ready yet (404/503 while its routes start) is
 * skipped and the request goes to the next one, as a load balancer's passive health check with
 * {@code proxy_next_upstream error http_404 http_503} does. Remembers which node answered what.
 */
public final class RoundRobinProxy implements AutoCloseable {

    /** One answered request: the node (index), its status, the path and the request body. */
    public record Answer(int node, int status, String path, String body) {
    }

    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "expect", "upgrade",
            "transfer-encoding", "keep-alive");
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Integer> ports;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();

    public RoundRobinProxy(int port, List<Integer> nodePorts) throws IOException {
        this.ports = List.copyOf(nodePorts);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(pool);
        server.createContext("/", this::forward);
        server.start();
    }

    private void forward(HttpExchange in) throws IOException {
        byte[] body;
        try (InputStream stream = in.getRequestBody()) {
            body = stream.readAllBytes();
        }
        String path = in.getRequestURI().toString();
        int start = Math.floorMod(next.getAndIncrement(), ports.size());
        for (int i = 0; i < ports.size(); i++) {
            int node = (start + i) % ports.size();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(node) + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(in.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            in.getRequestHeaders().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                continue; // that node is down: the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if ((answer.statusCode() == 404 || answer.statusCode() == 503) && i < ports.size() - 1) {
                continue; // a node still starting (its server up, its routes not yet): not ready, the next one
            }
            answers.add(new Answer(node, answer.statusCode(), path, new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            answer.headers().firstValue("Content-Type").ifPresent(v -> in.getResponseHeaders().add("Content-Type", v));
            byte[] out = answer.body();
            in.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            try (OutputStream stream = in.getResponseBody()) {
                stream.write(out);
            }
            return;
        }
        in.sendResponseHeaders(502, -1);
        in.close();
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
