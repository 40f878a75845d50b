package dev.smskamelets.core.idempotent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.test.Postgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both repositories against one contract; a "restart" or another "node" is a new instance over the same store. */
class IdempotentRepositoryTest {

    static Postgres pg;

    @BeforeAll
    static void database() {
        pg = new Postgres();
    }

    @AfterAll
    static void dropTables() throws Exception {
        pg.close();
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2024-05-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    abstract static class Contract {
        final ManualClock clock = new ManualClock();

        /** A new instance (restart / other node) over this test's store. */
        abstract IdempotentRepository newRepository();

        static final String KEY = IdempotentKey.of("TextRequest", "dashboard-12", "+15551234567", "optout");

        @Test
        void addIsAtomicAndReportsDuplicates() {
            IdempotentRepository repo = newRepository();
            assertThat(KEY).isEqualTo("textrequest:dashboard-12:+15551234567:optout");
            assertThat(repo.contains(KEY)).isFalse();
            assertThat(repo.add(KEY)).isTrue();
            assertThat(repo.add(KEY)).isFalse();
            assertThat(repo.contains(KEY)).isTrue();
            assertThat(repo.remove(KEY)).isTrue();
            assertThat(repo.remove(KEY)).isFalse();
            assertThat(repo.add(KEY)).isTrue();
            repo.clear();
            assertThat(repo.contains(KEY)).isFalse();
        }

        @Test
        void confirmedKeysSurviveRestartForever() {
            IdempotentRepository repo = newRepository();
            repo.add(KEY);
            repo.confirm(KEY);
            repo.add("other:1");
            repo.confirm("other:1");
            repo.remove("other:1");
            clock.now = clock.now.plus(Duration.ofDays(400));
            IdempotentRepository restarted = newRepository();
            assertThat(restarted.contains(KEY)).isTrue();
            assertThat(restarted.add(KEY)).isFalse();
            assertThat(restarted.contains("other:1")).isFalse();
        }

        @Test
        void pendingKeyOfACrashedWriterIsTakenOverAfterTheTimeout() {
            newRepository().add(KEY); // the writer "crashes": neither confirm nor remove
            IdempotentRepository restarted = newRepository();
            assertThat(restarted.add(KEY)).as("still in flight elsewhere").isFalse();
            clock.now = clock.now.plus(Duration.ofMinutes(16));
            assertThat(restarted.contains(KEY)).isFalse();
            assertThat(restarted.add(KEY)).isTrue();
            assertThat(newRepository().add(KEY)).isFalse();
        }

        /** Keys of the rows or log lines the store holds now. */
        abstract long storedKeys() throws Exception;

        /** Pending keys never confirmed (a web hook replay guard's) expire and are dropped, so they do not pile up. */
        @Test
        void expiredPendingKeysAreDroppedFromTheStore() throws Exception {
            IdempotentRepository repo = newRepository();
            int n = 1100;
            for (int i = 0; i < n; i++) {
                assertThat(repo.add("old:" + i)).isTrue();
            }
            repo.add("kept");
            repo.confirm("kept");
            clock.now = clock.now.plus(Duration.ofMinutes(16));
            for (int i = 0; i < n; i++) {
                assertThat(repo.add("new:" + i)).isTrue();
            }
            assertThat(storedKeys()).as("the expired pending keys are gone").isEqualTo(n + 1);
            assertThat(repo.contains("old:1")).isFalse();
            assertThat(repo.contains("new:1")).isTrue();
            assertThat(repo.contains("kept")).isTrue();
            assertThat(newRepository().add("new:2")).as("after a restart").isFalse();
        }

        @Test
        void concurrentAddsOfTheSameKeyYieldExactlyOneTrue() throws Exception {
            int threads = 16;
            for (int round = 0; round < 20; round++) {
                String key = "listrak-sms:list-7:+1555000" + round;
                List<IdempotentRepository> nodes = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    nodes.add(sharedInstanceForConcurrency() ? nodes.isEmpty() ? newRepository() : nodes.get(0) : newRepository());
                }
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (IdempotentRepository node : nodes) {
                        results.add(pool.submit(() -> {
                            start.await();
                            return node.add(key);
                        }));
                    }
                    start.countDown();
                    int wins = 0;
                    for (Future<Boolean> r : results) {
                        wins += r.get() ? 1 : 0;
                    }
                    assertThat(wins).as("round %d", round).isEqualTo(1);
                } finally {
                    pool.shutdownNow();
                }
            }
        }

        boolean sharedInstanceForConcurrency() {
            return false;
        }

        /**
         * Camel's idempotentConsumer with its defaults (eager=true, removeOnFailure=true): a failed write is retried
         * on the next delivery, a successful one is never repeated, also after a restart.
         */
        @Test
        void idempotentConsumerRetriesFailuresAndNeverRepeatsSuccesses() throws Exception {
            Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
            AtomicInteger failNext = new AtomicInteger(1);
            for (int run = 0; run < 2; run++) {
                IdempotentRepository repo = newRepository();
                try (CamelContext camel = new DefaultCamelContext()) {
                    camel.getRegistry().bind("idempotent", repo);
                    camel.addRoutes(new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("direct:write")
                                    .idempotentConsumer(simple("textrequest:d-1:${body}:optout")).idempotentRepository("idempotent")
                                    .process(e -> {
                                        if (failNext.getAndDecrement() > 0) {
                                            throw new IllegalStateException("vendor 503");
                                        }
                                        writes.computeIfAbsent(e.getMessage().getBody(String.class), k -> new AtomicInteger()).incrementAndGet();
                                    });
                        }
                    });
                    camel.start();
                    ProducerTemplate t = camel.createProducerTemplate();
                    if (run == 0) {
                        assertThatThrownBy(() -> t.sendBody("direct:write", "+15551230001")).isInstanceOf(CamelExecutionException.class);
                        assertThat(repo.contains("textrequest:d-1:+15551230001:optout")).as("removed on failure").isFalse();
                    }
                    t.sendBody("direct:write", "+15551230001");
                    t.sendBody("direct:write", "+15551230001");
                    t.sendBody("direct:write", "+15551230002");
                }
                clock.now = clock.now.plus(Duration.ofHours(1)); // pending keys would have expired: only confirmed ones count
            }
            assertThat(writes).containsOnlyKeys("+15551230001", "+15551230002");
            assertThat(writes.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        }
    }

    @Nested
    class File extends Contract {
        @TempDir
        Path dir;
        final List<FileIdempotentRepository> opened = new ArrayList<>();

        @Override
        IdempotentRepository newRepository() {
            opened.forEach(FileIdempotentRepository::stop); // one process per file: the previous "process" ends
            FileIdempotentRepository repo = new FileIdempotentRepository(dir.resolve("idem/keys.log").toString());
            repo.setClock(clock);
            opened.add(repo);
            return repo;
        }

        @Override
        boolean sharedInstanceForConcurrency() {
            return true;
        }

        @Override
        long storedKeys() throws Exception {
            return java.nio.file.Files.readAllLines(dir.resolve("idem/keys.log")).size();
        }

        @Test
        void compactsOnRestartAndIgnoresATornLastLine() throws Exception {
            IdempotentRepository repo = newRepository();
            for (int i = 0; i < 100; i++) {
                repo.add("k:" + i);
                repo.confirm("k:" + i);
                if (i % 2 == 0) {
                    repo.remove("k:" + i);
                }
            }
            newRepository().contains("x");
            java.nio.file.Files.writeString(dir.resolve("idem/keys.log"), "= k:torn-with-no-newl",
                    java.nio.file.StandardOpenOption.APPEND);
            IdempotentRepository restarted = newRepository();
            assertThat(java.nio.file.Files.readAllLines(dir.resolve("idem/keys.log"))).hasSizeLessThan(60);
            assertThat(restarted.contains("k:1")).isTrue();
            assertThat(restarted.contains("k:2")).isFalse();
            assertThat(restarted.add("k:3")).isFalse();
        }
    }

    @Nested
    class Jdbc extends Contract {
        final String table = pg.uniqueTable("idem");

        @Override
        IdempotentRepository newRepository() {
            JdbcIdempotentRepository repo = new JdbcIdempotentRepository(pg.dataSource(), table);
            repo.setClock(clock);
            return repo;
        }

        @Override
        long storedKeys() throws Exception {
            try (var c = pg.dataSource().getConnection(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Test
        void pureDoNothingWhenPendingTimeoutIsZero() {
            JdbcIdempotentRepository repo = (JdbcIdempotentRepository) newRepository();
            repo.setPendingTimeout("0");
            assertThat(repo.add("a:1")).isTrue();
            clock.now = clock.now.plus(Duration.ofDays(1));
            assertThat(repo.add("a:1")).isFalse();
            assertThat(repo.contains("a:1")).isTrue();
        }

        /**
         * A page's keys travel as one line-separated text: keys holding what an array literal must quote or escape
         * (quotes, backslashes, braces, commas, blanks, NULL, non-ASCII) are claimed, found, confirmed and released
         * as they are, and a key with a line break is refused by name before anything is written.
         */
        @Test
        void pageOfKeysWithArraySyntaxInThemIsClaimedConfirmedAndReleasedAsIs() throws Exception {
            JdbcIdempotentRepository repo = (JdbcIdempotentRepository) newRepository();
            List<String> keys = List.of("k:\"quoted\"", "k:back\\slash", "k:{brace},comma", "k:with space", "NULL",
                    "k:é☎", "k:plain");
            assertThat(repo.claimEach(keys)).containsOnly(BatchIdempotentRepository.CLAIMED);
            assertThat(repo.claimEach(keys)).as("pending for the first caller").containsOnly(BatchIdempotentRepository.IN_FLIGHT);
            repo.confirmEach(null, keys.subList(0, 4), new long[] {1, 2, 3, 4});
            repo.removeAll(keys.subList(4, 7));
            assertThat(storedKeys()).isEqualTo(4);
            JdbcIdempotentRepository other = (JdbcIdempotentRepository) newRepository();
            assertThat(other.claimEach(keys)).containsExactly(BatchIdempotentRepository.DONE, BatchIdempotentRepository.DONE,
                    BatchIdempotentRepository.DONE, BatchIdempotentRepository.DONE, BatchIdempotentRepository.CLAIMED,
                    BatchIdempotentRepository.CLAIMED, BatchIdempotentRepository.CLAIMED);
            for (String key : keys.subList(0, 4)) {
                assertThat(other.contains(key)).as(key).isTrue();
            }
            assertThatThrownBy(() -> other.removeAll(List.of("k:plain", "k:two\nlines")))
                    .hasMessageContaining("line break").hasMessageContaining("k:two\\nlines");
            assertThat(other.claimEach(List.of("k:plain"))).as("nothing released by the refused call")
                    .containsExactly(BatchIdempotentRepository.IN_FLIGHT);
        }

        /** Cluster mode releases a dead node's pending keys by source prefix: another job's, on the same list, stay. */
        @Test
        void releasingOneJobsPendingKeysLeavesAnotherJobsOnTheSameList() throws Exception {
            JdbcIdempotentRepository repo = (JdbcIdempotentRepository) newRepository();
            String feed = "listrak-sms-optout:client-1:1234:";
            List<String> keys = List.of("crm||" + feed + "+15551230001|2025-01-01T00:00:00Z",
                    "optout-propagation||" + feed + "+15551230001|2025-01-01T00:00:00Z", feed + "+15551230001|2025-01-01T00:00:00Z");
            assertThat(repo.claimEach(keys)).containsOnly(BatchIdempotentRepository.CLAIMED);
            assertThat(repo.removePending("crm||" + feed)).isEqualTo(1);
            assertThat(repo.removePending(feed)).isEqualTo(1);
            assertThat(repo.claimEach(keys)).containsExactly(BatchIdempotentRepository.CLAIMED,
                    BatchIdempotentRepository.IN_FLIGHT, BatchIdempotentRepository.CLAIMED);
        }

        @Test
        void tableLeavesRoomOnEachPageForItsConfirms() throws Exception {
            newRepository().add("a:1"); // creates the table
            try (var c = pg.dataSource().getConnection(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT reloptions FROM pg_class WHERE relname = '" + table + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("fillfactor=50");
            }
        }
    }

    @Test
    void keyHelperNamesTheMissingPart() {
        assertThatThrownBy(() -> IdempotentKey.of("listrak-sms", "list-1", null)).hasMessageContaining("key part 2");
        assertThatThrownBy(() -> IdempotentKey.of(" ", "x")).hasMessageContaining("target");
        assertThatThrownBy(() -> new FileIdempotentRepository().setPendingTimeout("soon")).hasMessageContaining("pendingTimeout");
    }
}
