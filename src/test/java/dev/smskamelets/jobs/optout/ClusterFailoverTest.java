package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.WebhookSender;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.Postgres;
import dev.smskamelets.test.RoundRobinProxy;
import dev.smskamelets.test.SandboxExtension;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, cluster mode: three node JVMs of the opt-out job on one PostgreSQL (a schema of the local database of
 * their own), the sandbox (rate-limited) and a round-robin load balancer in front of the nodes' web hook endpoints.
 * Customers text STOP at every vendor at a steady rate while the node running the Listrak poll is killed
 * ({@code kill -9}) mid-pass, later a second node, then both are restarted, and the node running the Listrak poll is
 * killed mid-pass once more and restarted. Then: every opt-out applied at every target exactly once (sandbox
 * ledger); every web hook the load balancer answered 2xx was applied; the deliveries were spread over the nodes; no
 * pass ran on two nodes at once (each node logs the start and end of the passes it ran). The failover time of each
 * kill (from the kill to the start of the next Listrak pass on a surviving node) is written to
 * {@code target/cluster-failover.txt}.
 */
class ClusterFailoverTest {

    static final int NODES = 3;
    static final Duration WAIT = Duration.ofSeconds(120);
    static final String SECRET = "cluster-test-relay-secret-0123456789";
    static final String LISTRAK_ROUTE = "optout-listrak-sms-poll";
    static final int LB_PORT = JobRuntime.freePort();
    static final Pattern PASS = Pattern.compile("cluster pass route=(\\S+) node=(\\S+) start=(\\S+) end=(\\S+)");
    static final Pattern HOOK_PHONE = Pattern.compile("\"(?:contact_phone|FromNumber)\"\\s*:\\s*\"\\+?1?(\\d{10})\"");

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("rateLimit.default", 15)
            .option("listrak.contacts", 400).option("listrak.optOuts", 40)
            .option("textrequest.contacts", 20).option("textrequest.optedOut", 2).option("textrequest.suppressed", 1)
            .option("textable.contacts", 10).option("textable.optedOut", 1)
            .option("textable.relayWebhook", "http://127.0.0.1:" + LB_PORT + "/textable/relay/" + SECRET);

    /** The nodes' folders and logs (kept for a look after a failure). */
    final Path data = Path.of("target/cluster-test");

    private final List<Integer> ports = new ArrayList<>();
    private final Process[] nodes = new Process[NODES];
    private String schema;
    private Postgres pg;

    @Test
    void threeNodesKilledAndRestartedApplyEveryOptOutExactlyOnce(Sandbox sandbox) throws Exception {
        org.apache.camel.util.FileUtil.removeDir(data.toFile());
        Files.createDirectories(data);
        for (int i = 0; i < NODES; i++) {
            ports.add(JobRuntime.freePort());
        }
        schema = "cluster_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        pg = new Postgres();
        sql("CREATE SCHEMA " + schema);
        OptOutSandbox vendors = new OptOutSandbox(sandbox);
        List<String> sent = new ArrayList<>(); // "origin phone"
        List<Duration> failovers = new ArrayList<>();
        try (RoundRobinProxy lb = new RoundRobinProxy(LB_PORT, ports)) {
            // the first node registers the Text Request hook (the load balancer's URL); then the others start
            start(sandbox, 0, lb);
            await("the hook registered at dashboards 101 and 102", WAIT, () -> vendors.textRequestHookRegistered(101, hookUrl(lb))
                    && vendors.textRequestHookRegistered(102, hookUrl(lb)));
            start(sandbox, 1, lb);
            start(sandbox, 2, lb);
            for (int i = 0; i < NODES; i++) {
                awaitListening(i);
            }
            StopGenerator stops = new StopGenerator(vendors, sent);
            stops.start();
            try {
                // kill 1: the node running the Listrak pass (the seeded backlog), mid-pass
                int first = killListrakNodeMidPass(failovers);
                // kill 2, later: a second node
                stops.awaitMore(6);
                int second = (first + 1) % NODES;
                failovers.add(kill(second, true));
                stops.awaitMore(6);
                start(sandbox, first, lb);
                start(sandbox, second, lb);
                awaitListening(first);
                awaitListening(second);
                // kill 3: a burst of Listrak STOPs makes the next Listrak pass long; its node is killed mid-pass
                stops.listrakBurst(12);
                int third = killListrakNodeMidPass(failovers);
                stops.awaitMore(6);
                start(sandbox, third, lb);
                awaitListening(third);
                stops.awaitMore(6);
            } finally {
                stops.close();
            }

            var seed = sandbox.api(ListrakSmsApi.class).seed();
            List<String> listrakSeeded = new ArrayList<>();
            for (int i = 0; i < seed.optOuts(); i++) {
                listrakSeeded.add(seed.phone(i));
            }
            List<String> all = List.copyOf(sent);
            try {
                await("every opt-out applied at every target", WAIT, () -> listrakSeeded.stream().allMatch(p -> applied(vendors, sandbox, "listrak", p))
                        && all.stream().allMatch(s -> applied(vendors, sandbox, s.split(" ")[0], s.split(" ")[1])));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nmissing:\n" + all.stream()
                        .filter(s -> !applied(vendors, sandbox, s.split(" ")[0], s.split(" ")[1])).collect(Collectors.joining("\n"))
                        + "\nnode logs in " + data, e);
            }

            // exactly once: no number was written twice at any target
            Map<String, Long> writes = sandbox.ledger().entries(OptOutFaultTest::isOptOutWrite).stream()
                    .collect(Collectors.groupingBy(e -> e.api() + " " + e.key(), Collectors.counting()));
            assertThat(writes).isNotEmpty().allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));

            // every web hook answered 2xx was applied, and the deliveries were spread across the nodes
            List<RoundRobinProxy.Answer> answered = lb.answers().stream().filter(a -> a.status() / 100 == 2).toList();
            assertThat(answered).isNotEmpty();
            for (RoundRobinProxy.Answer a : answered) {
                Matcher m = HOOK_PHONE.matcher(a.body());
                if (m.find() && sentPhones(all).contains(m.group(1))) {
                    String origin = a.path().startsWith("/textable") ? "textable" : "textrequest";
                    assertThat(applied(vendors, sandbox, origin, m.group(1))).as("web hook of " + m.group(1) + " answered "
                            + a.status() + " by node " + a.node()).isTrue();
                }
            }
            assertThat(answered.stream().map(RoundRobinProxy.Answer::node).distinct().count()).as("nodes answering web hooks")
                    .isGreaterThanOrEqualTo(2);
            assertThat(sandbox.webhooks().deliveries().stream().filter(d -> d.status() / 100 != 2).map(WebhookSender.Delivery::toString)
                    .toList()).as("deliveries the load balancer did not answer 2xx").isEmpty();

            // no pass ran on two nodes at once
            Map<String, List<Pass>> passes = passes();
            assertThat(passes.get(LISTRAK_ROUTE)).as("Listrak passes").isNotEmpty();
            assertThat(passes.values().stream().flatMap(List::stream).map(Pass::node).distinct().count())
                    .as("nodes that ran passes").isGreaterThanOrEqualTo(2);
            for (var route : passes.entrySet()) {
                List<Pass> sorted = route.getValue().stream().sorted(Comparator.comparing(Pass::start)).toList();
                for (int i = 1; i < sorted.size(); i++) {
                    assertThat(sorted.get(i).start()).as(route.getKey() + ": " + sorted.get(i) + " after " + sorted.get(i - 1))
                            .isAfterOrEqualTo(sorted.get(i - 1).end());
                }
            }
            report(failovers, passes, answered, writes.size());
        } finally {
            for (int i = 0; i < NODES; i++) {
                if (nodes[i] != null) {
                    nodes[i].destroy();
                }
            }
            for (int i = 0; i < NODES; i++) {
                if (nodes[i] != null) {
                    nodes[i].waitFor(30, TimeUnit.SECONDS);
                }
            }
            try {
                sql("DROP SCHEMA " + schema + " CASCADE");
            } finally {
                pg.close();
            }
        }
    }

    record Pass(String route, String node, Instant start, Instant end) {
    }

    /** A customer texts STOP every 800 ms, in turn at Listrak, Text Request 101 and Textable. */
    final class StopGenerator extends Thread implements AutoCloseable {
        private final OptOutSandbox vendors;
        private final List<String> sent;
        private volatile boolean running = true;
        private volatile Exception failure;
        private int next = 1;

        StopGenerator(OptOutSandbox vendors, List<String> sent) {
            super("stop-generator");
            this.vendors = vendors;
            this.sent = sent;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running && next < 340) {
                try {
                    textStop();
                    Thread.sleep(800);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failure = e;
                    return;
                }
            }
        }

        private synchronized void textStop() throws Exception {
            String phone = vendors.listrakSubscribed(next);
            String origin = switch (next++ % 3) {
                case 0 -> "listrak";
                case 1 -> "textrequest";
                default -> "textable";
            };
            switch (origin) {
                case "listrak" -> vendors.stopAtListrak(phone);
                case "textrequest" -> vendors.stopAtTextRequest(101, phone);
                default -> vendors.stopAtTextable(phone);
            }
            synchronized (sent) {
                sent.add(origin + " " + phone);
            }
        }

        synchronized void listrakBurst(int n) throws Exception {
            for (int i = 0; i < n; i++) {
                String phone = vendors.listrakSubscribed(next++);
                vendors.stopAtListrak(phone);
                synchronized (sent) {
                    sent.add("listrak " + phone);
                }
            }
        }

        void awaitMore(int n) throws InterruptedException {
            int before;
            synchronized (sent) {
                before = sent.size();
            }
            await(n + " more STOPs", WAIT, () -> {
                if (failure != null) {
                    throw new IllegalStateException("the STOP generator failed", failure);
                }
                synchronized (sent) {
                    return sent.size() >= before + n;
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            interrupt();
            join(10_000);
            assertThat(failure).as("the sandbox took every STOP").isNull();
        }
    }

    /** Whether an opt-out from {@code origin} of the number is at every other target (the ledger). */
    private static boolean applied(OptOutSandbox vendors, Sandbox sandbox, String origin, String phone) {
        boolean listrak = origin.startsWith("listrak") || vendors.listrakOptOuts(1234, phone).size() == 1;
        boolean tr101 = origin.equals("textrequest") || vendors.textRequestSuppressions(101, phone).size() == 1;
        boolean tr102 = vendors.textRequestSuppressions(102, phone).size() == 1;
        boolean textable = origin.equals("textable") || textableOptOuts(sandbox, phone) == 1;
        return listrak && tr101 && tr102 && textable;
    }

    /** Textable opt-out writes of the contact the job created (or found) for the number, from the ledger. */
    private static long textableOptOuts(Sandbox sandbox, String phone10) {
        Set<String> ids = sandbox.ledger().entries(e -> "textable".equals(e.api()) && e.change() != null
                && e.change().contains("+1" + phone10)).stream().map(Ledger.Entry::key).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return 0;
        }
        return sandbox.ledger().entries(e -> OptOutFaultTest.isOptOutWrite(e) && "textable".equals(e.api())
                && ids.contains(e.key())).size();
    }

    private static Set<String> sentPhones(List<String> sent) {
        return sent.stream().map(s -> s.split(" ")[1]).collect(Collectors.toSet());
    }

    private static String hookUrl(RoundRobinProxy lb) {
        return lb.url() + "/textrequest/webhook/contact_updated";
    }

    /** Waits until a node holds the Listrak pass lock (mid-pass), kills it; adds the failover time. */
    private int killListrakNodeMidPass(List<Duration> failovers) throws Exception {
        int[] holder = {-1};
        await("a node in the middle of a Listrak pass", WAIT, () -> {
            holder[0] = passHolder(LISTRAK_ROUTE);
            return holder[0] >= 0;
        });
        failovers.add(kill(holder[0], true));
        return holder[0];
    }

    /** kill -9 of the node; with {@code measure} waits for the next Listrak pass on another node and returns the gap. */
    private Duration kill(int node, boolean measure) throws Exception {
        nodes[node].destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        Instant killed = Instant.now();
        assertThat(nodes[node].waitFor(30, TimeUnit.SECONDS)).isTrue();
        nodes[node] = null;
        append(node, "---- killed at " + killed);
        if (!measure) {
            return null;
        }
        Instant[] next = {null};
        await("the next Listrak pass on a surviving node after the kill of node-" + node, WAIT, () -> {
            next[0] = passes().getOrDefault(LISTRAK_ROUTE, List.of()).stream()
                    .filter(p -> !p.node().equals("node-" + node) && p.start().isAfter(killed))
                    .map(Pass::start).min(Comparator.naturalOrder()).orElse(null);
            return next[0] != null;
        });
        return Duration.between(killed, next[0]);
    }

    /** The node (index) whose connection holds the pass lock of the route now, or -1. */
    private int passHolder(String route) {
        try (Connection c = pg.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                        + " AND l.granted AND l.objsubid = 2 AND l.classid::bigint = ? AND l.objid::bigint = ?")) {
            ps.setLong(1, Integer.toUnsignedLong("sms-kamelets:passes".hashCode()));
            ps.setLong(2, Integer.toUnsignedLong(route.hashCode()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    for (int i = 0; i < NODES; i++) {
                        if (("sms-kamelets node-" + i).equals(name) && nodes[i] != null) {
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
    private Map<String, List<Pass>> passes() {
        Map<String, List<Pass>> byRoute = new LinkedHashMap<>();
        for (int i = 0; i < NODES; i++) {
            Path log = data.resolve("node-" + i + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(log)) {
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

    private void start(Sandbox sandbox, int node, RoundRobinProxy lb) throws Exception {
        Path dir = data.resolve("node-" + node);
        Files.createDirectories(dir);
        Map<String, String> p = new OptOutSandbox(sandbox).jobProperties(dir, ports.get(node), SECRET, "0/2 * * * * ?");
        p.put("optout.textrequest.webhook-url", hookUrl(lb));
        p.put("optout.bulk-size", "10");
        p.put("camel.metrics.enabled", "false");
        p.put("sms-kamelets.cluster.enabled", "true");
        p.put("sms-kamelets.cluster.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
        p.put("sms-kamelets.cluster.username", "postgres");
        p.put("sms-kamelets.cluster.node-id", "node-" + node);
        p.put("sms-kamelets.cluster.pool-size", "16");
        append(node, "---- start at " + Instant.now());
        nodes[node] = JobRuntime.spawn(p, data.resolve("node-" + node + ".log"), "-Xmx256m", "-XX:TieredStopAtLevel=1");
    }

    private void append(int node, String line) throws Exception {
        Files.writeString(data.resolve("node-" + node + ".log"), line + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** The node's relay route is up: a GET is refused with 405 (not 404, not a refused connection). */
    private void awaitListening(int node) throws InterruptedException {
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

    private void report(List<Duration> failovers, Map<String, List<Pass>> passes, List<RoundRobinProxy.Answer> answered,
                        int writes) throws Exception {
        List<Long> ms = failovers.stream().map(Duration::toMillis).sorted().toList();
        long median = ms.get(ms.size() / 2);
        long max = ms.get(ms.size() - 1);
        Map<Integer, Long> perNode = answered.stream().collect(Collectors.groupingBy(RoundRobinProxy.Answer::node,
                java.util.TreeMap::new, Collectors.counting()));
        Map<String, Long> passesPerNode = passes.getOrDefault(LISTRAK_ROUTE, List.of()).stream()
                .collect(Collectors.groupingBy(Pass::node, java.util.TreeMap::new, Collectors.counting()));
        String text = "cluster failover (kill -9 to the next Listrak pass on a surviving node), ms: " + ms
                + "; median " + median + ", max " + max + "\nweb hooks answered 2xx per node: " + perNode
                + "\nListrak passes per node: " + passesPerNode + "\nopt-out writes (each exactly once): " + writes + "\n";
        System.out.println(text);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/cluster-failover.txt"), text);
        assertThat(ms).hasSizeGreaterThanOrEqualTo(3);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
