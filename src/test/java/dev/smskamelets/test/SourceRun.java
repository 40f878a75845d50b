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
        context.getRegistry().bind("sourcePasses",
                (dev.smskamelets.component.SourcePassListener) pass -> passes.incrementAndGet());
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
     * A Quartz cron that does not fire on its own within any test run (2099): the test starts each pass itself with
     * {@link #firePass()}, so it never depends on how fast the context starts.
     */
    public static final String ON_DEMAND = "0 0 0 1 1 ? 2099";

    /** Starts one pass of every Quartz-scheduled kamelet of the context now. */
    public void firePass() throws Exception {
        org.quartz.Scheduler scheduler = context.getComponent("quartz",
                org.apache.camel.component.quartz.QuartzComponent.class).getScheduler();
        for (org.quartz.JobKey job : scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.anyJobGroup())) {
            scheduler.triggerJob(job);
        }
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
