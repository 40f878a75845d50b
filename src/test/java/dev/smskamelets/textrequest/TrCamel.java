package dev.smskamelets.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
 * A Camel context for the Text Request kamelet tests: YAML routes from a string, the sandbox's base URL and API key
 * as properties {@code {{base}}} / {@code {{key}}}, a {@code collector} processor, and optionally a platform HTTP
 * server on a free port.
 */
final class TrCamel implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final DefaultCamelContext context = new DefaultCamelContext();
    final List<Exchange> collected = new CopyOnWriteArrayList<>();
    volatile Processor beforeCollect = exchange -> { };
    int httpPort;
    /** Timer-driven passes and polls of component sources that ended (completed or failed). */
    final java.util.concurrent.atomic.AtomicInteger passes = new java.util.concurrent.atomic.AtomicInteger();

    TrCamel(Sandbox sandbox) {
        JsonNode tr = info(sandbox);
        Properties props = new Properties();
        props.putAll(Map.of("base", tr.get("baseUrl").asText(), "key", tr.get("apiKey").asText()));
        context.getPropertiesComponent().setInitialProperties(props);
        context.getManagementStrategy().addEventNotifier(new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeEvent e
                        && (event instanceof org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent
                        || event instanceof org.apache.camel.spi.CamelEvent.ExchangeFailedEvent)
                        && e.getExchange().getProperty(org.apache.camel.Exchange.CORRELATION_ID) == null
                        && e.getExchange().getFromEndpoint() != null
                        && e.getExchange().getFromEndpoint().getEndpointUri().matches("(timer|quartz):.*")) {
                    passes.incrementAndGet();
                }
            }
        });
        context.getRegistry().bind("sourcePasses",
                (dev.smskamelets.component.SourcePassListener) pass -> passes.incrementAndGet());
        context.getRegistry().bind("collector", (Processor) exchange -> {
            beforeCollect.process(exchange);
            collected.add(exchange.copy());
        });
    }

    static JsonNode info(Sandbox sandbox) {
        return JSON.valueToTree(sandbox.info()).path("apis").path("textrequest");
    }

    TrCamel withHttpServer() {
        try (ServerSocket socket = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(httpPort);
        try {
            context.addService(new VertxPlatformHttpServer(conf));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    TrCamel start(String routesYaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routesYaml));
        context.start();
        return this;
    }

    /** Waits until a scheduled (timer or quartz) source finished {@code count} passes; false on timeout. */
    boolean awaitPasses(int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (passes.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return passes.get() >= count;
    }

    ProducerTemplate producer() {
        return context.createProducerTemplate();
    }

    List<String> bodies() {
        return collected.stream().map(e -> e.getMessage().getBody(String.class)).toList();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(json, e);
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
