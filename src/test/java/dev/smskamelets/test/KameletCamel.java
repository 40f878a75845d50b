package dev.smskamelets.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.core.phone.InvalidPhoneNumberException;
import dev.smskamelets.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.StreamCache;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one Camel context of the kamelet tests: kamelets from {@code classpath:kamelets} (the project's
 * {@code kamelets/} folder plus the test fixtures under {@code src/test/resources/kamelets}), YAML or Java routes,
 * beans, {@code {{placeholder}}} properties, a {@code collector} processor the routes hand their records to
 * ({@code - process: {ref: collector}}), an optional platform-http server, and waits on what was collected.
 *
 * <p>Use it in try-with-resources (a test may run several contexts, one after the other or side by side):
 *
 * <pre>{@code
 * try (KameletCamel camel = new KameletCamel(Map.of("secret", "s3cr3t")).bind("state", repo)) {
 *     camel.start(yaml);
 *     assertThat(camel.awaitPass(60)).isTrue();
 *     assertThat(camel.bodies()).hasSize(3);
 * }
 * }</pre>
 *
 * or as a JUnit 5 extension on an instance field, which stops the context after each test:
 *
 * <pre>{@code
 * @RegisterExtension
 * final KameletCamel camel = new KameletCamel();
 * }</pre>
 *
 * Vendor presets: {@link #listrakSms(Sandbox)} and {@link #textRequest(Sandbox)}. Ports come from Camel's
 * {@link AvailablePortFinder}; nothing here asserts, the tests do.
 */
public final class KameletCamel implements AutoCloseable, AfterEachCallback {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** One record the collector saw: its body as text and a copy of its headers (both shown by toString). */
    public record Record(String body, Map<String, Object> headers) {
        public JsonNode json() {
            return read(body);
        }
    }

    public final DefaultCamelContext context = new DefaultCamelContext();
    /** What the collector saw, body and headers (kept while {@link #keepRecords}). */
    public final List<Record> records = new CopyOnWriteArrayList<>();
    /** Copies of the exchanges the collector saw (kept while {@link #keepRecords}). */
    public final List<Exchange> received = new CopyOnWriteArrayList<>();
    /** Records the collector saw, kept or not. */
    public final AtomicLong count = new AtomicLong();
    /** False in benchmarks: count records without keeping them. */
    public volatile boolean keepRecords = true;
    /** Runs before a record is collected (with the live exchange); a test makes it throw to simulate a failure. */
    public volatile Processor beforeCollect = exchange -> { };
    /** The sandbox's info of the API a vendor preset was built for; missing otherwise. */
    public JsonNode info = MissingNode.getInstance();

    private final Properties properties = new Properties();
    private final AtomicInteger passes = new AtomicInteger();
    private String connection = "";
    private AvailablePortFinder.Port port;
    private int httpPort;

    /** A context without properties. */
    public KameletCamel() {
        this(Map.of());
    }

    /** A context resolving {@code {{name}}} placeholders from {@code properties}. */
    public KameletCamel(Map<String, String> properties) {
        this.properties.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(this.properties);
        context.getRegistry().bind("collector", (Processor) this::collect);
        // a component source (VendorPollConsumer) reports each poll; a quartz/timer route kamelet by its exchange
        context.getRegistry().bind("kameletCamelPasses",
                (dev.smskamelets.component.SourcePassListener) pass -> passes.incrementAndGet());
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeEvent e
                        && (event instanceof CamelEvent.ExchangeCompletedEvent
                        || event instanceof CamelEvent.ExchangeFailedEvent)
                        && e.getExchange().getProperty(Exchange.CORRELATION_ID) == null
                        && e.getExchange().getFromEndpoint() != null
                        && e.getExchange().getFromEndpoint().getEndpointUri().matches("(timer|quartz):.*")) {
                    passes.incrementAndGet();
                }
            }
        });
    }

    /**
     * Listrak SMS against the sandbox: property {@code {{listrakSecret}}}, {@link #info} of {@code listrak-sms},
     * and as {@link #connection(int)} the parameters every Listrak SMS kamelet takes (base and auth URL, client id
     * and secret, 500 requests per second).
     */
    public static KameletCamel listrakSms(Sandbox sandbox) {
        JsonNode info = info(sandbox, "listrak-sms");
        KameletCamel camel = new KameletCamel(Map.of("listrakSecret", info.get("clientSecret").asText()));
        camel.info = info;
        camel.connection = "baseUrl: \"" + info.get("baseUrl").asText() + "\"\n"
                + "authUrl: \"" + info.get("tokenUrl").asText() + "\"\n"
                + "clientId: \"" + info.get("clientId").asText() + "\"\n"
                + "clientSecret: \"{{listrakSecret}}\"\n"
                + "requestsPerSecond: 500\n";
        return camel;
    }

    /** Text Request against the sandbox: properties {@code {{base}}} (its base URL) and {@code {{key}}} (API key). */
    public static KameletCamel textRequest(Sandbox sandbox) {
        JsonNode info = info(sandbox, "textrequest");
        KameletCamel camel = new KameletCamel(Map.of("base", info.get("baseUrl").asText(), "key",
                info.get("apiKey").asText()));
        camel.info = info;
        return camel;
    }

    /** Adds a placeholder property (before {@link #start}). */
    public KameletCamel property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    /** Binds a bean in the registry. */
    public KameletCamel bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
        return this;
    }

    /** The kamelet component, for its options (e.g. {@code setNoErrorHandler(true)}) before {@link #start}. */
    public KameletComponent kamelets() {
        return context.getComponent("kamelet", KameletComponent.class);
    }

    /** Serves platform-http routes on a free loopback port (body limit 1 MB); see {@link #url(String)}. */
    public KameletCamel withHttpServer() throws Exception {
        port = AvailablePortFinder.find();
        httpPort = port.getPort();
        VertxPlatformHttpServerConfiguration config = new VertxPlatformHttpServerConfiguration();
        config.setBindHost("127.0.0.1");
        config.setBindPort(httpPort);
        config.setMaxBodySize(1_048_576L);
        context.addService(new VertxPlatformHttpServer(config));
        return this;
    }

    /** The URL of {@code path} on the platform-http server ({@code ""}: its base URL). */
    public String url(String path) {
        if (httpPort == 0) {
            throw new IllegalStateException("no HTTP server: call withHttpServer() before start()");
        }
        return "http://127.0.0.1:" + httpPort + path;
    }

    /** Loads YAML routes and starts the context. */
    public KameletCamel start(String routesYaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routesYaml));
        context.start();
        return this;
    }

    /** Adds Java routes and starts the context. */
    public KameletCamel start(RoutesBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
        return this;
    }

    /** The connection parameters of a vendor preset, as YAML lines indented by {@code indent}. */
    public String connection(int indent) {
        return connection.indent(indent);
    }

    /** A {@code direct:<id>} route calling {@code kamelet} with the {@link #connection} and {@code params}. */
    public String route(String id, String kamelet, String params) {
        return "- route:\n    from:\n      uri: \"direct:" + id + "\"\n      steps:\n        - to:\n"
                + "            uri: \"kamelet:" + kamelet + "\"\n            parameters:\n" + connection(14)
                + params.lines().map(l -> "              " + l + "\n").reduce("", String::concat);
    }

    public ProducerTemplate producer() {
        return context.createProducerTemplate();
    }

    /** Sends a body with headers to an endpoint and returns the answer's body as text (throws on failure). */
    public String request(String uri, Object body, Map<String, Object> headers) {
        return producer().requestBodyAndHeaders(uri, body, headers, String.class);
    }

    /** Sends and returns the whole exchange (its exception included) without throwing. */
    public Exchange send(String uri, Object body, Map<String, Object> headers) {
        return producer().send(uri, e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(new HashMap<>(headers));
        });
    }

    /** POSTs JSON to {@code path} on the platform-http server. */
    public HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        return http("POST", url(path), json, headers);
    }

    /** The bodies of {@link #records} as text. */
    public List<String> bodies() {
        return records.stream().map(Record::body).toList();
    }

    /**
     * Waits until the collector saw at least {@code count} records (kept or not) and nothing has been in flight for
     * three polls in a row (100 ms apart); true when that happened within the timeout.
     */
    public boolean await(int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        int idle = 0;
        while (System.nanoTime() < deadline) {
            idle = this.count.get() >= count && context.getInflightRepository().size() == 0 ? idle + 1 : 0;
            if (idle >= 3) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * A scheduled source's pass ended: for a component source (a {@code VendorPollConsumer}) its first poll ended;
     * otherwise {@code await(1, timeoutSeconds)}.
     */
    public boolean awaitPass(long timeoutSeconds) throws InterruptedException {
        boolean polling = context.getRoutes().stream()
                .anyMatch(r -> r.getConsumer() instanceof dev.smskamelets.component.VendorPollConsumer);
        return polling ? awaitPasses(1, timeoutSeconds) : await(1, timeoutSeconds);
    }

    /**
     * Waits until {@code count} scheduled passes ended: polls of component sources, or exchanges of timer/quartz
     * routes (completed or failed); false on timeout.
     */
    public boolean awaitPasses(int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (passes.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return passes.get() >= count;
    }

    private void collect(Exchange exchange) throws Exception {
        beforeCollect.process(exchange);
        count.incrementAndGet();
        if (keepRecords) {
            received.add(exchange.copy());
            String body = exchange.getIn().getBody(String.class);
            if (exchange.getIn().getBody() instanceof StreamCache cache) {
                cache.reset(); // the copy shares the stream: leave it readable
            }
            records.add(new Record(body, Collections.unmodifiableMap(new LinkedHashMap<>(exchange.getIn().getHeaders()))));
        }
    }

    /** Stops the context (and frees its port). */
    @Override
    public void close() {
        context.stop();
        if (port != null) {
            port.release();
            port = null;
        }
    }

    /** As a registered extension: stops the context after each test. */
    @Override
    public void afterEach(ExtensionContext extension) {
        close();
    }

    /** Parses JSON; the text is the message of the failure. */
    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** The sandbox's info of one API ({@code listrak-sms}, {@code textrequest}, ...). */
    public static JsonNode info(Sandbox sandbox, String api) {
        return JSON.valueToTree(sandbox.info()).path("apis").path(api);
    }

    /** Calls a URL (a sandbox control endpoint, the platform-http server, ...); JSON body when not null. */
    public static HttpResponse<String> http(String method, String url, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET on the sandbox's control API (e.g. {@code /sandbox/listrak/sms/contacts/+12125550123}), as JSON. */
    public static JsonNode control(Sandbox sandbox, String path) throws Exception {
        return read(http("GET", sandbox.baseUrl() + path.replace("+", "%2B"), null, Map.of()).body());
    }

    /** The VendorApiException, InvalidPhoneNumberException or IllegalArgumentException an exchange failed with. */
    public static Throwable failure(Exchange exchange) {
        Throwable t = exchange.getException();
        while (t != null && t.getCause() != null && !(t instanceof VendorApiException)
                && !(t instanceof InvalidPhoneNumberException) && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        return t;
    }
}
