package dev.smskamelets.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.core.lock.KeyedLocks;
import dev.smskamelets.test.Postgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The cluster-mode web hook inbox and locks on the local PostgreSQL, with several "nodes" in one JVM. */
class JdbcInboxTest {

    @Test
    void concurrentClaimersNeverTakeTheSameEntry() throws Exception {
        try (Postgres pg = new Postgres()) {
            String table = pg.uniqueTable("inbox");
            JdbcInbox inbox = new JdbcInbox(pg.dataSource(), table);
            for (int i = 0; i < 600; i++) {
                inbox.add("optout", "e" + i, "{\"n\":" + i + "}");
            }
            Set<Long> claimed = ConcurrentHashMap.newKeySet();
            AtomicInteger duplicates = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int n = 0; n < 6; n++) {
                    String node = "node-" + n;
                    done.add(pool.submit(() -> {
                        start.await();
                        List<JdbcInbox.Entry> got;
                        while (!(got = inbox.claim("optout", node, 7, Duration.ofMinutes(1))).isEmpty()) {
                            for (JdbcInbox.Entry e : got) {
                                if (!claimed.add(e.id())) {
                                    duplicates.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(duplicates).hasValue(0);
            assertThat(claimed).hasSize(600);
            assertThat(inbox.claim("optout", "late", 10, Duration.ofMinutes(1))).as("all held under lease").isEmpty();
        }
    }

    @Test
    void theClaimOfADeadNodeIsRecoveredAfterItsLeaseAndAFailedEntryAfterItsRetryDelay() throws Exception {
        try (Postgres pg = new Postgres()) {
            JdbcInbox inbox = new JdbcInbox(pg.dataSource(), pg.uniqueTable("inbox"));
            long id = inbox.add("optout", "stop.json", "{}");
            inbox.add("other", "x.json", "{}");
            assertThat(inbox.claim("optout", "dead", 5, Duration.ofSeconds(1))).extracting(JdbcInbox.Entry::id).containsExactly(id);
            assertThat(inbox.claim("optout", "alive", 5, Duration.ofSeconds(30))).as("still leased").isEmpty();
            Thread.sleep(1200); // the dead node's lease runs out (the database's clock)
            List<JdbcInbox.Entry> again = inbox.claim("optout", "alive", 5, Duration.ofSeconds(30));
            assertThat(again).extracting(JdbcInbox.Entry::id).containsExactly(id);
            assertThat(again.get(0).attempts()).isEqualTo(2);
            assertThat(inbox.done(id, "dead")).as("the dead node's late delete does nothing").isFalse();
            inbox.release(id, "alive", Duration.ofMillis(800));
            assertThat(inbox.claim("optout", "alive", 5, Duration.ofSeconds(30))).as("retry delay").isEmpty();
            Thread.sleep(1000);
            assertThat(inbox.claim("optout", "alive", 5, Duration.ofSeconds(30))).hasSize(1);
            assertThat(inbox.done(id, "alive")).isTrue();
            assertThat(inbox.size("optout")).isZero();
            assertThat(inbox.size("other")).isOne();
        }
    }

    @Test
    void theComponentDrainsOneInboxOnTwoNodesEachEntryOnce() throws Exception {
        try (Postgres pg = new Postgres()) {
            String table = pg.uniqueTable("inbox");
            Set<String> seen = ConcurrentHashMap.newKeySet();
            AtomicInteger twice = new AtomicInteger();
            AtomicInteger failedOnce = new AtomicInteger();
            List<CamelContext> nodes = new ArrayList<>();
            try {
                for (int n = 0; n < 2; n++) {
                    CamelContext camel = new DefaultCamelContext();
                    JdbcInboxComponent component = new JdbcInboxComponent();
                    component.setDataSource(pg.dataSource());
                    component.setNode("node-" + n);
                    camel.addComponent("sms-inbox", component);
                    String uri = "sms-inbox:optout?tableName=" + table + "&delay=50&retryDelay=200ms";
                    camel.addRoutes(new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("direct:hook").setHeader("CamelFileName", simple("${body}.json")).to(uri);
                            from(uri).threads(4).process(e -> {
                                String body = e.getMessage().getBody(String.class);
                                assertThat(e.getMessage().getHeader("CamelFileName", String.class)).isEqualTo(body + ".json");
                                if (body.equals("e7") && failedOnce.getAndIncrement() == 0) {
                                    throw new IllegalStateException("transient");
                                }
                                if (!seen.add(body)) {
                                    twice.incrementAndGet();
                                }
                            });
                        }
                    });
                    camel.start();
                    nodes.add(camel);
                }
                for (int i = 0; i < 200; i++) {
                    nodes.get(i % 2).createProducerTemplate().sendBody("direct:hook", "e" + i);
                }
                JdbcInbox inbox = new JdbcInbox(pg.dataSource(), table);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((seen.size() < 200 || inbox.size("optout") > 0) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(seen).hasSize(200);
                assertThat(twice).hasValue(0);
                assertThat(failedOnce.get()).as("the failed entry was retried").isGreaterThanOrEqualTo(2);
                assertThat(inbox.size("optout")).as("applied entries are deleted").isZero();
            } finally {
                nodes.forEach(CamelContext::stop);
            }
        }
    }

    @Test
    void pendingKeysOfAPassThatDiedAreReleasedByPrefixOnly() throws Exception {
        try (Postgres pg = new Postgres()) {
            var repo = new dev.smskamelets.core.idempotent.JdbcIdempotentRepository(pg.dataSource(), pg.uniqueTable("idem"));
            repo.start();
            repo.claimAll(List.of("src_a:1", "src_a:2", "src_a_x:3", "other:1"));
            repo.confirmAll("scope", java.util.Map.of("src_a:2", java.time.Instant.now()));
            assertThat(repo.removePending("src_a:")).as("the pending key of src_a: only (_ is not a wildcard)").isEqualTo(1);
            assertThat(repo.claimAll(List.of("src_a:1")).claimed()).containsExactly("src_a:1");
            assertThat(repo.contains("src_a:2")).isTrue();
            assertThat(repo.claimAll(List.of("src_a_x:3", "other:1")).inFlight()).hasSize(2);
        }
    }

    @Test
    void keyedLocksWithADataSourceHoldAKeyAcrossNodes() throws Exception {
        try (Postgres pg = new Postgres()) {
            List<KeyedLocks> nodes = List.of(new KeyedLocks(64), new KeyedLocks(64), new KeyedLocks(64));
            nodes.forEach(l -> l.setDataSource(pg.dataSource()));
            CamelContext camel = new DefaultCamelContext();
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:apply").process(e -> {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(15);
                        inside.decrementAndGet();
                    });
                }
            });
            camel.start();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    KeyedLocks node = nodes.get(t % 3);
                    boolean all = t % 2 == 0;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            var exchange = new org.apache.camel.support.DefaultExchange(camel);
                            if (all) {
                                node.callAll(new HashSet<>(List.of("+12125550100", "+12125550101")), "direct:apply", exchange);
                            } else {
                                node.call("+12125550100", "direct:apply", exchange);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
                camel.stop();
            }
            assertThat(maxInside).as("one holder of the key at a time across the three lock beans").hasValue(1);
        }
    }
}
