package dev.smskamelets.test;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A Camel context running a scheduled source kamelet from a YAML route string: a {@code collector} processor keeps
 * each record's body, and {@link #awaitPasses} waits for scheduled (quartz or timer) passes to end.
 */
public final class SourceRun implements AutoCloseable {

    public final DefaultCamelContext context = new DefaultCamelContext();
    public final List<String> records = new CopyOnWriteArrayList<>();
    private final AtomicInteger passes = new AtomicInteger();

    public SourceRun() {
        context.getPropertiesComponent().setInitialProperties(new Properties());
        context.getRegistry().bind("collector", (Processor) e -> records.add(e.getIn().getBody(String.class)));
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeEvent e
                        && (event instanceof CamelEvent.ExchangeCompletedEvent
                        || event instanceof CamelEvent.ExchangeFailedEvent)
                        && e.getExchange().getProperty(org.apache.camel.Exchange.CORRELATION_ID) == null
                        && e.getExchange().getFromEndpoint() != null
                        && e.getExchange().getFromEndpoint().getEndpointUri().matches("(timer|quartz):.*")) {
                    passes.incrementAndGet();
                }
            }
        });
    }

    /**
     * A Quartz cron firing exactly once, {@code seconds} from now: {@link Cron#once()} with a margin chosen by the
     * test (the first Camel context of a JVM can take several seconds to start).
     */
    public static String onceIn(int seconds) {
        java.time.LocalDateTime at = java.time.LocalDateTime.now().plusSeconds(seconds);
        return "%d %d %d %d %d ? %d".formatted(at.getSecond(), at.getMinute(), at.getHour(), at.getDayOfMonth(),
                at.getMonthValue(), at.getYear());
    }

    public SourceRun bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
        return this;
    }

    public SourceRun start(String routesYaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routesYaml));
        context.start();
        return this;
    }

    /** Waits until {@code count} scheduled passes ended; false on timeout. */
    public boolean awaitPasses(int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (passes.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return passes.get() >= count;
    }

    public int passes() {
        return passes.get();
    }

    @Override
    public void close() {
        context.stop();
    }
}
