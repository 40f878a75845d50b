package dev.smskamelets.test;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A web hook receiver for tests: a JDK HTTP server on a free loopback port that keeps every request it gets (method,
 * path, lower-case headers, raw body bytes) and answers with a configurable status.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One received request; {@code body} holds the raw bytes as sent. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static {
        // Same as the sandbox: no Nagle delay on the JDK HTTP server (read once per JVM, by whichever starts first).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:40123}; append any path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void respondWith(int value) {
        this.status = value;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Waits (up to 30 s) until at least {@code count} requests match, then returns them; fails otherwise. */
    public List<Received> await(Predicate<Received> filter, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<Received> matches = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            matches = received(filter);
            if (matches.size() >= count) {
                return matches;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("Expected " + count + " matching web hook deliveries, got " + matches.size() + ": " + received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
