package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.checkpoint.JdbcStateRepository;
import dev.smskamelets.core.idempotent.JdbcIdempotentRepository;
import dev.smskamelets.listrak.sms.OptOutKillMain;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.ChildJvm;
import dev.smskamelets.test.Cron;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.Postgres;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code listrak-sms-optout-source} with idempotency per page, on the file and the PostgreSQL stores. A job
 * JVM killed with SIGKILL in the middle of a page loses nothing and writes nothing twice (the sandbox ledger); two
 * Camel contexts with their own repository instances on one PostgreSQL table never both emit an opt-out; a page costs
 * one claim and one confirm, not three writes per record.
 */
class OptOutSourceStoresTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Postgres pg;

    @BeforeAll
    static void database() {
        pg = new Postgres();
    }

    @AfterAll
    static void dropTables() throws Exception {
        pg.close();
    }

    static Sandbox sandbox(int optOuts) throws Exception {
        return Sandbox.builder().port(0).seed(42).options(Map.of("listrak.optOuts", "" + optOuts,
                "textrequest.dashboards", "1")).start();
    }

    @Test
    void killedMidPageWithTheFileStoresNothingIsLostOrWrittenTwice(@TempDir Path dir) throws Exception {
        killMidPageAndRestart("file", dir.resolve("data").toString(), dir);
    }

    @Test
    void killedMidPageWithThePostgresStoresNothingIsLostOrWrittenTwice(@TempDir Path dir) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        pg.dropLater("t_kill_idem_" + suffix);
        pg.dropLater("t_kill_state_" + suffix);
        killMidPageAndRestart("postgres", suffix, dir);
    }

    void killMidPageAndRestart(String store, String where, Path dir) throws Exception {
        int optOuts = 200;
        try (Sandbox sandbox = sandbox(optOuts)) {
            long mark = sandbox.ledger().mark();
            Path log = dir.resolve("job.log");
            Process job = ChildJvm.java("256m", null, OptOutKillMain.class.getName(), sandbox.baseUrl(), store, where)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            int atKill;
            try {
                long deadline = System.currentTimeMillis() + 120_000;
                while (writes(sandbox, mark).size() < 2 * OptOutKillMain.PAGE + 10 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                job.destroyForcibly(); // SIGKILL in the middle of the third page of 50
                assertThat(job.waitFor(30, TimeUnit.SECONDS)).isTrue();
                atKill = writes(sandbox, mark).size();
            } finally {
                job.destroyForcibly();
            }
            assertThat(atKill).as("killed mid-pass:\n" + Files.readString(log)).isBetween(2 * OptOutKillMain.PAGE + 10, optOuts - 1);
            Process restarted = ChildJvm.java("256m", null, OptOutKillMain.class.getName(), sandbox.baseUrl(), store, where)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            try {
                long deadline = System.currentTimeMillis() + 120_000;
                while (perContact(sandbox, mark).size() < optOuts && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(4000); // two more passes: they must write nothing
            } finally {
                restarted.destroyForcibly();
                restarted.waitFor(30, TimeUnit.SECONDS);
            }
            Map<String, Long> perContact = perContact(sandbox, mark);
            assertThat(perContact).as("every opt-out written (job log:\n" + tail(log) + ")").hasSize(optOuts);
            assertThat(perContact.values()).as("writes per opted-out contact").containsOnly(1L);
        }
    }

    static List<Ledger.Entry> writes(Sandbox sandbox, long mark) {
        return sandbox.ledger().since(mark).stream()
                .filter(e -> "Contacts_createOrUpdateByPhoneNumber".equals(e.operationId())).toList();
    }

    static Map<String, Long> perContact(Sandbox sandbox, long mark) {
        return writes(sandbox, mark).stream().collect(Collectors.groupingBy(Ledger.Entry::key, Collectors.counting()));
    }

    static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    static String sourceRoute(JsonNode listrak, String schedule, int pageSize) {
        return """
                - route:
                    id: read-opt-outs
                    from:
                      uri: "kamelet:listrak-sms-optout-source"
                      parameters:
                        baseUrl: "%s"
                        authUrl: "%s"
                        clientId: "%s"
                        clientSecret: "{{listrakSecret}}"
                        senderCodeId: %s
                        schedule: "%s"
                        pageSize: %d
                        requestsPerSecond: 500
                      steps:
                        - process:
                            ref: collector
                """.formatted(listrak.get("baseUrl").asText(), listrak.get("tokenUrl").asText(),
                listrak.get("clientId").asText(), listrak.at("/seed/senderCodeId").asText(), schedule, pageSize);
    }

    static KameletCamel node(JsonNode listrak, DataSource dataSource, String stateTable, String idemTable) {
        return new KameletCamel(Map.of("listrakSecret", listrak.get("clientSecret").asText()))
                .bind("smsStateRepository", new JdbcStateRepository(dataSource, stateTable))
                .bind("smsIdempotentRepository", new JdbcIdempotentRepository(dataSource, idemTable));
    }

    @Test
    void twoContextsOnOnePostgresTableNeverBothEmitTheSameOptOut() throws Exception {
        int optOuts = 600;
        String state = pg.uniqueTable("state");
        String idem = pg.uniqueTable("idem");
        try (Sandbox sandbox = sandbox(optOuts)) {
            JsonNode listrak = JSON.valueToTree(sandbox.info()).at("/apis/listrak-sms");
            Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();
            Set<String> byA = ConcurrentHashMap.newKeySet();
            Set<String> byB = ConcurrentHashMap.newKeySet();
            try (KameletCamel a = node(listrak, pg.dataSource(), state, idem);
                    KameletCamel b = node(listrak, pg.dataSource(), state, idem)) {
                a.beforeCollect = exchange -> collect(exchange.getIn().getBody(String.class), emitted, byA);
                b.beforeCollect = exchange -> collect(exchange.getIn().getBody(String.class), emitted, byB);
                a.keepRecords = false;
                b.keepRecords = false;
                a.start(sourceRoute(listrak, Cron.EVERY_SECOND, 100));
                b.start(sourceRoute(listrak, Cron.EVERY_SECOND, 100));
                long deadline = System.currentTimeMillis() + 120_000;
                while (emitted.size() < optOuts && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(3000); // more passes of both: nothing new
            }
            assertThat(emitted).as("every opt-out emitted").hasSize(optOuts);
            assertThat(emitted.values().stream().map(AtomicInteger::get)).as("emissions per opt-out").containsOnly(1);
            Set<String> both = new HashSet<>(byA);
            both.retainAll(byB);
            assertThat(both).as("emitted by both contexts").isEmpty();
            assertThat(byA.size() + byB.size()).isEqualTo(optOuts);
        }
    }

    /**
     * Two jobs reading the same sender code (two Pipes on one Listrak account, say: one propagating opt-outs, one
     * feeding a CRM), each with its {@code jobName}, on one shared PostgreSQL table: each job gets every opt-out once.
     * The job scopes the idempotent keys as it scopes the checkpoint; keys shared between jobs would hand each opt-out
     * to whichever job claimed it first and silently skip it in the other.
     */
    @Test
    void twoJobsReadingTheSameSenderCodeEachGetEveryOptOutOnce() throws Exception {
        int optOuts = 300;
        String state = pg.uniqueTable("state");
        String idem = pg.uniqueTable("idem");
        try (Sandbox sandbox = sandbox(optOuts)) {
            JsonNode listrak = JSON.valueToTree(sandbox.info()).at("/apis/listrak-sms");
            Map<String, Map<String, AtomicInteger>> byJob = new ConcurrentHashMap<>();
            try (KameletCamel camel = node(listrak, pg.dataSource(), state, idem)) {
                camel.keepRecords = false;
                camel.beforeCollect = exchange -> {
                    JsonNode record = JSON.readTree(exchange.getIn().getBody(String.class));
                    byJob.computeIfAbsent(exchange.getIn().getHeader("testJob", String.class), k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(record.get("phoneNumber").asText() + "|" + record.get("optOutDate").asText(),
                                    k -> new AtomicInteger()).incrementAndGet();
                };
                camel.start(jobRoute(listrak, "crm-feed", "crm-feed") + jobRoute(listrak, "propagation", "optout-propagation"));
                long deadline = System.currentTimeMillis() + 120_000;
                while ((byJob.getOrDefault("crm-feed", Map.of()).size() < optOuts
                        || byJob.getOrDefault("propagation", Map.of()).size() < optOuts)
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(2000); // more passes of both: nothing new
            }
            for (String route : List.of("crm-feed", "propagation")) {
                Map<String, AtomicInteger> emitted = byJob.getOrDefault(route, Map.of());
                assertThat(emitted).as("opt-outs emitted by job " + route).hasSize(optOuts);
                assertThat(emitted.values().stream().map(AtomicInteger::get)).as("emissions per opt-out in " + route)
                        .containsOnly(1);
            }
        }
    }

    /** {@link #sourceRoute} as route {@code id} of job {@code jobName}, marking its records with header testJob = id. */
    static String jobRoute(JsonNode listrak, String id, String jobName) {
        return sourceRoute(listrak, Cron.EVERY_SECOND, 100).replace("id: read-opt-outs", "id: " + id)
                .replace("requestsPerSecond: 500\n", "requestsPerSecond: 500\n        jobName: " + jobName + "\n")
                .replace("steps:\n", "steps:\n        - setHeader:\n            name: testJob\n            constant: " + id + "\n");
    }

    /** A cron firing once, {@code seconds} from now (Cron.once()'s margin is too short for a loaded machine). */
    static String onceIn(int seconds) {
        java.time.LocalDateTime at = java.time.LocalDateTime.now().plusSeconds(seconds);
        return "%d %d %d %d %d ? %d".formatted(at.getSecond(), at.getMinute(), at.getHour(), at.getDayOfMonth(),
                at.getMonthValue(), at.getYear());
    }

    static void collect(String body, Map<String, AtomicInteger> emitted, Set<String> mine) throws Exception {
        JsonNode record = JSON.readTree(body);
        String key = record.get("phoneNumber").asText() + "|" + record.get("optOutDate").asText();
        emitted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        mine.add(key);
        Thread.sleep(2); // a slow sink: the two contexts' passes overlap
    }

    @Test
    void aPageCostsOneClaimAndOneConfirmNotWritesPerRecord() throws Exception {
        int optOuts = 1000;
        int pageSize = 200;
        AtomicInteger connections = new AtomicInteger();
        DataSource real = pg.dataSource();
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        String idem = pg.uniqueTable("idem");
        try (Sandbox sandbox = sandbox(optOuts)) {
            JsonNode listrak = JSON.valueToTree(sandbox.info()).at("/apis/listrak-sms");
            try (KameletCamel camel = new KameletCamel(Map.of("listrakSecret", listrak.get("clientSecret").asText()))
                    .bind("smsStateRepository", new org.apache.camel.support.processor.state.MemoryStateRepository())
                    .bind("smsIdempotentRepository", new JdbcIdempotentRepository(counting, idem))) {
                camel.keepRecords = false;
                camel.start(sourceRoute(listrak, onceIn(15), pageSize));
                assertThat(camel.awaitPass(120)).isTrue();
                assertThat(camel.count.get()).isEqualTo(optOuts);
            }
        }
        int pages = optOuts / pageSize;
        // per page: one claim transaction and one confirm statement (plus creating the table once)
        assertThat(connections.get()).as("connections of the idempotent repository for %d pages", pages)
                .isLessThanOrEqualTo(2 * pages + 2);
    }
}
