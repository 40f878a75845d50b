package dev.smskamelets.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.test.Postgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead-lettering through a Camel route (onException handled + the processor), listing and replaying, both stores. */
class DeadLetterTest {

    static final String TOKEN = "tok-" + Long.toHexString(System.nanoTime());
    static Postgres pg;

    @BeforeAll
    static void database() {
        pg = new Postgres();
    }

    @AfterAll
    static void dropTables() throws Exception {
        pg.close();
    }

    abstract static class Contract {
        final AtomicBoolean vendorDown = new AtomicBoolean(true);
        final List<String> written = new CopyOnWriteArrayList<>();

        abstract DeadLetterStore store();

        abstract String rawStoreContent() throws Exception;

        CamelContext camel() throws Exception {
            CamelContext camel = new DefaultCamelContext();
            DeadLetterProcessor dlq = new DeadLetterProcessor(store());
            dlq.setTarget("listrak-sms:list-7");
            dlq.setJob("optouts");
            camel.getRegistry().bind("deadLetters", dlq);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:write").routeId("write-optout")
                            .onException(Exception.class).handled(true).process("deadLetters").end()
                            .process(e -> {
                                String phone = e.getMessage().getHeader("phone", String.class);
                                if (vendorDown.get() && phone.endsWith("9")) {
                                    throw new VendorFailure("phone not found; sent Authorization: Bearer " + TOKEN
                                            + " body {\"AccessToken\":\"" + TOKEN + "\"}", 404, "ERROR_PHONE_NUMBER_NOT_FOUND");
                                }
                                written.add(phone + " " + e.getMessage().getBody(String.class));
                            });
                    from("direct:unhandled").routeId("unhandled").throwException(new IllegalStateException("still down"));
                }
            });
            camel.start();
            return camel;
        }

        void sendRecords(ProducerTemplate t) {
            for (String phone : new String[] {"+15551230001", "+15551230009", "+15551230002"}) {
                t.sendBodyAndHeaders("direct:write", "{\"phone\":\"" + phone + "\",\"AccessToken\":\"" + TOKEN + "\"}",
                        Map.of("phone", phone, "Authorization", "Bearer " + TOKEN, "listId", 7));
            }
        }

        @Test
        void failedRecordIsStoredWithItsReasonAndTheJobCarriesOn() throws Exception {
            try (CamelContext camel = camel()) {
                sendRecords(camel.createProducerTemplate());
            }
            assertThat(written).hasSize(2);
            List<DeadLetter> letters = store().list(10);
            assertThat(letters).hasSize(1);
            DeadLetter l = letters.get(0);
            assertThat(l.target()).isEqualTo("listrak-sms:list-7");
            assertThat(l.job()).isEqualTo("optouts");
            assertThat(l.routeId()).isEqualTo("write-optout");
            assertThat(l.attempts()).isEqualTo(3);
            assertThat(l.error()).isEqualTo(new DeadLetter.Error(VendorFailure.class.getName(), l.error().message(),
                    "listrak-sms", "ContactUnsubscribe", 404, "ERROR_PHONE_NUMBER_NOT_FOUND", false));
            assertThat(l.error().message()).startsWith("phone not found");
            assertThat(l.headers()).containsEntry("phone", "+15551230009").containsEntry("listId", 7)
                    .doesNotContainKey("Authorization");
            assertThat(l.body()).contains("+15551230009");
            assertThat(store().get(l.id())).contains(l);
            assertThat(rawStoreContent()).contains("ERROR_PHONE_NUMBER_NOT_FOUND").doesNotContain(TOKEN);
        }

        @Test
        void replayRemovesWhatSucceedsAndKeepsOrRenewsWhatFails() throws Exception {
            try (CamelContext camel = camel()) {
                sendRecords(camel.createProducerTemplate());
                DeadLetterReplay replay = new DeadLetterReplay();
                replay.setStore(store());

                replay.setEndpoint("direct:unhandled");
                assertThat(replay.replayAll(camel)).isEqualTo(new DeadLetterReplay.Result(1, 0, 0, 1));

                replay.setEndpoint("direct:write");
                assertThat(replay.replayAll(camel)).isEqualTo(new DeadLetterReplay.Result(1, 0, 1, 0));
                assertThat(store().list(10)).singleElement().satisfies(l -> assertThat(l.attempts()).isEqualTo(6));

                vendorDown.set(false);
                assertThat(replay.replayAll(camel)).isEqualTo(new DeadLetterReplay.Result(1, 1, 0, 0));
                assertThat(store().count()).isZero();
                assertThat(written).hasSize(3).last().asString().startsWith("+15551230009 {\"phone\"");
            }
        }

        @Test
        void cliListsShowsAndDeletes() throws Exception {
            try (CamelContext camel = camel()) {
                sendRecords(camel.createProducerTemplate());
            }
            String id = store().list(1).get(0).id();
            assertThat(cli("list")).contains(id, "target=listrak-sms:list-7", "status=404", "code=ERROR_PHONE_NUMBER_NOT_FOUND");
            assertThat(cli("count")).isEqualToIgnoringNewLines("1");
            assertThat(cli("show", id)).contains("\"id\":\"" + id + "\"").doesNotContain(TOKEN);
            assertThat(cli("delete", id)).contains("deleted " + id);
            assertThat(store().count()).isZero();
        }

        abstract String[] storeOptions();

        String cli(String... command) throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(storeOptions()),
                    java.util.Arrays.stream(command)).toArray(String[]::new);
            DeadLetters.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Nested
    class File extends Contract {
        @TempDir
        Path dir;

        @Override
        DeadLetterStore store() {
            return new FileDeadLetterStore(dir.resolve("dead-letters").toString());
        }

        @Override
        String rawStoreContent() throws Exception {
            StringBuilder sb = new StringBuilder();
            try (var files = Files.list(dir.resolve("dead-letters"))) {
                for (Path p : files.toList()) {
                    List<String> lines = Files.readAllLines(p);
                    assertThat(lines).as("one JSON line per record").hasSize(1);
                    sb.append(lines.get(0));
                }
            }
            return sb.toString();
        }

        @Override
        String[] storeOptions() {
            return new String[] {"--dir", dir.resolve("dead-letters").toString()};
        }

        @Test
        void worksAsDeadLetterChannelTargetAfterRedeliveries() throws Exception {
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.getRegistry().bind("smsDeadLetters", new DeadLetterProcessor(store()));
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        errorHandler(deadLetterChannel("bean:smsDeadLetters").useOriginalMessage()
                                .maximumRedeliveries(2).redeliveryDelay(0));
                        from("direct:dlc").routeId("dlc").setBody(constant("changed"))
                                .throwException(new IllegalStateException("x-api-key: " + TOKEN));
                    }
                });
                camel.start();
                camel.createProducerTemplate().sendBody("direct:dlc", "{\"phone\":\"+15551230007\"}");
            }
            assertThat(store().list(10)).singleElement().satisfies(l -> {
                assertThat(l.attempts()).as("Camel clears its redelivery headers before the DLC").isEqualTo(1);
                assertThat(l.body()).isEqualTo("{\"phone\":\"+15551230007\"}");
                assertThat(l.error().type()).isEqualTo(IllegalStateException.class.getName());
                assertThat(l.error().message()).isEqualTo("x-api-key: ***");
                assertThat(l.routeId()).isEqualTo("dlc");
                assertThat(l.target()).isEqualTo("direct://dlc");
            });
        }

        @Test
        void cliReplaysThroughCamelMainWithTheApplicationConfiguration() throws Exception {
            try (CamelContext camel = camel()) {
                sendRecords(camel.createProducerTemplate());
            }
            Path out = dir.resolve("replayed");
            System.setProperty("replay.out", out.toString());
            try {
                assertThat(cli("replay", "direct:replay-target", "--routes", "classpath:core-store/replay-target.yaml"))
                        .contains("Result[replayed=1, succeeded=1, failedAgain=0, kept=0]");
            } finally {
                System.clearProperty("replay.out");
            }
            assertThat(store().count()).isZero();
            assertThat(cli("replay", "direct:nowhere")).as("no job routes are started by default")
                    .contains("Result[replayed=0");
            try (var files = Files.list(out)) {
                assertThat(files.toList()).singleElement()
                        .satisfies(f -> assertThat(Files.readString(f)).contains("+15551230009").doesNotContain(TOKEN));
            }
        }
    }

    @Nested
    class Jdbc extends Contract {
        final String table = pg.uniqueTable("dlq");

        @Override
        DeadLetterStore store() {
            return new JdbcDeadLetterStore(pg.dataSource(), table);
        }

        @Override
        String rawStoreContent() throws Exception {
            StringBuilder sb = new StringBuilder();
            try (var c = pg.dataSource().getConnection(); var s = c.createStatement();
                    var rs = s.executeQuery("SELECT * FROM " + table)) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                }
            }
            return sb.toString();
        }

        @Override
        String[] storeOptions() {
            return new String[] {"--jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test", "--table", table};
        }
    }
}
