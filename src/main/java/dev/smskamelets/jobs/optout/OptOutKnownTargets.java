package dev.smskamelets.jobs.optout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.component.SourcePass;
import dev.smskamelets.component.SourcePassListener;
import dev.smskamelets.component.Stores;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import java.util.concurrent.ExecutorService;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the opt-out job knows each target already has, so that the bulk path writes a target without reading each
 * number there first (issue: Text Request has no batched read, and one read per number and dashboard was most of the
 * job's requests).
 *
 * <p>A number is <em>known</em> at a target ({@code textrequest:<dashboard>} or {@code textable}) when the job sent it
 * there in a bulk request (learnt before sending: a page read again after a crash reads it first), read it there already opted out, received
 * it from there (a Text Request web hook or poll names its dashboard), or the dashboard's <em>full re-read</em> listed
 * it suppressed or opted out. Knowledge never skips a write: a known number is read first, as before (it may have been
 * un-suppressed since; a suppression made by someone else keeps its reason); a number the job knows nothing of at an
 * indexed dashboard is written without a read. The full re-read is one route per dashboard and list (suppressed, opted
 * out), made from the route template {@link #setTemplate template} when Camel has started, polling on its own slow
 * schedule at the largest page size; its requests are counted in its run summary. A Text Request dashboard is
 * <em>indexed</em> once both its lists were read to their end; until then the bulk path reads each number first, as
 * before. The window this leaves: a number suppressed at Text Request by someone else after the last full re-read,
 * whose web hook has not reached the job yet, is written again (its reason replaced by the job's).
 *
 * <p>What the job read or was told is kept as keys {@code optout-known:<target>:<E.164>} of the job's idempotent
 * repository (≈200 bytes each in the file store, a row in the JDBC one): one per number and dashboard the job wrote,
 * read or was told of (a page read again after a crash then finds what the first attempt wrote); the indexed marks are
 * entries of its state repository.
 */
public class OptOutKnownTargets implements CamelContextAware, SourcePassListener, StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(OptOutKnownTargets.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The two lists of a dashboard its full re-read reads, with the contacts filter option of each. */
    static final Map<String, String> LISTS = Map.of("suppressed", "isSuppressed", "opted-out", "hasOptedOut");

    private CamelContext camelContext;
    private String repository = "smsIdempotentRepository";
    private String stateRepository = "smsStateRepository";
    private String template = "optout-textrequest-full-read";
    private List<String> dashboardIds = List.of();

    public static String key(String target, String phone) {
        return "optout-known:" + target + ":" + phone;
    }

    /**
     * True when the job learned that {@code target} had {@code phone} opted out or suppressed (it may have changed
     * since: the bulk path reads such a number before deciding).
     */
    public boolean knows(String target, String phone) {
        return repository().contains(key(target, phone));
    }

    /** Remembers that {@code target} has {@code phone} opted out or suppressed. */
    public void learn(String target, String phone) {
        if (target == null || phone == null || phone.isBlank()) {
            return;
        }
        IdempotentRepository repo = repository();
        String key = key(target, phone);
        if (!repo.contains(key) && repo.add(key)) {
            repo.confirm(key);
        }
    }

    /**
     * Remembers {@code target} for every opt-out of a bulk request, before the request is sent: a page read again after
     * the process died with the request in flight then reads these numbers before writing them (no second write).
     */
    public void learnAll(String target, List<OptOutBulk.Pending> request) {
        for (OptOutBulk.Pending p : request) {
            learn(target, p.phone());
        }
    }

    /**
     * Learns a page of a dashboard's full re-read (Text Request contacts as JSON texts or maps): every contact with a
     * US number ({@code phone_number}, 10 or 11 digits); returns how many it learned.
     */
    public int learnPage(String dashboardId, List<?> page) throws IOException {
        int learned = 0;
        for (Object record : page) {
            JsonNode contact = record instanceof String text ? JSON.readTree(text) : JSON.valueToTree(record);
            String digits = contact.path("phone_number").asText("").replaceAll("\\D", "");
            String e164 = digits.length() == 10 ? "+1" + digits
                    : digits.length() == 11 && digits.startsWith("1") ? "+" + digits : null;
            if (e164 != null) {
                learn("textrequest:" + dashboardId.strip(), e164);
                learned++;
            }
        }
        return learned;
    }

    /** True once both lists of the dashboard were read to their end by its full re-read (at any earlier time). */
    public boolean indexed(String dashboardId) {
        StateRepository<String, String> state = state();
        for (String list : LISTS.keySet()) {
            if (state.getState(indexedKey(dashboardId.strip(), list)) == null) {
                return false;
            }
        }
        return true;
    }

    static String routeId(String template, String dashboardId, String list) {
        return template + "-" + dashboardId + "-" + list;
    }

    private static String indexedKey(String dashboardId, String list) {
        return "optout-known:textrequest:" + dashboardId + ":" + list + ":read";
    }

    /** A full re-read pass read its list to the end: the dashboard's list is indexed. */
    @Override
    public void passEnded(SourcePass pass) {
        if (!pass.complete() || camelContext == null) {
            return;
        }
        String route = pass.routeId(camelContext);
        for (String dashboard : dashboardIds) {
            for (String list : LISTS.keySet()) {
                if (routeId(template, dashboard, list).equals(route)) {
                    state().setState(indexedKey(dashboard, list), Instant.now().toString());
                }
            }
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the routes are added once the context is fully started (onCamelContextFullyStarted)
    }

    /** Camel has started: adds the full re-read routes of every dashboard from the template (they start at once). */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        ModelCamelContext model = (ModelCamelContext) context;
        if (model.getRouteTemplateDefinition(template) == null) {
            LOG.warn("No route template '{}': the Text Request dashboards are not read in full, the bulk path reads "
                    + "each number first", template);
            return;
        }
        for (String dashboard : dashboardIds) {
            for (Map.Entry<String, String> list : LISTS.entrySet()) {
                String routeId = routeId(template, dashboard, list.getKey());
                if (context.getRoute(routeId) != null) {
                    continue;
                }
                Map<String, Object> parameters = new LinkedHashMap<>();
                parameters.put("dashboardId", dashboard);
                for (String option : LISTS.values()) {
                    parameters.put(option, option.equals(list.getValue()) ? "true" : "");
                }
                model.addRouteFromTemplate(routeId, template, parameters);
            }
        }
        firstReads(context);
    }

    /**
     * A dashboard not indexed yet (the first start; a list never read to its end) would wait for the slow schedule's
     * next firing, meanwhile the bulk path reads each number: its lists are read once now, in the background, then on
     * the schedule. A pass that overlaps a scheduled one only learns the same numbers twice.
     */
    private void firstReads(CamelContext context) {
        List<Runnable> reads = new ArrayList<>();
        for (String dashboard : dashboardIds) {
            if (indexed(dashboard)) {
                continue;
            }
            for (String list : LISTS.keySet()) {
                Route route = context.getRoute(routeId(template, dashboard, list));
                if (route != null && route.getConsumer() instanceof ScheduledPollConsumer consumer) {
                    reads.add(consumer);
                }
            }
        }
        if (reads.isEmpty()) {
            return;
        }
        ExecutorService executor = context.getExecutorServiceManager().newSingleThreadExecutor(this,
                "optout-textrequest-first-read");
        reads.forEach(executor::submit);
        executor.shutdown(); // the thread ends after the reads
    }

    private IdempotentRepository repository() {
        return Stores.idempotent(camelContext, repository);
    }

    private StateRepository<String, String> state() {
        return Stores.state(camelContext, stateRepository);
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        try {
            camelContext.addStartupListener(this);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the full re-read routes' startup listener", e);
        }
    }

    /** Registry name of the idempotent repository holding the known numbers (default smsIdempotentRepository). */
    public void setRepository(String repository) {
        this.repository = repository;
    }

    /** Registry name of the state repository holding the indexed marks (default smsStateRepository). */
    public void setStateRepository(String stateRepository) {
        this.stateRepository = stateRepository;
    }

    /** Id of the route template of one dashboard's full re-read (default optout-textrequest-full-read). */
    public void setTemplate(String template) {
        this.template = template;
    }

    /** The Text Request dashboards (comma-separated ids) read in full. */
    public void setDashboardIds(String ids) {
        List<String> list = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.isBlank()) {
                if (!id.strip().matches("\\d+")) {
                    throw new IllegalArgumentException("dashboardIds: '" + id.strip() + "' is not a dashboard id");
                }
                list.add(id.strip());
            }
        }
        this.dashboardIds = List.copyOf(list);
    }
}
