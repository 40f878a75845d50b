package dev.smskamelets.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of the sandbox (JDK HTTP server, no extra dependency). For each request: find the vendor API
 * by path prefix and the operation by template, log it, apply injected faults, check the vendor contract,
 * authenticate like the vendor, run the handler under the state lock, and answer.
 */
final class SandboxServer {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

    static {
        // The JDK server writes headers and body separately; with Nagle on, every answer waits for the client's
        // delayed ACK (about 40 ms). The property is read once per JVM, when the first JDK HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final List<VendorApi> apis;
    private final Map<VendorApi, Router> routers = new LinkedHashMap<>();
    private final Router control;
    private final Faults faults;
    private final ContractChecker contract;
    private final RequestLog requests;
    private final RateLimits rateLimits;
    private final Object stateLock;
    private HttpServer server;
    private ExecutorService executor;

    SandboxServer(List<VendorApi> apis, Router control, Faults faults, ContractChecker contract,
                  RequestLog requests, RateLimits rateLimits, Object stateLock) {
        this.apis = new ArrayList<>(apis);
        this.apis.sort(Comparator.comparingInt((VendorApi a) -> a.prefix().length()).reversed());
        for (VendorApi api : this.apis) {
            Router router = new Router();
            api.register(router);
            routers.put(api, router);
        }
        this.control = control;
        this.faults = faults;
        this.contract = contract;
        this.requests = requests;
        this.rateLimits = rateLimits;
        this.stateLock = stateLock;
    }

    int start(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 256);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        Path spool = null;
        try {
            SandboxRequest request = readRequest(exchange);
            spool = request.bodyFile();
            String path = request.path();
            if (path.equals("/sandbox") || path.startsWith("/sandbox/")) {
                Router.Match match = control.match(request.method(), path);
                SandboxResponse response = match == null
                        ? SandboxResponse.json(404, Map.of("message", "No sandbox control endpoint " + path))
                        : invoke(null, match.route().handler(), request.withRoute(match.pathParams(), match.route().operationId()));
                write(exchange, response);
                return;
            }
            VendorApi api = apiFor(path);
            if (api == null) {
                write(exchange, SandboxResponse.json(404, Map.of("message", "No sandbox API serves " + path)));
                return;
            }
            String relative = path.substring(api.prefix().length());
            Router.Match match = routers.get(api).match(request.method(), relative);
            if (match == null) {
                SandboxResponse response = routers.get(api).pathKnown(relative)
                        ? api.badRequest("The requested resource does not support http method '" + request.method() + "'.")
                        : api.notFound("No HTTP resource was found that matches the request URI '" + path + "'.");
                log(api, "unknown", request, response.status(), "routing", started);
                write(exchange, response);
                return;
            }
            request = request.withRoute(match.pathParams(), match.route().operationId());
            String operation = match.route().operationId();

            RateLimits.Throttled throttled = rateLimits.admit(api.id(), api.account(request));
            if (throttled != null) {
                SandboxResponse response = api.tooManyRequests(String.format(Locale.ROOT,
                                "Rate limit exceeded: at most %s requests per second for this account.",
                                perSecond(throttled.limitPerSecond())))
                        .header("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                log(api, operation, request, response.status(), "rate-limit", started);
                write(exchange, response);
                return;
            }
            Faults.Decision decision = faults.before(api.id(), operation);
            if (decision instanceof Faults.Drop) {
                log(api, operation, request, -1, "fault-reset", started);
                exchange.close(); // no answer at all: the client sees the connection closed under it
                return;
            }
            if (decision instanceof Faults.Respond respond) {
                log(api, operation, request, respond.response().status(), "fault-" + respond.fault(), started);
                write(exchange, respond.response());
                return;
            }
            if (decision instanceof Faults.Delay delay) {
                Thread.sleep(delay.millis());
            }
            String violation = contract.check(api, request);
            if (violation != null) {
                SandboxResponse response = api.badRequest(violation);
                log(api, operation, request, response.status(), "contract", started);
                write(exchange, response);
                return;
            }
            SandboxResponse denied = api.authenticate(request);
            if (denied != null) {
                log(api, operation, request, denied.status(), "auth", started);
                write(exchange, denied);
                return;
            }
            SandboxResponse response = faults.after(api.id(), operation, invoke(api, match.route().handler(), request));
            log(api, operation, request, response.status(), "handler", started);
            write(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException | IOException e) {
            LOG.warn("Sandbox failed to answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
            exchange.close();
        } finally {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        }
    }

    private SandboxResponse invoke(VendorApi api, Handler handler, SandboxRequest request) {
        try {
            synchronized (stateLock) {
                return handler.handle(request);
            }
        } catch (BadRequestException e) {
            return api == null ? SandboxResponse.json(400, Map.of("message", e.getMessage())) : api.badRequest(e.getMessage());
        } catch (Exception e) {
            LOG.warn("Sandbox handler {} failed", request.operationId(), e);
            return SandboxResponse.json(500, Map.of("message", "Sandbox handler failed: " + e));
        }
    }

    private static String perSecond(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private VendorApi apiFor(String path) {
        for (VendorApi api : apis) {
            String prefix = api.prefix();
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return api;
            }
        }
        return null;
    }

    private void log(VendorApi api, String operation, SandboxRequest request, int status, String outcome, long started) {
        String body = request.spooled() || request.body().length > 4096
                ? "<" + (request.spooled() ? "spooled" : request.body().length + " bytes") + ">"
                : redactSecrets(request.bodyAsString());
        requests.add(new RequestLog.Entry(requests.nextSeq(), Instant.now(), api.id(), operation, request.method(),
                request.path(), request.rawQuery(), status, outcome, (System.nanoTime() - started) / 1_000_000, body));
    }

    private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile(
            "((?:client_secret|password|access_token|refresh_token)\"?\\s*[=:]\\s*\"?)[^&\",}\\s]+",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Form or JSON values of secret-looking fields (an OAuth2 client secret) never reach the request log. */
    static String redactSecrets(String body) {
        return SECRET.matcher(body).replaceAll("$1***");
    }

    private static SandboxRequest readRequest(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Headers raw = exchange.getRequestHeaders();
        raw.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        byte[] body = new byte[0];
        Path spool = null;
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            int read;
            OutputStream target = buffer;
            while ((read = in.read(chunk)) != -1) {
                target.write(chunk, 0, read);
                if (spool == null && buffer.size() > SandboxRequest.MAX_BUFFERED_BODY) {
                    spool = Files.createTempFile("sandbox-body-", ".bin");
                    target = Files.newOutputStream(spool);
                    buffer.writeTo(target);
                    buffer = new ByteArrayOutputStream(0);
                }
            }
            if (spool != null) {
                target.close();
            } else {
                body = buffer.toByteArray();
            }
        }
        return new SandboxRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath() == null ? "/" : decodePath(exchange.getRequestURI().getRawPath()),
                rawQuery, parseQuery(rawQuery), headers, body, spool, Map.of(), null);
    }

    private static String decodePath(String rawPath) {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        boolean noBody = response.status() == 204 || response.status() == 304 || body.length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
