package dev.smskamelets.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A vendor answering as a test says, not as our sandbox would (typically with the vendor spec's own example and
 * error bodies, empty bodies or hostile values): a JDK {@link HttpServer} on a free loopback port that records every
 * request and answers it either with one handler for everything ({@code new MockVendor(request -> answer)}) or with
 * answers scripted per {@code METHOD path} ({@code MockVendor.start().on("GET", "/x", request -> answer)}; an
 * unscripted request gets a 404 naming it). Use in try-with-resources.
 */
public final class MockVendor implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received: method, path, raw query (may be null), headers and body text. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

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

        /** The first value of header {@code name} (any case), or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** The body as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** An answer; {@code contentType} null sends none, {@code body} null or "" sends no body at all. */
    public record Answer(int status, String contentType, String body) {

        /** A JSON text answer ({@code null} = no body). */
        public Answer(int status, String json) {
            this(status, json == null ? null : "application/json", json);
        }

        /** A JSON answer ({@code null} = no body). */
        public Answer(int status, JsonNode json) {
            this(status, json == null ? null : json.toString());
        }

        public static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }
    }

    private final HttpServer server;
    private final Function<Request, Answer> handler;
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** A vendor whose every request is answered by {@code handler}. */
    public MockVendor(Function<Request, Answer> handler) {
        this.handler = handler;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the mock vendor", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** A vendor that answers what {@link #on} scripts. */
    public static MockVendor start() {
        MockVendor[] self = new MockVendor[1];
        self[0] = new MockVendor(request -> self[0].scripted(request));
        return self[0];
    }

    /** Scripts {@code METHOD path} (the path without query, exact match) for a vendor made by {@link #start()}. */
    public MockVendor on(String method, String path, Function<Request, Answer> answer) {
        routes.put(method + " " + path, answer);
        return this;
    }

    private Answer scripted(Request request) {
        Function<Request, Answer> route = routes.get(request.method() + " " + request.path());
        return route != null ? route.apply(request)
                : json(404, "{\"mock\":\"no answer scripted for " + request.method() + " " + request.path() + "\"}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Answer answer;
            try {
                answer = handler.apply(request);
            } catch (RuntimeException e) {
                answer = new Answer(500, JSON.createObjectNode().put("mock", "the test's handler failed: " + e));
            }
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

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return url() + path;
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose path is {@code path} or starts with it, in arrival order. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().startsWith(path)).toList();
    }

    /** The requests with this method whose path matches the regular expression. */
    public List<Request> requests(String method, String pathRegex) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(pathRegex)).toList();
    }

    /** A JSON answer with this status and JSON text. */
    public static Answer json(int status, String body) {
        return new Answer(status, "application/json", body);
    }

    /** An answer with no body at all (and no content type). */
    public static Answer empty(int status) {
        return new Answer(status, null, "");
    }

    /** An OAuth2 token answer. */
    public static JsonNode token() {
        return JSON.createObjectNode().put("access_token", "mock-token").put("token_type", "Bearer")
                .put("expires_in", 3600);
    }

    /** The JSON text of a value (maps, lists), for answers. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mapper, to build answer bodies with. */
    public static ObjectMapper json() {
        return JSON;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
