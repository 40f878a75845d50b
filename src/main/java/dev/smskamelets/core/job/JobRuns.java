package dev.smskamelets.core.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.smskamelets.component.SourcePass;
import dev.smskamelets.component.SourcePassListener;
import dev.smskamelets.component.VendorEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations for one job made of routes: a progress line during long runs, a one-line summary per run, Micrometer
 * metrics and a health check. A <em>run</em> is one root exchange of a route named in {@code runRoutes} (a file; a
 * webhook event), or one poll of a vendor component's source (give the kamelet a route id,
 * {@code kamelet:listrak-sms-optout-source/my-poll}): the records it handed off are counted in that run, which ends
 * when the poll reports its {@link SourcePass}, also when it found no record; a poll's run also counts its cost,
 * {@code requests} (the pages it fetched), so its summary reads e.g. {@code read 1000, …, requests 2 in 1s}. Routes in
 * {@code runRoutes} may be named by a prefix ending in {@code *} (routes made from a route template). Route steps count what happened to each record with {@code count(${exchange}, 'outcome')} and
 * {@code lag(${exchange}, instant)}; the counts land in the run of the route the record came from.
 *
 * <p>Outcomes are free text; {@code read}, {@code applied.<target>}, {@code already.<target>},
 * {@code absent.<target>}, {@code echo} and {@code dead-letter} are the conventions of the library's jobs. Metrics
 * (tags {@code job}, {@code route}): counter {@code sms.job.records} (+{@code outcome}), timers
 * {@code sms.job.run} (+{@code result}) and {@code sms.job.lag}, gauge {@code sms.job.last.success.age}. The
 * health check {@code job:<job>} is DOWN when no run succeeded for {@code maxAge} (counted from the start until
 * the first success) and no run under way counted a record within {@code maxAge}: a long run that is making progress
 * (a backlog draining after a restart) is not a failure; one that stalls is.
 *
 * <p>Register it as a bean in Camel Main ({@code camel.beans.optoutJob = #class:...JobRuns}): given its CamelContext,
 * it adds itself to the context's event notifiers and, when it starts, its health check to the registry.
 */
public class JobRuns extends EventNotifierSupport implements CamelContextAware, SourcePassListener {

    private static final Logger LOG = LoggerFactory.getLogger(JobRuns.class);
    /** Exchange property holding the outcomes noted on one record. */
    public static final String NOTES = "SmsJobNotes";
    /** Exchange property naming the run (its route) a record belongs to. */
    public static final String RUN = "SmsJobRun";

    private CamelContext camelContext;
    private String job = "job";
    private Set<String> runRoutes = Set.of();
    private Duration maxAge = Duration.ofMinutes(30);
    private Duration progressEvery = Duration.ofSeconds(10);
    private MeterRegistry meters;
    private final Map<String, RunStats> runs = new ConcurrentHashMap<>();
    private final Set<String> roots = ConcurrentHashMap.newKeySet();
    /** Routes of component sources whose poll under way has handed off records (its run began with the first). */
    private final Set<String> polling = ConcurrentHashMap.newKeySet();
    private volatile Instant started = Instant.now();
    private volatile Instant lastSuccess;
    /** Cluster mode: where every node records its job's last success (the health is the cluster's, not the node's). */
    private volatile org.apache.camel.spi.StateRepository<String, String> sharedState;
    private volatile Instant sharedSuccess;
    private volatile long sharedReadAt;
    private volatile String lastFailure;
    private volatile String lastSummary;

    /** Counts one outcome for the record in this exchange (in the run of the route it came from). */
    public void count(Exchange exchange, String outcome) {
        count(exchange, outcome, null);
    }

    /**
     * Counts one outcome and notes it, with where it happened (e.g. {@code textrequest:101}), on the record: the
     * notes are shared with the record's split copies and read back by {@link #notes(Exchange)} for its log line.
     */
    @SuppressWarnings("unchecked")
    public void count(Exchange exchange, String outcome, String where) {
        List<String> notes = exchange.getProperty(NOTES, List.class);
        if (notes == null) {
            notes = new CopyOnWriteArrayList<>();
            exchange.setProperty(NOTES, notes);
        }
        if (!"read".equals(outcome)) {
            notes.add(where == null || where.isBlank() ? outcome : outcome + " " + where);
        }
        RunStats run = runOf(exchange);
        run.count(outcome);
        meters().counter("sms.job.records", "job", job, "route", run.route(), "outcome", outcome).increment();
        if (run.progressDue(progressEvery)) {
            LOG.info("{} {} progress: {}", job, run.route(), run.progress());
        }
    }

    /**
     * Counts {@code n} records with one outcome at once (a page handed on as a list, {@code batch=true}), without
     * notes: e.g. {@code countAll(${exchange}, 'read', ${body.size()})}.
     */
    public void countAll(Exchange exchange, String outcome, long n) {
        if (n <= 0) {
            return;
        }
        RunStats run = runOf(exchange);
        run.add(outcome, n);
        meters().counter("sms.job.records", "job", job, "route", run.route(), "outcome", outcome).increment(n);
    }

    /** What {@code count} noted on this record so far, comma-separated ("none" when nothing). */
    public String notes(Exchange exchange) {
        List<?> notes = exchange.getProperty(NOTES, List.class);
        return notes == null || notes.isEmpty() ? "none" : notes.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Records the lag from {@code since} (an ISO-8601 instant; ignored when empty or unreadable) to now. */
    public void lag(Exchange exchange, String since) {
        if (since == null || since.isBlank()) {
            return;
        }
        try {
            Duration lag = Duration.between(Instant.parse(since.trim()), Instant.now());
            runOf(exchange).lag(lag);
            meters().timer("sms.job.lag", "job", job, "route", runOf(exchange).route()).record(lag);
        } catch (DateTimeParseException e) {
            LOG.debug("{}: lag not recorded, '{}' is not an ISO-8601 instant", job, since);
        }
    }

    private RunStats runOf(Exchange exchange) {
        String route = exchange.getProperty(RUN, String.class);
        if (route == null) {
            route = exchange.getFromRouteId() == null ? "unknown" : exchange.getFromRouteId();
        }
        return runs.computeIfAbsent(route, RunStats::new);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeEvent e && e.getExchange().getFromRouteId() != null
                && isRunRoute(e.getExchange().getFromRouteId());
    }

    private boolean isRunRoot(Exchange exchange) {
        return exchange.getFromRouteId() != null && isRunRoute(exchange.getFromRouteId())
                && exchange.getProperty(Exchange.CORRELATION_ID) == null && !polled(exchange);
    }

    /** A route named in {@code runRoutes}, or matching one of its {@code prefix*} patterns (routes from a template). */
    private boolean isRunRoute(String route) {
        if (runRoutes.contains(route)) {
            return true;
        }
        for (String pattern : runRoutes) {
            if (pattern.endsWith("*") && route.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** A record of a component source's poll: part of the poll's run, not a run of its own. */
    private static boolean polled(Exchange exchange) {
        return exchange.getFromEndpoint() instanceof VendorEndpoint;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        RunStats run = runOf(exchange);
        switch (event.getType()) {
            case ExchangeCreated -> {
                if (isRunRoot(exchange) && roots.add(exchange.getExchangeId())) {
                    exchange.setProperty(RUN, exchange.getFromRouteId()); // copied to every split part of the run
                    run.begin();
                } else if (polled(exchange) && exchange.getProperty(RUN) == null) {
                    exchange.setProperty(RUN, exchange.getFromRouteId());
                    if (polling.add(exchange.getFromRouteId())) {
                        run.begin();
                    }
                }
            }
            case ExchangeCompleted, ExchangeFailed -> {
                if (roots.remove(exchange.getExchangeId()) && run.end()) {
                    finished(run, exchange.getException());
                }
            }
            default -> { }
        }
    }

    /** A poll of a component source ended: so does its run (begun by its first record, or now when it had none). */
    @Override
    public void passEnded(SourcePass pass) {
        String route = camelContext == null ? null : pass.routeId(camelContext);
        if (route == null || !isRunRoute(route)) {
            return;
        }
        RunStats run = runs.computeIfAbsent(route, RunStats::new);
        run.add("requests", pass.pages()); // the poll's cost: one vendor request per page
        if (!polling.remove(route)) {
            run.begin();
        }
        if (run.end()) {
            finished(run, pass.failure());
        }
    }

    private void finished(RunStats run, Throwable failure) {
        Duration took = run.elapsed();
        boolean ok = failure == null;
        meters().timer("sms.job.run", "job", job, "route", run.route(), "result", ok ? "success" : "failure").record(took);
        String summary = run.summary(took);
        lastSummary = run.route() + ": " + summary;
        if (ok) {
            lastSuccess = Instant.now();
            shareSuccess(lastSuccess);
            LOG.info("{} run {} done: {}", job, run.route(), summary);
        } else {
            lastFailure = Instant.now() + " " + run.route() + ": " + failure.getClass().getSimpleName() + ": "
                    + failure.getMessage();
            LOG.warn("{} run {} FAILED after {}: {}: {}", job, run.route(), summary, failure.getClass().getSimpleName(),
                    failure.getMessage());
        }
        run.reset();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        started = Instant.now();
        if (camelContext != null) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
            if (registry != null && registry.getCheck("job:" + job).isEmpty()) {
                registry.register(new JobHealthCheck(this));
            }
        }
        meters().gauge("sms.job.last.success.age", java.util.List.of(io.micrometer.core.instrument.Tag.of("job", job)),
                this, r -> r.lastSuccessAge().toMillis() / 1000.0);
    }

    private MeterRegistry meters() {
        if (meters == null) {
            MeterRegistry found = camelContext == null ? null
                    : camelContext.getRegistry().findSingleByType(MeterRegistry.class);
            meters = found != null ? found : Metrics.globalRegistry;
        }
        return meters;
    }

    /**
     * Time since the last successful run, or since the start when none succeeded yet. With a shared state (cluster
     * mode) the latest success of any node counts: a node whose passes happen to run elsewhere is not stale.
     */
    public Duration lastSuccessAge() {
        Instant since = lastSuccess != null ? lastSuccess : started;
        Instant shared = sharedSuccess();
        if (shared != null && shared.isAfter(since)) {
            since = shared;
        }
        return Duration.between(since, Instant.now());
    }

    /** The latest success any node recorded (cluster mode; read at most every 5 s), or null. */
    public Instant sharedSuccess() {
        var state = sharedState;
        if (state == null) {
            return null;
        }
        long now = System.currentTimeMillis();
        if (now - sharedReadAt > 5000) {
            sharedReadAt = now;
            try {
                String value = state.getState("job-last-success:" + job);
                sharedSuccess = value == null ? null : Instant.parse(value);
            } catch (RuntimeException e) {
                LOG.debug("Cannot read the cluster's last success of {}: {}", job, e.getMessage());
            }
        }
        return sharedSuccess;
    }

    private void shareSuccess(Instant at) {
        var state = sharedState;
        if (state == null) {
            return;
        }
        try {
            String previous = state.getState("job-last-success:" + job);
            if (previous == null || Instant.parse(previous).isBefore(at)) {
                state.setState("job-last-success:" + job, at.toString());
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot record the last success of {} for the cluster: {}", job, e.getMessage());
        }
    }

    /** Cluster mode: the shared store where every node records the job's last success (set by ClusterMode). */
    public void setSharedState(org.apache.camel.spi.StateRepository<String, String> sharedState) {
        this.sharedState = sharedState;
        this.sharedReadAt = 0;
    }

    /**
     * The run under way that counted a record most recently, as {@code route} and time since that record; empty when
     * no run is under way or none counted a record yet.
     */
    public java.util.Optional<Map.Entry<String, Duration>> progressing() {
        return runs.values().stream()
                .map(r -> { Duration d = r.sinceLastRecord(); return d == null ? null : Map.entry(r.route(), d); })
                .filter(java.util.Objects::nonNull)
                .min(Map.Entry.comparingByValue());
    }

    /** What the run under way has done so far (for the health check), or null. */
    String progressOf(String route) {
        RunStats run = runs.get(route);
        return run == null || !run.inProgress() ? null : run.progress();
    }

    public Instant getLastSuccess() {
        return lastSuccess;
    }

    public String getLastFailure() {
        return lastFailure;
    }

    public String getLastSummary() {
        return lastSummary;
    }

    /** The totals of every run of a route so far (outcome → count), for tests and the dev console. */
    public Map<String, Long> totals(String route) {
        RunStats run = runs.get(route);
        return run == null ? Map.of() : run.totals();
    }

    /** Runs of a route that ended (successfully or not) since the start. */
    public long completedRuns(String route) {
        RunStats run = runs.get(route);
        return run == null ? 0 : run.completed();
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getRunRoutes() {
        return String.join(",", runRoutes);
    }

    /** Comma-separated ids of the routes whose root exchanges are runs. */
    public void setRunRoutes(String routes) {
        this.runRoutes = Set.of(routes.trim().split("\\s*,\\s*"));
    }

    public Duration getMaxAge() {
        return maxAge;
    }

    /** ISO-8601 ({@code PT15M}) or Camel duration ({@code 15m}). */
    public void setMaxAge(String maxAge) {
        this.maxAge = duration(maxAge);
    }

    public Duration getProgressEvery() {
        return progressEvery;
    }

    public void setProgressEvery(String every) {
        this.progressEvery = duration(every);
    }

    public void setMeterRegistry(MeterRegistry registry) {
        this.meters = registry;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Also registers this bean as an event notifier of the context (Camel Main does not do it for beans). */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        if (camelContext != null && !camelContext.getManagementStrategy().getEventNotifiers().contains(this)) {
            camelContext.getManagementStrategy().addEventNotifier(this);
        }
    }

    static Duration duration(String text) {
        return JobDurations.parse(text);
    }
}
