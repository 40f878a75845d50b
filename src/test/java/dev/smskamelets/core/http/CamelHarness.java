package dev.smskamelets.core.http;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** A Camel context for core tests: YAML routes from a string, properties, beans, and a record collector. */
final class CamelHarness implements AutoCloseable {

    final DefaultCamelContext context = new DefaultCamelContext();
    final List<String> records = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
    /** False in benchmarks: count records without keeping them. */
    volatile boolean keepRecords = true;
    final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    CamelHarness(Map<String, String> properties) {
        Properties props = new Properties();
        props.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(props);
        context.getRegistry().bind("collector", (Processor) this::collect);
        context.getRegistry().bind("passes", (dev.smskamelets.component.SourcePassListener) pass -> passes.incrementAndGet());
    }

    /** Polls of component sources that ended. */
    final java.util.concurrent.atomic.AtomicInteger passes = new java.util.concurrent.atomic.AtomicInteger();

    /** Runs before a record is collected; a test makes it throw to simulate a crash. */
    volatile Processor beforeCollect = exchange -> { };

    private void collect(Exchange exchange) throws Exception {
        beforeCollect.process(exchange);
        count.incrementAndGet();
        if (keepRecords) {
            records.add(exchange.getIn().getBody(String.class));
        }
    }

    CamelHarness bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
        return this;
    }

    CamelHarness start(String routesYaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routesYaml));
        context.start();
        return this;
    }

    /**
     * Waits until a source finished its pass: a component source's poll ended, or (timer-driven routes) the first
     * records arrived and nothing has been in flight for three polls in a row. True when that happened within the timeout.
     */
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
            idle = context.getInflightRepository().size() == 0 && started() ? idle + 1 : 0;
            if (idle >= 3) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private boolean started() {
        return count.get() > 0 || failures.get() > 0;
    }

    CamelContext camel() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }
}
