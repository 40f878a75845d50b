package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** A Camel context for the Listrak SMS kamelet tests: YAML routes, the sandbox's credentials, a collector. */
final class ListrakCamel implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    final DefaultCamelContext context = new DefaultCamelContext();
    final List<String> records = new CopyOnWriteArrayList<>();
    final AtomicLong count = new AtomicLong();
    volatile boolean keepRecords = true;
    volatile Processor beforeCollect = exchange -> { };
    final JsonNode info;

    ListrakCamel(Sandbox sandbox) {
        info = JSON.valueToTree(sandbox.info()).path("apis").path("listrak-sms");
        Properties props = new Properties();
        props.put("listrakSecret", info.get("clientSecret").asText());
        context.getPropertiesComponent().setInitialProperties(props);
        context.getRegistry().bind("collector", (Processor) this::collect);
        context.getRegistry().bind("passes", (dev.smskamelets.component.SourcePassListener) pass -> passes.incrementAndGet());
    }

    /** Polls of component sources that ended. */
    final java.util.concurrent.atomic.AtomicInteger passes = new java.util.concurrent.atomic.AtomicInteger();

    /** The connection parameters every Listrak SMS kamelet takes, as YAML lines indented by {@code indent}. */
    String connection(int indent) {
        String pad = " ".repeat(indent);
        return pad + "baseUrl: \"" + info.get("baseUrl").asText() + "\"\n"
                + pad + "authUrl: \"" + info.get("tokenUrl").asText() + "\"\n"
                + pad + "clientId: \"" + info.get("clientId").asText() + "\"\n"
                + pad + "clientSecret: \"{{listrakSecret}}\"\n"
                + pad + "requestsPerSecond: 500\n";
    }

    /** A {@code direct:<id>} route calling {@code kamelet} with the connection and {@code params}. */
    String route(String id, String kamelet, String params) {
        return "- route:\n    from:\n      uri: \"direct:" + id + "\"\n      steps:\n        - to:\n"
                + "            uri: \"kamelet:" + kamelet + "\"\n            parameters:\n" + connection(14)
                + params.lines().map(l -> "              " + l + "\n").reduce("", String::concat);
    }

    private void collect(Exchange exchange) throws Exception {
        beforeCollect.process(exchange);
        count.incrementAndGet();
        if (keepRecords) {
            records.add(exchange.getIn().getBody(String.class));
        }
    }

    ListrakCamel bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
        return this;
    }

    ListrakCamel start(String routesYaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routesYaml));
        context.start();
        return this;
    }

    /** Sends a body with headers to an endpoint and returns the answer's body as text. */
    String request(String uri, Object body, Map<String, Object> headers) {
        return context.createProducerTemplate().requestBodyAndHeaders(uri, body, headers, String.class);
    }

    /** Sends and returns the whole exchange (its exception included) without throwing. */
    Exchange send(String uri, Object body, Map<String, Object> headers) {
        return context.createProducerTemplate().send(uri, e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    /** Waits until a timer-driven pass ended: something arrived and nothing was in flight for three polls. */
    boolean awaitPass(long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        int idle = 0;
        boolean polling = context.getRoutes().stream()
                .anyMatch(r -> r.getConsumer() instanceof dev.smskamelets.component.VendorPollConsumer);
        while (polling && System.nanoTime() < deadline) {
            if (passes.get() > 0) {
                return true;
            }
            Thread.sleep(50);
        }
        while (!polling && System.nanoTime() < deadline) {
            idle = context.getInflightRepository().size() == 0 && count.get() > 0 ? idle + 1 : 0;
            if (idle >= 3) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** GET on the sandbox's control API (e.g. {@code /sandbox/listrak/sms/contacts/+12125550123}). */
    static JsonNode control(Sandbox sandbox, String path) throws Exception {
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(sandbox.baseUrl() + path.replace("+", "%2B"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    /** The VendorApiException (or other failure) an exchange ended with. */
    static Throwable failure(Exchange exchange) {
        Throwable t = exchange.getException();
        while (t != null && t.getCause() != null && !(t instanceof dev.smskamelets.core.http.VendorApiException)
                && !(t instanceof dev.smskamelets.core.phone.InvalidPhoneNumberException)
                && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        return t;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
