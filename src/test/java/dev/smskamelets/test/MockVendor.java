package dev.smskamelets.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A vendor answering as a test says, not as our sandbox would: a JDK {@link HttpServer} on a free loopback port that
 * hands every request to {@code answer} and records it. Use in try-with-resources.
 */
public final class MockVendor implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received: path, raw query (may be null) and body text. */
    public record Request(String method, String path, String query, String body) {

        /** The decoded value of query parameter {@code name}, or null. */
        public String param(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** An answer: status and JSON body (null for none). */
    public record Answer(int status, JsonNode body) {
        public static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public MockVendor(Function<Request, Answer> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> handle(exchange, answer));
        server.start();
    }

    private void handle(HttpExchange exchange, Function<Request, Answer> answer) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Answer reply;
            try {
                reply = answer.apply(request);
            } catch (RuntimeException e) {
                reply = new Answer(500, JSON.createObjectNode().put("message", String.valueOf(e)));
            }
            byte[] body = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
            if (reply.body() != null) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests whose path starts with {@code pathPrefix}, in arrival order. */
    public List<Request> requests(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    /** An OAuth2 token answer. */
    public static JsonNode token() {
        return JSON.createObjectNode().put("access_token", "mock-token").put("token_type", "Bearer")
                .put("expires_in", 3600);
    }

    public static ObjectMapper json() {
        return JSON;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
