package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.RoundRobinProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Backlog of the opt-out job on three cluster nodes vs one, same sandbox and limits (not part of the suite):
 * <pre>mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=ClusterBacklogBenchmark</pre>
 * Each run: a fresh sandbox ({@code rateLimit.default} {@value #RATE} requests per second per account) seeded with
 * {@value #BACKLOG} Listrak opt-outs, the nodes in cluster mode on their own schema, and, once they listen, a burst
 * of {@value #HOOKS} web hook STOPs (Text Request and Textable in turn) through the load balancer. Measured: from the
 * first node's start until every opt-out is written at every target (the sandbox ledger), and the time to apply the
 * web hook burst. Asserted in both runs: nothing lost, nothing written twice. Written to
 * {@code target/cluster-backlog.txt}.
 */
@Tag("benchmark")
class ClusterBacklogBenchmark {

    static final int BACKLOG = Integer.getInteger("cluster.backlog", 200);
    static final int HOOKS = Integer.getInteger("cluster.hooks", 60);
    static final int RATE = Integer.getInteger("cluster.rate", 20);
    static final Duration WAIT = Duration.ofMinutes(15);

    record Result(int nodes, Duration drain, Duration hooks, int writes, Map<Integer, Long> answeredPerNode,
                  Map<String, Long> passesPerNode, long throttled) {
    }

    @Test
    void threeNodesVersusOne() throws Exception {
        Result one = run(1);
        Result three = run(3);
        String text = "Backlog " + BACKLOG + " Listrak opt-outs + " + HOOKS + " web hook STOPs, sandbox rateLimit.default "
                + RATE + "/s per account:\n" + line(one) + line(three);
        System.out.println(text);
        Files.writeString(Path.of("target/cluster-backlog.txt"), text);
    }

    private static String line(Result r) {
        return String.format("  %d node(s): all applied in %6.1f s, web hook burst applied in %6.1f s, %d writes (each once),"
                        + " web hooks answered per node %s, Listrak passes per node %s, 429 answers %d%n", r.nodes(),
                r.drain().toMillis() / 1000.0, r.hooks().toMillis() / 1000.0, r.writes(), r.answeredPerNode(),
                r.passesPerNode(), r.throttled());
    }

    private Result run(int count) throws Exception {
        int lbPort = JobRuntime.freePort();
        Sandbox sandbox = Sandbox.builder().port(0).seed(42)
                .option("rateLimit.default", String.valueOf(RATE))
                .option("listrak.contacts", String.valueOf(BACKLOG + HOOKS + 20)).option("listrak.optOuts", String.valueOf(BACKLOG))
                .option("textrequest.contacts", "10").option("textrequest.optedOut", "0").option("textrequest.suppressed", "0")
                .option("textable.contacts", "10").option("textable.optedOut", "0")
                .option("textable.relayWebhook", "http://127.0.0.1:" + lbPort + "/textable/relay/" + ClusterNodes.SECRET)
                .start();
        try (ClusterNodes cluster = new ClusterNodes(sandbox, Path.of("target/cluster-backlog/" + count + "-nodes"), count, lbPort)) {
            OptOutSandbox vendors = new OptOutSandbox(sandbox);
            Instant started = Instant.now();
            cluster.startAll();
            Instant burst = Instant.now();
            List<String[]> hooks = new ArrayList<>();
            for (int i = 1; i <= HOOKS; i++) {
                String phone = vendors.listrakSubscribed(i);
                if (i % 2 == 0) {
                    vendors.stopAtTextRequest(101, phone);
                    hooks.add(new String[] {"textrequest", phone});
                } else {
                    vendors.stopAtTextable(phone);
                    hooks.add(new String[] {"textable", phone});
                }
            }
            var seed = sandbox.api(ListrakSmsApi.class).seed();
            List<String> backlog = new ArrayList<>();
            for (int i = 0; i < seed.optOuts(); i++) {
                backlog.add(seed.phone(i));
            }
            Instant[] hooksDone = {null};
            await("every opt-out applied at every target on " + count + " node(s)", WAIT, () -> {
                if (hooksDone[0] == null && hooks.stream().allMatch(h -> ClusterNodes.applied(vendors, sandbox, h[0], h[1]))) {
                    hooksDone[0] = Instant.now();
                }
                return hooksDone[0] != null && backlog.stream().allMatch(p -> ClusterNodes.applied(vendors, sandbox, "listrak", p));
            });
            Instant done = Instant.now();
            Map<String, Long> writes = sandbox.ledger().entries(OptOutFaultTest::isOptOutWrite).stream()
                    .collect(Collectors.groupingBy(e -> e.api() + " " + e.key(), Collectors.counting()));
            assertThat(writes).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
            cluster.assertNoOverlappingPasses();
            Map<Integer, Long> answered = cluster.lb().answers().stream().filter(a -> a.status() / 100 == 2)
                    .collect(Collectors.groupingBy(RoundRobinProxy.Answer::node, TreeMap::new, Collectors.counting()));
            // the pass that drained the backlog logs its line once it returned (just after its last write)
            await("the draining Listrak pass logged", WAIT, () -> cluster.passes().getOrDefault("optout-listrak-sms-poll",
                    List.of()).stream().anyMatch(p -> p.end().isAfter(started)));
            Map<String, Long> passes = cluster.passes().getOrDefault("optout-listrak-sms-poll", List.of()).stream()
                    .collect(Collectors.groupingBy(ClusterNodes.Pass::node, TreeMap::new, Collectors.counting()));
            long throttled = sandbox.requests().entries(e -> e.status() == 429).size();
            return new Result(count, Duration.between(started, done), Duration.between(burst, hooksDone[0]), writes.size(),
                    answered, passes, throttled);
        } finally {
            sandbox.stop();
        }
    }
}
