package dev.smskamelets.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.core.deadletter.DeadLetter;
import dev.smskamelets.core.deadletter.DeadLetterReplay;
import dev.smskamelets.core.deadletter.DeadLetterStore;
import dev.smskamelets.test.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core-store pieces configured purely from YAML beans, run as a job against the sandbox: a failed write is
 * dead-lettered and the job carries on; a restarted job resumes from the checkpoint (with lookback) and writes
 * nothing twice; the replay writes the dead letters; the ledger shows every opt-out exactly once.
 */
class CoreStoreYamlJobTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().api(OptOutTestApi::new);

    @TempDir
    Path dir;

    static Postgres pg;

    @BeforeAll
    static void database() {
        pg = new Postgres();
    }

    @AfterAll
    static void dropTables() throws Exception {
        pg.close();
    }

    String beans = "file";
    String table;

    CamelContext start(Sandbox sandbox) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("store.dir", dir.toString());
        p.setProperty("store.url", sandbox.baseUrl() + "/store-test");
        p.setProperty("store.apiKey", OptOutTestApi.API_KEY);
        p.setProperty("store.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/test");
        p.setProperty("store.jdbcUser", "postgres");
        p.setProperty("store.table", String.valueOf(table));
        p.setProperty("camel.component.http.automatic-retries-disabled", "true");
        camel.getPropertiesComponent().setInitialProperties(p);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "classpath:core-store/beans-" + beans + ".yaml"),
                ResourceHelper.resolveMandatoryResource(camel, "classpath:core-store/optout-job.yaml"));
        camel.start();
        return camel;
    }

    @Test
    void embeddedFileMode(Sandbox sandbox) throws Exception {
        beans = "file";
        deadLettersRestartLookbackIdempotencyAndReplay(sandbox);
    }

    @Test
    void clusterJdbcMode(Sandbox sandbox) throws Exception {
        beans = "jdbc";
        table = pg.uniqueTable("job");
        for (String suffix : new String[] {"_state", "_idem", "_dlq"}) {
            pg.dropLater(table + suffix);
        }
        deadLettersRestartLookbackIdempotencyAndReplay(sandbox);
    }

    void deadLettersRestartLookbackIdempotencyAndReplay(Sandbox sandbox) throws Exception {
        OptOutTestApi api = sandbox.api(OptOutTestApi.class);
        api.reset();
        sandbox.ledger().clear();
        api.addEvents(0, 9);
        sandbox.faults().add(new Faults.Rule().api("store-test").operation("optOut").errors(100, 503).maxFaults(2));
        try (LogCapture logs = LogCapture.start()) {
            List<DeadLetter> letters;
            try (CamelContext camel = start(sandbox)) {
                camel.createProducerTemplate().sendBody("direct:run-job", null);
                letters = camel.getRegistry().lookupByNameAndType("deadLetterStore", DeadLetterStore.class).list(10);
            }
            assertThat(letters).hasSize(2).allSatisfy(l -> {
                assertThat(l.target()).isEqualTo("store-test:optouts");
                assertThat(l.error().message()).contains("503");
                assertThat(l.body()).startsWith("{\"").contains("\"phone\":\"(415) 555-26");
                assertThat(l.routeId()).isEqualTo("write-optout");
            });
            assertThat(writes(sandbox.ledger())).hasSize(8);

            api.addEvents(10, 11); // "restart": new context over the same files; lookback re-reads 06..09
            api.addEvent("555 12", 12);
            try (CamelContext camel = start(sandbox)) {
                camel.createProducerTemplate().sendBody("direct:run-job", null);
                assertThat(writes(sandbox.ledger())).hasSize(10);
                DeadLetterStore store = camel.getRegistry().lookupByNameAndType("deadLetterStore", DeadLetterStore.class);
                assertThat(store.list(10)).hasSize(3).last().satisfies(l -> {
                    assertThat(l.error().vendorCode()).isEqualTo("INVALID_PHONE_NUMBER");
                    assertThat(l.error().message()).contains("phone", "'555 12'");
                });
                DeadLetterReplay.Result result = camel.createProducerTemplate()
                        .requestBody("direct:replay", null, DeadLetterReplay.Result.class);
                assertThat(result).isEqualTo(new DeadLetterReplay.Result(3, 2, 1, 0));
                assertThat(store.list(10)).singleElement()
                        .satisfies(l -> assertThat(l.error().vendorCode()).isEqualTo("INVALID_PHONE_NUMBER"));
            }
            assertThat(logs.text()).doesNotContain(OptOutTestApi.API_KEY).contains("Dead letter");
        }
        List<Ledger.Entry> writes = writes(sandbox.ledger());
        assertThat(writes).extracting(Ledger.Entry::key).hasSize(12).doesNotHaveDuplicates()
                .allMatch(k -> k.matches("41555526\\d\\d"));
        assertThat(sandbox.requests().count("store-test", "listEvents")).isEqualTo(2);
        assertThat(sandbox.requests().count("store-test", "optOut")).as("2 failed + 12 written, never the invalid one")
                .isEqualTo(14);
    }

    private static List<Ledger.Entry> writes(Ledger ledger) {
        return ledger.entries(e -> e.api().equals("store-test") && e.entity().equals("optout"));
    }
}
