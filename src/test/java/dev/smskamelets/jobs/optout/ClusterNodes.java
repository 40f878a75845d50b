package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.Postgres;
import dev.smskamelets.test.RoundRobinProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node JVMs of the opt-out job in cluster mode for the cluster tests: a schema of the local PostgreSQL of their own
 * (dropped on close), a round-robin load balancer in front of their web hooks, each node's folder and log under
 * {@code dir}, and the pass log lines ({@code cluster pass route=... node=... start=... end=...}) read back.
 */
final class ClusterNodes implements AutoCloseable {

    static final String SECRET = "cluster-test-relay-secret-0123456789";
    static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern PASS = Pattern.compile("cluster pass route=(\\S+) node=(\\S+) start=(\\S+) end=(\\S+)");

    record Pass(String route, String node, Instant start, Instant end) {
    }

    private final Sandbox sandbox;
    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final Process[] nodes;
    private final String schema = "cluster_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final Postgres pg = new Postgres();
    private final RoundRobinProxy lb;
    private final Map<String, String> extra = new LinkedHashMap<>();

    /** {@code count} nodes (none started), the balancer on {@code lbPort} (the sandbox's Textable relay target). */
    ClusterNodes(Sandbox sandbox, Path dir, int count, int lbPort) throws Exception {
        this.sandbox = sandbox;
        this.dir = dir;
        this.nodes = new Process[count];
        org.apache.camel.util.FileUtil.removeDir(dir.toFile());
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            ports.add(JobRuntime.freePort());
        }
        sql("CREATE SCHEMA " + schema);
        lb = new RoundRobinProxy(lbPort, ports);
    }

    /** A property every node gets (e.g. optout.bulk-size). */
    ClusterNodes property(String key, String value) {
        extra.put(key, value);
        return this;
    }

    RoundRobinProxy lb() {
        return lb;
    }

    String hookUrl() {
        return lb.url() + "/textrequest/webhook/contact_updated";
    }

    int size() {
        return nodes.length;
    }

    boolean alive(int node) {
        return nodes[node] != null;
    }

    /** Starts node {@code i} (its JVM; see {@link #awaitListening}). */
    void start(int node) throws Exception {
        Path home = dir.resolve("node-" + node);
        Files.createDirectories(home);
        Map<String, String> p = new OptOutSandbox(sandbox).jobProperties(home, ports.get(node), SECRET, "0/2 * * * * ?");
        p.put("optout.textrequest.webhook-url", hookUrl());
        p.put("camel.metrics.enabled", "false");
        p.put("sms-kamelets.cluster.enabled", "true");
        p.put("sms-kamelets.cluster.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
        p.put("sms-kamelets.cluster.username", "postgres");
        p.put("sms-kamelets.cluster.node-id", "node-" + node);
        p.put("sms-kamelets.cluster.pool-size", "16");
        p.putAll(extra);
        append(node, "---- start at " + Instant.now());
        nodes[node] = JobRuntime.spawn(p, log(node), "-Xmx256m", "-XX:TieredStopAtLevel=1");
    }

    /** Starts node 0, waits until it registered the Text Request hook (the balancer's URL), then the others. */
    void startAll() throws Exception {
        OptOutSandbox vendors = new OptOutSandbox(sandbox);
        start(0);
        await("the hook registered at dashboards 101 and 102", WAIT, () -> vendors.textRequestHookRegistered(101, hookUrl())
                && vendors.textRequestHookRegistered(102, hookUrl()));
        for (int i = 1; i < nodes.length; i++) {
            start(i);
        }
        for (int i = 0; i < nodes.length; i++) {
            awaitListening(i);
        }
    }

    /** kill -9 of the node; the moment it was killed. */
    Instant kill(int node) throws Exception {
        nodes[node].destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        Instant killed = Instant.now();
        assertThat(nodes[node].waitFor(30, TimeUnit.SECONDS)).isTrue();
        nodes[node] = null;
        append(node, "---- killed at " + killed);
        return killed;
    }

    /** The node's relay route is up: a GET is refused with 405 (not 404, not a refused connection). */
    void awaitListening(int node) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        await("node-" + node + "'s web hook routes", WAIT, () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(node) + "/textable/relay/x"))
                        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 405;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** The node (index) whose connection holds the pass guard of the route now, or -1. */
    int passHolder(String route) {
        try (Connection c = pg.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                        + " AND l.granted AND l.objsubid = 2 AND l.classid::bigint = ? AND l.objid::bigint = ?")) {
            ps.setLong(1, Integer.toUnsignedLong("sms-kamelets:passes".hashCode()));
            ps.setLong(2, Integer.toUnsignedLong(route.hashCode()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < nodes.length; i++) {
                        if (("sms-kamelets node-" + i).equals(rs.getString(1)) && nodes[i] != null) {
                            return i;
                        }
                    }
                }
            }
            return -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The passes every node logged, by route. */
    Map<String, List<Pass>> passes() {
        Map<String, List<Pass>> byRoute = new LinkedHashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            if (!Files.exists(log(i))) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(log(i))) {
                    Matcher m = PASS.matcher(line);
                    if (m.find()) {
                        byRoute.computeIfAbsent(m.group(1), r -> new ArrayList<>()).add(new Pass(m.group(1), m.group(2),
                                Instant.parse(m.group(3)), Instant.parse(m.group(4))));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return byRoute;
    }

    /** No pass of a route started before the previous one (on any node) ended. */
    void assertNoOverlappingPasses() {
        for (var route : passes().entrySet()) {
            List<Pass> sorted = route.getValue().stream().sorted(java.util.Comparator.comparing(Pass::start)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(sorted.get(i).start()).as(route.getKey() + ": " + sorted.get(i) + " after " + sorted.get(i - 1))
                        .isAfterOrEqualTo(sorted.get(i - 1).end());
            }
        }
    }

    /** Whether an opt-out from {@code origin} ({@code listrak}, {@code textrequest} at 101, {@code textable}) is at
     * every other target: Listrak 1234, Text Request 101 and 102, Textable (the sandbox ledger). */
    static boolean applied(OptOutSandbox vendors, Sandbox sandbox, String origin, String phone) {
        boolean listrak = origin.startsWith("listrak") || vendors.listrakOptOuts(1234, phone).size() == 1;
        boolean tr101 = origin.equals("textrequest") || vendors.textRequestSuppressions(101, phone).size() == 1;
        boolean tr102 = vendors.textRequestSuppressions(102, phone).size() == 1;
        boolean textable = origin.equals("textable") || textableOptOuts(sandbox, phone) == 1;
        return listrak && tr101 && tr102 && textable;
    }

    /** Textable opt-out writes of the contact the job created (or found) for the number, from the ledger. */
    static long textableOptOuts(Sandbox sandbox, String phone10) {
        java.util.Set<String> ids = sandbox.ledger().entries(e -> "textable".equals(e.api()) && e.change() != null
                && e.change().contains("+1" + phone10)).stream().map(dev.smskamelets.sandbox.Ledger.Entry::key)
                .collect(java.util.stream.Collectors.toSet());
        return ids.isEmpty() ? 0 : sandbox.ledger().entries(e -> OptOutFaultTest.isOptOutWrite(e)
                && "textable".equals(e.api()) && ids.contains(e.key())).size();
    }

    private Path log(int node) {
        return dir.resolve("node-" + node + ".log");
    }

    private void append(int node, String line) throws Exception {
        Files.writeString(log(node), line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            for (Process node : nodes) {
                if (node != null) {
                    node.destroy();
                }
            }
            for (Process node : nodes) {
                if (node != null && !node.waitFor(30, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
            lb.close();
            sql("DROP SCHEMA " + schema + " CASCADE");
        } finally {
            pg.close();
        }
    }
}
