package dev.smskamelets.listrak.crosschannel;

import dev.smskamelets.core.deadletter.DeadLetterStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.UnitOfWorkHelper;
import org.apache.camel.support.builder.ExpressionBuilder;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.concurrent.SynchronousExecutorService;

/**
 * The producer of {@code listrak-crosschannel:events} ({@code postEvents}). Each exchange is one event, checked
 * against its configuration's schema before it joins a batch ({@link EventPreparer}: a refused event is dead-lettered
 * and joins nothing); admitted events are collected per event UID by Camel's own aggregator
 * ({@link AggregateProcessor}: completion on {@code batchSize} events or {@code batchTimeout} milliseconds, a stopping
 * producer completes its batches), and each batch is posted and settled per recipient ({@link EventBatchSender}),
 * its summary exchange then sent to {@code resultUri} when set. A body that is a {@link Collection} is a batch already
 * (e.g. a source's page with {@code batch=true}): its events are checked one by one and the admitted ones posted at
 * once (in requests of at most {@code batchSize}), the exchange ending with the summary and its headers.
 */
final class PostEventsProducer extends DefaultProducer {

    private final ListrakCrossChannelEndpoint endpoint;
    private EventPreparer preparer;
    private EventBatchSender sender;
    private AggregateProcessor batches;
    private AsyncProducer results;

    PostEventsProducer(ListrakCrossChannelEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        CamelContext context = getEndpoint().getCamelContext();
        DeadLetterStore store = deadLetterStore(context);
        preparer = new EventPreparer();
        preparer.setClient(endpoint.client());
        preparer.setDeadLetterStore(store);
        preparer.setEventUID(blankToNull(endpoint.getEventUID()));
        preparer.setSchemaTtl(endpoint.getSchemaTtl());
        sender = new EventBatchSender();
        sender.setClient(endpoint.client());
        sender.setDeadLetterStore(store);
        sender.setMaxPerRequest(endpoint.getBatchSize());
        String resultUri = blankToNull(endpoint.getResultUri());
        if (resultUri != null) {
            results = context.getEndpoint(resultUri).createAsyncProducer();
            ServiceHelper.startService(results);
        }
        batches = new AggregateProcessor(context, AsyncProcessorConverterHelper.convert(this::postBatch),
                ExpressionBuilder.headerExpression(EventPreparer.EVENT_UID), new GroupedBodyAggregationStrategy(),
                new SynchronousExecutorService(), true);
        batches.setAggregationRepository(new MemoryAggregationRepository());
        batches.setCompletionSize(endpoint.getBatchSize());
        batches.setCompletionTimeout(endpoint.getBatchTimeout());
        batches.setForceCompletionOnStop(true);
        ServiceHelper.startService(batches);
        super.doStart();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (exchange.getIn().getBody() instanceof Collection<?> events) {
            postAll(exchange, events);
            return;
        }
        preparer.process(exchange);
        if (!exchange.getProperty(EventPreparer.REJECTED, false, Boolean.class)) {
            batches.process(exchange);
        }
    }

    /** A whole batch in one body: checked event by event, the admitted ones posted now. */
    private void postAll(Exchange exchange, Collection<?> events) throws Exception {
        String uid = preparer.eventUID(exchange);
        List<Map<String, Object>> admitted = new ArrayList<>(events.size());
        for (Object event : events) {
            Map<String, Object> clean = preparer.prepare(exchange.getContext(), exchange.getFromRouteId(), uid, event);
            if (clean != null) {
                admitted.add(clean);
            }
        }
        exchange.getIn().setHeader(EventPreparer.EVENT_UID, uid);
        exchange.getIn().setBody(admitted);
        post(exchange);
    }

    /**
     * A batch the aggregator completed: posted, then its on-completion tasks run (the aggregator's own among them,
     * which ends its in-progress record of the batch) unless {@code resultUri}'s route ran them already.
     */
    private void postBatch(Exchange batch) throws Exception {
        try {
            post(batch);
        } finally {
            List<Synchronization> tasks = batch.getExchangeExtension().handoverCompletions();
            if (tasks != null && !tasks.isEmpty()) {
                UnitOfWorkHelper.doneSynchronizations(batch, tasks);
            }
        }
    }

    /** Posts one batch (body: the admitted events), then hands its summary to {@code resultUri}. */
    private void post(Exchange batch) throws Exception {
        sender.process(batch);
        if (results != null) {
            results.process(batch);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (batches != null) {
            batches.prepareShutdown(false, false); // completes the open batches (forceCompletionOnStop)
            ServiceHelper.stopAndShutdownService(batches);
            batches = null;
        }
        ServiceHelper.stopAndShutdownService(results);
        results = null;
        super.doStop();
    }

    private DeadLetterStore deadLetterStore(CamelContext context) {
        String name = endpoint.getDeadLetterStore();
        Object bean = name == null || name.isBlank() ? null : context.getRegistry().lookupByName(name);
        if (!(bean instanceof DeadLetterStore store)) {
            throw new IllegalArgumentException("listrak-crosschannel:events needs a " + DeadLetterStore.class.getName()
                    + " bean for its option deadLetterStore '" + name + "', found "
                    + (bean == null ? "none" : "a " + bean.getClass().getName()));
        }
        return store;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
