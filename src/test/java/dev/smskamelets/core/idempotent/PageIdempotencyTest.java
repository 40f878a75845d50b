package dev.smskamelets.core.idempotent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.core.checkpoint.Checkpoint;
import dev.smskamelets.test.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-page contract (issue 15): claim a page's keys at once, confirm those handed off at once, release the rest;
 * file-store keys expire by the source's re-read horizon (watermark minus lookback) and never before it; memory
 * stays bounded whatever the history; Camel's own repositories still work; two JDBC repository instances never
 * claim the same key.
 */
class PageIdempotencyTest {

    static final Instant W = Instant.parse("2025-06-01T12:00:00Z");
    static final Duration LOOKBACK = Duration.ofMinutes(10);
    static final CamelContext CAMEL = new DefaultCamelContext();
    static Postgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void database() {
        pg = new Postgres();
    }

    @AfterAll
    static void dropTables() throws Exception {
        pg.close();
    }

    static KeyedRecord record(String key, Instant time) {
        return new KeyedRecord(key, time, "{\"key\":\"" + key + "\"}", Map.of("recordKey", key));
    }

    /** One page as the kamelet runs it: claim, then per record emit/sink/handedOff, then confirm (also on failure). */
    static List<String> page(PageIdempotency idem, List<KeyedRecord> records, String failAt) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getIn().setBody(records);
        idem.claim(exchange);
        List<String> emitted = new ArrayList<>();
        try {
            for (Object o : exchange.getIn().getBody(List.class)) {
                Exchange copy = exchange.copy(); // the split's copy: same page property
                copy.getIn().setBody(o);
                idem.emit(copy);
                String key = copy.getIn().getHeader("recordKey", String.class);
                if (key.equals(failAt)) {
                    break; // the sink failed: the split stops
                }
                emitted.add(key);
                idem.handedOff(copy);
            }
        } finally {
            idem.confirm(exchange);
        }
        return emitted;
    }

    Checkpoint checkpoint() {
        Checkpoint checkpoint = new Checkpoint(new MemoryStateRepository(), "job", "source");
        checkpoint.setLookback("PT10M");
        return checkpoint;
    }

    PageIdempotency idem(IdempotentRepository repo, Checkpoint checkpoint) {
        PageIdempotency idem = new PageIdempotency();
        idem.setRepository(repo);
        idem.setKeyPrefix("src:");
        idem.setCheckpoint(checkpoint);
        return idem;
    }

    FileIdempotentRepository file() {
        return new FileIdempotentRepository(dir.resolve("idem.log").toString());
    }

    @Test
    void expiryNeverForgetsAKeyALaterPassCanStillReRead() {
        Instant horizon = W.minus(LOOKBACK);
        Checkpoint checkpoint = checkpoint();
        FileIdempotentRepository repo = file();
        PageIdempotency idem = idem(repo, checkpoint);
        List<KeyedRecord> first = List.of(record("before", horizon.minusMillis(1)), record("at", horizon),
                record("after", horizon.plusMillis(1)), record("last", W));
        assertThat(page(idem, first, null)).containsExactly("before", "at", "after", "last");
        checkpoint.advanceTo(W); // page handed off: readFrom() = W - lookback = horizon
        assertThat(checkpoint.readFrom()).isEqualTo(horizon);
        assertThat(page(idem, List.of(record("next", W.plusSeconds(1))), null)).containsExactly("next");

        // "before" can no longer be read (the next pass starts at the horizon); everything at or after it is kept
        assertThat(repo.contains("src:before")).isFalse();
        assertThat(repo.contains("src:at")).isTrue();
        assertThat(repo.contains("src:after")).isTrue();
        // the next pass re-reads from the horizon: nothing is emitted twice
        List<KeyedRecord> reRead = List.of(record("at", horizon), record("after", horizon.plusMillis(1)), record("last", W),
                record("next", W.plusSeconds(1)));
        assertThat(page(idem, reRead, null)).isEmpty();
        repo.stop();

        FileIdempotentRepository restarted = file(); // the expiry is in the log too
        assertThat(restarted.contains("src:before")).isFalse();
        assertThat(page(idem(restarted, checkpoint), reRead, null)).isEmpty();
        assertThat(restarted.size()).isEqualTo(4);
    }

    @Test
    void memoryAndFileStayBoundedWhateverTheHistory() throws Exception {
        Checkpoint checkpoint = checkpoint();
        FileIdempotentRepository repo = file();
        PageIdempotency idem = idem(repo, checkpoint);
        int pages = 200;
        int perPage = 500;
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        int maxKeys = 0;
        for (int p = 0; p < pages; p++) {
            List<KeyedRecord> records = new ArrayList<>();
            for (int i = 0; i < perPage; i++) {
                t = t.plusSeconds(1);
                records.add(record("k" + (p * perPage + i), t));
            }
            assertThat(page(idem, records, null)).hasSize(perPage);
            checkpoint.advanceTo(t);
            maxKeys = Math.max(maxKeys, repo.size());
        }
        // 100,000 keys handed off; held: the lookback window (600 s = 600 keys) plus the page in progress
        assertThat(maxKeys).isLessThanOrEqualTo(perPage + 600 + perPage);
        assertThat(Files.readAllLines(dir.resolve("idem.log")).size()).isLessThan(2 * maxKeys + 10_000 + perPage + 10);
        assertThat(repo.contains("src:k" + (pages * perPage - 1))).isTrue();
        assertThat(repo.contains("src:k0")).isFalse();
        repo.stop();
    }

    @Test
    void aFailedPageConfirmsWhatWasHandedOffAndReleasesTheRest() {
        FileIdempotentRepository repo = file();
        PageIdempotency idem = idem(repo, null);
        List<KeyedRecord> records = List.of(record("a", W), record("b", W), record("a", W), record("c", W));
        assertThat(page(idem, records, "b")).containsExactly("a"); // "a" twice in the page: emitted once
        assertThat(repo.contains("src:a")).isTrue();
        assertThat(repo.contains("src:b")).as("released for the next pass").isFalse();
        assertThat(page(idem, records, null)).containsExactly("b", "c");
        repo.stop();
        assertThat(page(idem(file(), null), records, null)).isEmpty();
    }

    /** One page as the components' polling consumers run it (Java API), the sink failing at {@code failAt}. */
    static List<String> javaPage(PageIdempotency idem, List<KeyedRecord> records, String failAt) {
        PageIdempotency.Page page = idem.claimPage(records);
        List<String> emitted = new ArrayList<>();
        try {
            for (KeyedRecord record : page.toEmit()) {
                if (record.key().equals(failAt)) {
                    break;
                }
                emitted.add(record.key());
                idem.handedOff(page, record);
            }
        } finally {
            idem.confirm(page);
        }
        return emitted;
    }

    @Test
    void theJavaApiEmitsARepeatedKeyOnceAndConfirmsOnlyWhatWasHandedOff() {
        String table = pg.uniqueTable("idem");
        List<IdempotentRepository> repos = List.of(file(), new JdbcIdempotentRepository(pg.dataSource(), table),
                new MemoryIdempotentRepository());
        for (IdempotentRepository repo : repos) {
            PageIdempotency idem = idem(repo, null);
            List<KeyedRecord> records = List.of(record("a", W), record("b", W), record("a", W), record("c", W));
            assertThat(javaPage(idem, records, "b")).as(repo.getClass().getSimpleName()).containsExactly("a");
            assertThat(repo.contains("src:b")).as("released for the next pass").isFalse();
            assertThat(javaPage(idem, records, null)).as(repo.getClass().getSimpleName()).containsExactly("b", "c");
            assertThat(javaPage(idem, records, null)).isEmpty();

            // hand-off out of the page's order (a route that skips around) still confirms exactly what was handed off
            List<KeyedRecord> next = List.of(record("d", W), record("e", W), record("f", W));
            PageIdempotency.Page page = idem.claimPage(next);
            idem.handedOff(page, page.toEmit().get(2));
            idem.handedOff(page, page.toEmit().get(0));
            idem.confirm(page);
            assertThat(repo.contains("src:d")).isTrue();
            assertThat(repo.contains("src:e")).isFalse();
            assertThat(repo.contains("src:f")).isTrue();
        }
    }

    @Test
    void aPageWhoseHandOffEndedLetsItsRecordsGoAndIsConfirmedByItsKeysAndTimes() {
        Checkpoint checkpoint = checkpoint();
        FileIdempotentRepository repo = file();
        PageIdempotency idem = idem(repo, checkpoint);
        Instant horizon = W.minus(LOOKBACK);
        List<KeyedRecord> records = List.of(record("old", horizon.minusSeconds(5)), record("kept", horizon),
                record("skipped", W), record("late", W));
        PageIdempotency.Page page = idem.claimPage(records);
        idem.handedOff(page, page.toEmit().get(0));
        idem.handedOff(page, page.toEmit().get(1));
        idem.handedOff(page, page.toEmit().get(3));
        page.handOffEnded();
        page.handOffEnded(); // once is enough; again changes nothing
        assertThat(page.toEmit()).as("no record (no body) held while the page waits for its confirm").isEmpty();
        // the confirm after the checkpoint moved: what was handed off before the horizon is released, the rest confirmed
        checkpoint.advanceTo(W);
        idem.confirm(page, checkpoint.readFrom());
        assertThat(repo.contains("src:old")).isFalse();
        assertThat(repo.contains("src:kept")).isTrue();
        assertThat(repo.contains("src:late")).isTrue();
        assertThat(repo.contains("src:skipped")).as("not handed off: released for the next pass").isFalse();
        // the next pass reads from the horizon: of what it reads, only the record not handed off is emitted again
        assertThat(javaPage(idem, records.subList(1, 4), null)).containsExactly("skipped");
        repo.stop();
    }

    @Test
    void keysConfirmedOutOfTimeOrderStillExpireExactlyByTheHorizon() {
        Checkpoint checkpoint = checkpoint();
        FileIdempotentRepository repo = file();
        PageIdempotency idem = idem(repo, checkpoint);
        Instant horizon = W.minus(LOOKBACK);
        // a list not in time order: a later key first, then older ones on both sides of the horizon
        List<KeyedRecord> records = List.of(record("late", W), record("old", horizon.minusSeconds(5)),
                record("edge", horizon), record("older", horizon.minusSeconds(60)), record("new", W.plusSeconds(1)));
        assertThat(javaPage(idem, records, null)).hasSize(5);
        checkpoint.advanceTo(W);
        assertThat(javaPage(idem, List.of(record("next", W.plusSeconds(2))), null)).containsExactly("next");
        assertThat(repo.contains("src:old")).isFalse();
        assertThat(repo.contains("src:older")).isFalse();
        assertThat(repo.contains("src:edge")).isTrue();
        assertThat(repo.contains("src:late")).isTrue();
        assertThat(repo.contains("src:new")).isTrue();
        // in order again from here: the next horizon expires exactly the keys before it
        checkpoint.advanceTo(W.plus(LOOKBACK).plusSeconds(1));
        assertThat(javaPage(idem, List.of(record("later", W.plus(LOOKBACK).plusSeconds(3))), null)).hasSize(1);
        assertThat(repo.contains("src:late")).isFalse();
        assertThat(repo.contains("src:edge")).isFalse();
        assertThat(repo.contains("src:new")).isTrue();
        assertThat(repo.contains("src:next")).isTrue();
        repo.stop();
        FileIdempotentRepository reopened = file();
        assertThat(reopened.contains("src:old")).isFalse();
        assertThat(reopened.contains("src:new")).isTrue();
        reopened.stop();
    }

    @Test
    void claimsOfAKilledProcessAreNotPersistedInTheFileStore() {
        FileIdempotentRepository killed = file();
        PageIdempotency idem = idem(killed, null);
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getIn().setBody(List.of(record("x", W), record("y", W)));
        idem.claim(exchange); // claimed, then the process dies: neither confirm nor release
        assertThat(killed.contains("src:x")).as("in flight in this process").isTrue();
        assertThat(page(idem(file(), null), List.of(record("x", W), record("y", W)), null)).containsExactly("x", "y");
    }

    @Test
    void camelsOwnIdempotentRepositoryWorksThroughItsPerKeyCalls() {
        MemoryIdempotentRepository camel = new MemoryIdempotentRepository();
        PageIdempotency idem = idem(camel, checkpoint());
        List<KeyedRecord> records = List.of(record("a", W), record("b", W), record("c", W));
        assertThat(page(idem, records, "b")).containsExactly("a");
        assertThat(page(idem, records, null)).containsExactly("b", "c");
        assertThat(page(idem, records, null)).isEmpty();
    }

    @Test
    void aPageWithAKeyInFlightElsewhereEmitsNothingAndKeepsNoClaim() {
        String table = pg.uniqueTable("idem");
        JdbcIdempotentRepository other = new JdbcIdempotentRepository(pg.dataSource(), table);
        JdbcIdempotentRepository mine = new JdbcIdempotentRepository(pg.dataSource(), table);
        assertThat(other.claimAll(List.of("src:b")).claimed()).containsExactly("src:b");
        PageIdempotency idem = idem(mine, null);
        List<KeyedRecord> records = List.of(record("a", W), record("b", W));
        assertThatThrownBy(() -> page(idem, records, null)).isInstanceOf(PageIdempotency.KeysInFlightException.class)
                .hasMessageContaining("src:b");
        assertThat(mine.contains("src:a")).as("claim released").isFalse();
        other.removeAll(List.of("src:b"));
        assertThat(page(idem, records, null)).containsExactly("a", "b");
        assertThat(page(idem, records, null)).isEmpty();
    }

    @Test
    void jdbcClaimOfAKilledProcessIsTakenOverAfterThePendingTimeout() {
        String table = pg.uniqueTable("idem");
        IdempotentRepositoryTest.ManualClock clock = new IdempotentRepositoryTest.ManualClock();
        JdbcIdempotentRepository killed = new JdbcIdempotentRepository(pg.dataSource(), table);
        killed.setClock(clock);
        assertThat(killed.claimAll(List.of("k:1", "k:2")).claimed()).hasSize(2);
        JdbcIdempotentRepository next = new JdbcIdempotentRepository(pg.dataSource(), table);
        next.setClock(clock);
        assertThat(next.claimAll(List.of("k:1", "k:2")).inFlight()).containsExactlyInAnyOrder("k:1", "k:2");
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(next.claimAll(List.of("k:1", "k:2")).claimed()).containsExactlyInAnyOrder("k:1", "k:2");
        next.confirmAll("s", Map.of("k:1", W, "k:2", W));
        assertThat(killed.claimAll(List.of("k:1", "k:2")).done()).containsExactlyInAnyOrder("k:1", "k:2");
    }

    @Test
    void jdbcInstancesClaimingOverlappingPagesConcurrentlyNeverClaimTheSameKey() throws Exception {
        String table = pg.uniqueTable("idem");
        int keys = 2000;
        int nodes = 8;
        List<List<String>> pages = new ArrayList<>();
        for (int p = 0; p < keys / 250; p++) {
            List<String> page = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                page.add("key:" + (p * 250 + i));
            }
            pages.add(page);
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Set<String>>> results = new ArrayList<>();
        try {
            for (int n = 0; n < nodes; n++) {
                JdbcIdempotentRepository repo = new JdbcIdempotentRepository(pg.dataSource(), table);
                List<List<String>> order = new ArrayList<>(pages);
                Collections.shuffle(order, new java.util.Random(n));
                results.add(pool.submit(() -> {
                    start.await();
                    Set<String> mine = new HashSet<>();
                    for (List<String> page : order) {
                        mine.addAll(repo.claimAll(page).claimed());
                    }
                    return mine;
                }));
            }
            start.countDown();
            Set<String> all = new HashSet<>();
            int total = 0;
            for (Future<Set<String>> f : results) {
                Set<String> mine = f.get();
                total += mine.size();
                all.addAll(mine);
            }
            assertThat(all).hasSize(keys);
            assertThat(total).as("keys claimed by more than one instance").isEqualTo(keys);
        } finally {
            pool.shutdownNow();
        }
    }
}
