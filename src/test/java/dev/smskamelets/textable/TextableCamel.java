package dev.smskamelets.textable;

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
 * A Camel context for the Textable kamelet tests: YAML routes from a string, properties, an optional platform-http
 * (Vert.x) server on a free loopback port, and a collector ({@code ref: collector}) keeping every exchange it sees.
 */
final class TextableCamel implements AutoCloseable {

    final DefaultCamelContext context = new DefaultCamelContext();
    final List<Exchange> received = new CopyOnWriteArrayList<>();
    volatile Processor beforeCollect = exchange -> { };
    private VertxPlatformHttpServer server;

    TextableCamel(Map<String, String> properties) {
        Properties props = new Properties();
        props.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(props);
        context.getRegistry().bind("collector", (Processor) exchange -> {
            beforeCollect.process(exchange);
            received.add(exchange.copy());
        });
    }

    /** Serves platform-http endpoints on a free port (body limit of the server: 1 MB). */
    TextableCamel withHttpServer() throws Exception {
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(0);
        conf.setMaxBodySize(1_048_576L);
        server = new VertxPlatformHttpServer(conf);
        context.addService(server);
        return this;
    }

    TextableCamel start(String routesYaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routesYaml));
        context.start();
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getServer().actualPort() + path;
    }

    ProducerTemplate producer() {
        return context.createProducerTemplate();
    }

    /** Posts to the platform-http server. */
    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (up to 30 s) until the collector holds {@code count} exchanges; true when it does. */
    boolean await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return received.size() >= count;
    }

    @Override
    public void close() {
        context.stop();
    }
}
