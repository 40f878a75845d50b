package dev.smskamelets.core.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smskamelets.core.checkpoint.JdbcStateRepository;
import dev.smskamelets.core.deadletter.DeadLetterProcessor;
import dev.smskamelets.core.deadletter.JdbcDeadLetterStore;
import dev.smskamelets.core.idempotent.JdbcIdempotentRepository;
import dev.smskamelets.core.inbox.JdbcInboxComponent;
import dev.smskamelets.core.lock.KeyedLocks;
import dev.smskamelets.core.store.Durations;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one switch of cluster mode (docs/cluster.md): with {@code sms-kamelets.cluster.enabled=true} every node of the
 * cluster shares one PostgreSQL database ({@code sms-kamelets.cluster.jdbc-url}, {@code .username},
 * {@code .password}) and nothing else:
 * <ul>
 *   <li>one HikariCP pool bound as {@code smsDataSource} ({@code sms-kamelets.cluster.pool-size}, default 20);</li>
 *   <li>the Quartz scheduler of camel-quartz on the clustered JDBC job store ({@code JobStoreTX} as
 *       {@link ClusterJobStore}: a dead node's firings recovered {@code sms-kamelets.cluster.failure-grace} after its
 *       missed check-in instead of Quartz's fixed 7.5 s,
 *       {@code PostgreSQLDelegate}, {@code isClustered=true}, {@code instanceId=AUTO}) on that pool, its tables
 *       created from the Quartz jar's DDL when missing: each polling pass fires on one node;</li>
 *   <li>a {@link JdbcPassGuard} ({@code smsPassGuard}): a pass never overlaps the same pass on another node;</li>
 *   <li>the stores {@code smsStateRepository}, {@code smsIdempotentRepository}, {@code smsDeadLetterStore} replaced
 *       by their JDBC versions (and {@code smsDeadLetters} writing to it), the opt-out audit trail
 *       ({@code optoutAudit}) in PostgreSQL, every {@link KeyedLocks} bean locking across nodes, and every
 *       {@code JobRuns} bean's health judged on the cluster's last success (a node whose passes run elsewhere is
 *       not stale);</li>
 *   <li>the {@code sms-inbox} component (the web hook inbox table) and {@code optout.inbox.uri} pointing at it
 *       ({@code optout.inbox.cluster-uri}, default {@code sms-inbox:optout}): every node answers web hooks and
 *       drains the inbox.</li>
 * </ul>
 * Every node needs the same {@code camel.main.name} (it names the Quartz scheduler) and a synchronised clock. The
 * file defaults stay untouched when the switch is off. The demo application adds this listener; an application of
 * its own adds it with {@code camel.main.main-listener-classes = dev.smskamelets.core.cluster.ClusterMode}.
 */
public class ClusterMode extends MainListenerSupport {

    public static final String PREFIX = "sms-kamelets.cluster.";
    /** Name of the Quartz data source (a {@link DBConnectionManager} provider on the pool). */
    static final String QUARTZ_DATA_SOURCE = "smsKamelets";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMode.class);
    private HikariDataSource dataSource;
    private String node;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        if (!enabled(pc)) {
            return;
        }
        String url = pc.resolveProperty(PREFIX + "jdbc-url").map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("Invalid " + PREFIX + "jdbc-url '': cluster mode ("
                        + PREFIX + "enabled=true) needs the PostgreSQL URL, e.g. jdbc:postgresql://db:5432/sms"));
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Invalid " + PREFIX + "jdbc-url '" + safe(url)
                    + "': cluster mode runs on PostgreSQL (jdbc:postgresql://host:5432/db)");
        }
        node = pc.resolveProperty(PREFIX + "node-id").map(String::strip).filter(s -> !s.isEmpty())
                .orElse(ManagementFactory.getRuntimeMXBean().getName());
        int poolSize = pc.resolveProperty(PREFIX + "pool-size").map(v -> positive(PREFIX + "pool-size", v)).orElse(20);
        Duration checkin = pc.resolveProperty(PREFIX + "checkin-interval").map(v -> Durations.parse(PREFIX + "checkin-interval", v))
                .orElse(Duration.ofSeconds(1));
        Duration grace = pc.resolveProperty(PREFIX + "failure-grace").map(v -> Durations.parse(PREFIX + "failure-grace", v))
                .orElse(Duration.ofSeconds(2));

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        pc.resolveProperty(PREFIX + "username").filter(s -> !s.isBlank()).ifPresent(config::setUsername);
        pc.resolveProperty(PREFIX + "password").filter(s -> !s.isBlank()).ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("sms-kamelets-cluster");
        // pg_stat_activity (and pg_locks through it) shows which node holds what
        config.addDataSourceProperty("ApplicationName", "sms-kamelets " + node);
        config.setConnectionTimeout(30_000);
        dataSource = new HikariDataSource(config);
        context.getRegistry().bind("smsDataSource", DataSource.class, dataSource);

        QuartzTables.create(dataSource);
        DBConnectionManager.getInstance().addConnectionProvider(QUARTZ_DATA_SOURCE, new PoolProvider(dataSource));
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(new LinkedHashMap<>(quartzProperties(checkin, grace)));
        context.addComponent("quartz", quartz);

        context.getRegistry().bind("smsPassGuard", PassGuard.class, new JdbcPassGuard(dataSource, node));
        JdbcInboxComponent inbox = new JdbcInboxComponent();
        inbox.setDataSource(dataSource);
        inbox.setNode(node);
        context.addComponent(JdbcInboxComponent.SCHEME, inbox);
        pc.addOverrideProperty("optout.inbox.uri",
                pc.resolveProperty("optout.inbox.cluster-uri").orElse("sms-inbox:optout"));
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        if (dataSource == null) {
            return;
        }
        CamelContext context = main.getCamelContext();
        var registry = context.getRegistry();
        JdbcStateRepository state = new JdbcStateRepository();
        state.setDataSource(dataSource);
        JdbcIdempotentRepository idempotent = new JdbcIdempotentRepository();
        idempotent.setDataSource(dataSource);
        JdbcDeadLetterStore deadLetters = new JdbcDeadLetterStore();
        deadLetters.setDataSource(dataSource);
        // the registry keeps one bean per name and type: the file store of the same name goes first
        for (var named : Map.<String, Object>of("smsStateRepository", state, "smsIdempotentRepository", idempotent,
                "smsDeadLetterStore", deadLetters).entrySet()) {
            registry.unbind(named.getKey());
            registry.bind(named.getKey(), named.getValue());
        }
        registry.findByType(DeadLetterProcessor.class).forEach(p -> p.setStore(deadLetters));
        registry.findByType(KeyedLocks.class).forEach(l -> l.setDataSource(dataSource));
        // job health is the cluster's: a node whose passes happen to run on other nodes is not stale
        registry.findByType(dev.smskamelets.core.job.JobRuns.class).forEach(r -> r.setSharedState(state));
        Object audit = registry.lookupByName("optoutAudit");
        if (audit != null) { // the opt-out audit trail (docs/audit.md) in PostgreSQL
            org.apache.camel.support.PropertyBindingSupport.build().withMandatory(true)
                    .bind(context, audit, "dataSource", dataSource);
        }
        LOG.info("Cluster mode: node {} on {} (Quartz clustered job store, JDBC stores, web hook inbox table, locks"
                + " across nodes; docs/cluster.md)", node, safe(dataSource.getJdbcUrl()));
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    /** Whether {@code sms-kamelets.cluster.enabled} is true. */
    public static boolean enabled(PropertiesComponent pc) {
        Optional<String> value = pc.resolveProperty(PREFIX + "enabled").map(String::strip);
        if (value.isEmpty() || value.get().isEmpty() || value.get().equalsIgnoreCase("false")) {
            return false;
        }
        if (!value.get().equalsIgnoreCase("true")) {
            throw new IllegalArgumentException("Invalid " + PREFIX + "enabled '" + value.get() + "': expected true or false");
        }
        return true;
    }

    /** The Quartz properties of a clustered JDBC job store on the pool. */
    static Map<String, String> quartzProperties(Duration checkin, Duration grace) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", "sms-kamelets");
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", "4");
        p.put("org.quartz.jobStore.class", ClusterJobStore.class.getName()); // JobStoreTX, shorter failure grace
        p.put("org.quartz.jobStore.failureGrace", Long.toString(grace.toMillis()));
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.dataSource", QUARTZ_DATA_SOURCE);
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", Long.toString(Math.max(200, checkin.toMillis())));
        p.put("org.quartz.jobStore.misfireThreshold", "5000");
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    private static int positive(String field, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("Invalid " + field + " '" + value + "': expected a positive number");
    }

    /** The JDBC URL without its query (which may hold a password). */
    static String safe(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }

    /** Quartz's connections from the pool. */
    static final class PoolProvider implements ConnectionProvider {
        private final DataSource dataSource;

        PoolProvider(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool closes with the application (afterStop)
        }

        @Override
        public void initialize() {
            // the pool is ready
        }
    }
}
