package dev.smskamelets.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Sandbox;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A Camel context for the Listrak kamelet tests: YAML routes from a string, placeholder properties, beans, a
 * collector of handed-off exchanges and, on demand, a platform HTTP server on a free port (for webhook sources).
 */
final class KameletHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** One handed-off exchange: body text and headers. */
    record Record(String body, Map<String, Object> headers) {
        JsonNode json() {
            return read(body);
        }
    }

    final DefaultCamelContext context = new DefaultCamelContext();
    final List<Record> records = new CopyOnWriteArrayList<>();
    volatile Processor beforeCollect = exchange -> { };
    private int httpPort;

    KameletHarness(Map<String, String> properties) {
        Properties props = new Properties();
        props.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(props);
        context.getRegistry().bind("collector", (Processor) this::collect);
    }

    private void collect(Exchange exchange) throws Exception {
        beforeCollect.process(exchange);
        records.add(new Record(exchange.getIn().getBody(String.class), Map.copyOf(exchange.getIn().getHeaders())));
    }

    KameletHarness bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
        return this;
    }

    /** Serves platform-http routes on a free loopback port; returns the base URL. */
    String withHttpServer() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
        }
        VertxPlatformHttpServerConfiguration config = new VertxPlatformHttpServerConfiguration();
        config.setBindHost("127.0.0.1");
        config.setBindPort(httpPort);
        context.addService(new VertxPlatformHttpServer(config));
        return "http://127.0.0.1:" + httpPort;
    }

    KameletHarness start(String routesYaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routesYaml));
        context.start();
        return this;
    }

    ProducerTemplate producer() {
        return context.createProducerTemplate();
    }

    /** Waits until at least {@code count} records were collected and nothing is in flight. */
    boolean await(int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        int idle = 0;
        while (System.nanoTime() < deadline) {
            idle = records.size() >= count && context.getInflightRepository().size() == 0 ? idle + 1 : 0;
            if (idle >= 3) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void close() {
        context.stop();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    /** The sandbox's info of one API ({@code listrak-twowaysms}, ...). */
    static JsonNode info(Sandbox sandbox, String api) {
        return JSON.valueToTree(sandbox.info()).path("apis").path(api);
    }

    /** Calls a sandbox control endpoint (or any URL) and returns status and body. */
    static HttpResponse<String> http(String method, String url, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
