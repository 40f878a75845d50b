package dev.smskamelets.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A vendor stand-in for tests whose defect comes from how a vendor answers: a JDK {@link HttpServer} on a free
 * loopback port that answers each {@code METHOD path} with what the test scripts (typically the vendor spec's own
 * example body), and records every request it got. Unscripted requests get a 404 naming them.
 *
 * <pre>{@code
 * try (MockVendor vendor = MockVendor.start()) {
 *     vendor.on("GET", "/echo", req -> MockVendor.json(400, "{\"error_message\":\"...\"}"));
 *     ... point a kamelet's baseUrl at vendor.url() ...
 * }
 * }</pre>
 */
public final class MockVendor implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** One scripted answer; {@code contentType} null sends none, {@code body} "" sends an empty body. */
    public record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private MockVendor() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static MockVendor start() {
        try {
            return new MockVendor();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the mock vendor: " + e, e);
        }
    }

    /** A JSON answer. */
    public static Answer json(int status, String body) {
        return new Answer(status, "application/json", body);
    }

    /** An answer with no body at all (and no content type). */
    public static Answer empty(int status) {
        return new Answer(status, null, "");
    }

    /** Scripts {@code METHOD path} (the path without query, exact match). */
    public MockVendor on(String method, String path, Function<Request, Answer> answer) {
        routes.put(method + " " + path, answer);
        return this;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests received for one path. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            Function<Request, Answer> route = routes.get(request.method() + " " + request.path());
            Answer answer = route != null ? route.apply(request)
                    : json(404, "{\"mock\":\"no answer scripted for " + request.method() + " " + request.path() + "\"}");
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
