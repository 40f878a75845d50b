package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.WebhookSender;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.RoundRobinProxy;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, cluster mode: three node JVMs of the opt-out job on one PostgreSQL (a schema of the local database of
 * their own), the sandbox (rate-limited) and a round-robin load balancer in front of the nodes' web hook endpoints
 * ({@link ClusterNodes}). Customers text STOP at every vendor at a steady rate while the node running the Listrak
 * poll is killed ({@code kill -9}) mid-pass, later a second node, then both are restarted, and the node running the
 * Listrak poll is killed mid-pass once more and restarted. Then: every opt-out applied at every target exactly once
 * (sandbox ledger); every web hook the load balancer answered 2xx was applied; the deliveries were spread over the
 * nodes; no pass ran on two nodes at once (each node logs the start and end of the passes it ran). The failover time
 * of each kill (from the kill to the start of the next Listrak pass on a surviving node) is written to
 * {@code target/cluster-failover.txt}. Node logs: {@code target/cluster-test/}.
 */
class ClusterFailoverTest {

    static final int NODES = 3;
    static final Duration WAIT = ClusterNodes.WAIT;
    static final String LISTRAK_ROUTE = "optout-listrak-sms-poll";
    static final int LB_PORT = JobRuntime.freePort();
    static final Pattern HOOK_PHONE = Pattern.compile("\"(?:phone_number|FromNumber)\"\\s*:\\s*\"\\+?1?(\\d{10})\"");

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("rateLimit.default", 15)
            .option("listrak.contacts", 400).option("listrak.optOuts", 40)
            .option("textrequest.contacts", 20).option("textrequest.optedOut", 2).option("textrequest.suppressed", 1)
            .option("textable.contacts", 10).option("textable.optedOut", 1)
            .option("textable.relayWebhook", "http://127.0.0.1:" + LB_PORT + "/textable/relay/" + ClusterNodes.SECRET);

    private ClusterNodes cluster;

    @Test
    void threeNodesKilledAndRestartedApplyEveryOptOutExactlyOnce(Sandbox sandbox) throws Exception {
        OptOutSandbox vendors = new OptOutSandbox(sandbox);
        List<String> sent = new ArrayList<>(); // "origin phone"
        List<Duration> failovers = new ArrayList<>();
        try (ClusterNodes nodes = new ClusterNodes(sandbox, Path.of("target/cluster-test"), NODES, LB_PORT)) {
            cluster = nodes.property("optout.bulk-size", "10");
            cluster.startAll();
            StopGenerator stops = new StopGenerator(vendors, sent);
            stops.start();
            try {
                // kill 1: the node running the Listrak pass (the seeded backlog), mid-pass
                int first = killListrakNodeMidPass(failovers);
                // kill 2, later: a second node
                stops.awaitMore(6);
                int second = (first + 1) % NODES;
                failovers.add(killAndMeasure(second));
                stops.awaitMore(6);
                cluster.start(first);
                cluster.start(second);
                cluster.awaitListening(first);
                cluster.awaitListening(second);
                // kill 3: a burst of Listrak STOPs makes the next Listrak pass long; its node is killed mid-pass
                stops.listrakBurst(12);
                int third = killListrakNodeMidPass(failovers);
                stops.awaitMore(6);
                cluster.start(third);
                cluster.awaitListening(third);
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
                await("every opt-out applied at every target", WAIT, () -> listrakSeeded.stream().allMatch(p -> ClusterNodes.applied(vendors, sandbox, "listrak", p))
                        && all.stream().allMatch(s -> ClusterNodes.applied(vendors, sandbox, s.split(" ")[0], s.split(" ")[1])));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nmissing:\n" + all.stream()
                        .filter(s -> !ClusterNodes.applied(vendors, sandbox, s.split(" ")[0], s.split(" ")[1])).collect(Collectors.joining("\n"))
                        + "\nnode logs in target/cluster-test", e);
            }

            // exactly once: no number was written twice at any target
            Map<String, Long> writes = sandbox.ledger().entries(OptOutFaultTest::isOptOutWrite).stream()
                    .collect(Collectors.groupingBy(e -> e.api() + " " + e.key(), Collectors.counting()));
            assertThat(writes).isNotEmpty().allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));

            // every web hook answered 2xx was applied, and the deliveries were spread across the nodes
            List<RoundRobinProxy.Answer> answered = cluster.lb().answers().stream().filter(a -> a.status() / 100 == 2).toList();
            assertThat(answered).isNotEmpty();
            Map<String, Integer> checked = new java.util.TreeMap<>();
            for (RoundRobinProxy.Answer a : answered) {
                Matcher m = HOOK_PHONE.matcher(a.body());
                if (m.find() && sentPhones(all).contains(m.group(1))) {
                    String origin = a.path().startsWith("/textable") ? "textable" : "textrequest";
                    assertThat(ClusterNodes.applied(vendors, sandbox, origin, m.group(1))).as("web hook of " + m.group(1) + " answered "
                            + a.status() + " by node " + a.node()).isTrue();
                    checked.merge(origin, 1, Integer::sum);
                }
            }
            assertThat(checked).as("web hook STOPs answered 2xx and checked, per vendor").containsKeys("textable", "textrequest");
            assertThat(answered.stream().map(RoundRobinProxy.Answer::node).distinct().count()).as("nodes answering web hooks")
                    .isGreaterThanOrEqualTo(2);
            // a delivery cut by a kill after its replay key was stored is refused when the balancer retries it (401):
            // allowed only for a STOP that reached every target anyway (the dashboard's safety-net poll)
            for (WebhookSender.Delivery d : sandbox.webhooks().deliveries()) {
                if (d.status() / 100 != 2) {
                    Matcher m = HOOK_PHONE.matcher(d.body());
                    assertThat(m.find() && sentPhones(all).contains(m.group(1)) && ClusterNodes.applied(vendors, sandbox,
                            d.api().startsWith("textable") ? "textable" : "textrequest", m.group(1)))
                            .as("a delivery not answered 2xx, of an opt-out applied anyway: " + d).isTrue();
                }
            }

            // no pass ran on two nodes at once
            Map<String, List<ClusterNodes.Pass>> passes = cluster.passes();
            assertThat(passes.get(LISTRAK_ROUTE)).as("Listrak passes").isNotEmpty();
            assertThat(passes.values().stream().flatMap(List::stream).map(ClusterNodes.Pass::node).distinct().count())
                    .as("nodes that ran passes").isGreaterThanOrEqualTo(2);
            cluster.assertNoOverlappingPasses();
            report(failovers, passes, answered, writes.size());
        }
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

    private static Set<String> sentPhones(List<String> sent) {
        return sent.stream().map(s -> s.split(" ")[1]).collect(Collectors.toSet());
    }

    /** Waits until a node holds the Listrak pass guard (mid-pass), kills it; adds the failover time. */
    private int killListrakNodeMidPass(List<Duration> failovers) throws Exception {
        int[] holder = {-1};
        await("a node in the middle of a Listrak pass", WAIT, () -> {
            holder[0] = cluster.passHolder(LISTRAK_ROUTE);
            return holder[0] >= 0;
        });
        failovers.add(killAndMeasure(holder[0]));
        return holder[0];
    }

    /** kill -9 of the node, then the time until the next Listrak pass started on another node. */
    private Duration killAndMeasure(int node) throws Exception {
        Instant killed = cluster.kill(node);
        Instant[] next = {null};
        await("the next Listrak pass on a surviving node after the kill of node-" + node, WAIT, () -> {
            next[0] = cluster.passes().getOrDefault(LISTRAK_ROUTE, List.of()).stream()
                    .filter(p -> !p.node().equals("node-" + node) && p.start().isAfter(killed))
                    .map(ClusterNodes.Pass::start).min(Comparator.naturalOrder()).orElse(null);
            return next[0] != null;
        });
        return Duration.between(killed, next[0]);
    }

    private void report(List<Duration> failovers, Map<String, List<ClusterNodes.Pass>> passes, List<RoundRobinProxy.Answer> answered,
                        int writes) throws Exception {
        List<Long> ms = failovers.stream().map(Duration::toMillis).sorted().toList();
        long median = ms.get(ms.size() / 2);
        long max = ms.get(ms.size() - 1);
        Map<Integer, Long> perNode = answered.stream().collect(Collectors.groupingBy(RoundRobinProxy.Answer::node,
                java.util.TreeMap::new, Collectors.counting()));
        Map<String, Long> passesPerNode = passes.getOrDefault(LISTRAK_ROUTE, List.of()).stream()
                .collect(Collectors.groupingBy(ClusterNodes.Pass::node, java.util.TreeMap::new, Collectors.counting()));
        String text = "cluster failover (kill -9 to the next Listrak pass on a surviving node), ms: " + ms
                + "; median " + median + ", max " + max + "\nweb hooks answered 2xx per node: " + perNode
                + "\nListrak passes per node: " + passesPerNode + "\nopt-out writes (each exactly once): " + writes + "\n";
        System.out.println(text);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/cluster-failover.txt"), text);
        assertThat(ms).hasSizeGreaterThanOrEqualTo(3);
    }
}
