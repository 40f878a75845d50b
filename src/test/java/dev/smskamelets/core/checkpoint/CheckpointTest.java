package dev.smskamelets.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.test.LogCapture;
import dev.smskamelets.test.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.spi.StateRepository;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint semantics on both repositories; each "restart" is a new repository instance over the same store. */
class CheckpointTest {

    static final Instant T1 = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2024-03-01T11:00:00Z");

    abstract static class Contract {
        abstract StateRepository<String, String> newRepository();

        Checkpoint checkpoint(StateRepository<String, String> repo, String source) {
            Checkpoint cp = new Checkpoint(repo, "optouts-to-textrequest", source);
            cp.setLookback("PT10M");
            cp.setStartAt("2024-01-01");
            return cp;
        }

        @Test
        void firstRunStartsAtStartDateThenReadsFromWatermarkMinusLookback() {
            Checkpoint cp = checkpoint(newRepository(), "listrak-sms");
            assertThat(cp.watermark()).isNull();
            assertThat(cp.readFrom()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
            assertThat(cp.advanceTo(T1)).isTrue();
            assertThat(cp.readFrom()).isEqualTo(Instant.parse("2024-03-01T09:50:00Z"));
        }

        @Test
        void advancesOnlyForward() {
            Checkpoint cp = checkpoint(newRepository(), "listrak-sms");
            cp.advanceTo(T2);
            assertThat(cp.advanceTo(T1)).isFalse();
            assertThat(cp.advanceTo(T2)).isFalse();
            assertThat(cp.watermark()).isEqualTo(T2);
            assertThat(cp.advanceToText("2024-03-01T12:00:00+01:00")).isFalse();
            assertThat(cp.advanceToText("2024-03-01T12:00:01Z")).isTrue();
        }

        @Test
        void aRecordOlderThanTheStartDateNeverBecomesTheWatermark() {
            Checkpoint cp = checkpoint(newRepository(), "listrak-sms");
            assertThat(cp.advanceTo(Instant.parse("2019-08-24T14:05:22Z"))).as("first pass, record of 2019").isFalse();
            assertThat(cp.watermark()).isNull();
            assertThat(cp.readFrom()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
            assertThat(cp.advanceTo(T1)).isTrue();
            assertThat(cp.advanceTo(Instant.parse("1936-07-04T12:00:00Z"))).isFalse();
            assertThat(cp.watermark()).isEqualTo(T1);
        }

        @Test
        void aWatermarkStoredBeforeTheStartDateReadsFromTheStartDate() {
            StateRepository<String, String> repo = newRepository();
            repo.setState("optouts-to-textrequest/legacy", "2019-08-24T14:05:22Z"); // left by an older version
            Checkpoint cp = checkpoint(repo, "legacy");
            assertThat(cp.readFrom()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
            assertThat(cp.advanceTo(Instant.parse("2020-01-01T00:00:00Z"))).isFalse();
            assertThat(cp.advanceTo(T1)).isTrue();
            assertThat(cp.readFrom()).as("the lookback never reaches before startAt either")
                    .isEqualTo(Instant.parse("2024-03-01T09:50:00Z"));
            cp.setStartAt("2024-03-01T09:55:00Z");
            assertThat(cp.readFrom()).isEqualTo(Instant.parse("2024-03-01T09:55:00Z"));
        }

        @Test
        void recordsBeforeThePassWindowAreCountedLoggedOnceAndNeverMoveTheWatermark() {
            Checkpoint cp = checkpoint(newRepository(), "textrequest");
            cp.advanceTo(T2);
            try (LogCapture logs = LogCapture.start(Level.INFO)) {
                assertThat(cp.beginPass()).isEqualTo(T2.minusSeconds(600));
                assertThat(cp.inWindow(Instant.parse("1936-07-04T12:00:00Z"))).isFalse();
                assertThat(cp.inWindow(Instant.parse("2019-08-24T14:05:22Z"))).isFalse();
                assertThat(cp.inWindow(T2.minusSeconds(600))).as("the bound itself is inside").isTrue();
                assertThat(cp.inWindow(T2.plusSeconds(1))).isTrue();
                assertThat(cp.endPass()).isEqualTo(2);
                assertThat(cp.endPass()).as("counted per pass").isZero();
                assertThat(logs.text().lines().filter(l -> l.contains("dated before the requested window")))
                        .singleElement().asString().contains("2 record(s)", "earliest 1936-07-04T12:00:00Z",
                                "optouts-to-textrequest/textrequest");
            }
            assertThat(cp.watermark()).isEqualTo(T2);
        }

        @Test
        void restartResumesFromTheStoredWatermarkPerJobAndSource() {
            checkpoint(newRepository(), "listrak-sms").advanceTo(T1);
            checkpoint(newRepository(), "textrequest").advanceTo(T2);

            StateRepository<String, String> restarted = newRepository();
            assertThat(checkpoint(restarted, "listrak-sms").watermark()).isEqualTo(T1);
            assertThat(checkpoint(restarted, "textrequest").watermark()).isEqualTo(T2);
            Checkpoint otherJob = new Checkpoint(restarted, "another-job", "listrak-sms");
            assertThat(otherJob.watermark()).isNull();
        }
    }

    @Nested
    class File extends Contract {
        @TempDir
        Path dir;

        @Override
        StateRepository<String, String> newRepository() {
            return new AtomicFileStateRepository(dir.resolve("state/checkpoints.properties").toString());
        }

        @Test
        void leavesNoTemporaryFilesAndKeepsKeysWithSpecialCharacters() throws Exception {
            StateRepository<String, String> repo = newRepository();
            repo.setState("job=a:b/src #1", "x=y");
            assertThat(newRepository().getState("job=a:b/src #1")).isEqualTo("x=y");
            try (var files = Files.list(dir.resolve("state"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("checkpoints.properties");
            }
        }
    }

    @Nested
    class Jdbc extends Contract {
        final String table = pg.uniqueTable("state");

        @Override
        StateRepository<String, String> newRepository() {
            return new JdbcStateRepository(pg.dataSource(), table);
        }

        @Test
        void rejectsUnsafeTableNames() {
            assertThatThrownBy(() -> new JdbcStateRepository().setTableName("x; drop table y"))
                    .hasMessageContaining("tableName").hasMessageContaining("x; drop table y");
        }
    }

    static Postgres pg;

    @BeforeAll
    static void database() {
        pg = new Postgres();
    }

    @AfterAll
    static void dropTables() throws Exception {
        pg.close();
    }

    @Test
    void clearErrorsForBadProperties() {
        Checkpoint cp = new Checkpoint();
        assertThatThrownBy(() -> cp.setLookback("ten minutes")).hasMessageContaining("lookback").hasMessageContaining("ten minutes");
        assertThatThrownBy(() -> cp.setStartAt("yesterday")).hasMessageContaining("startAt").hasMessageContaining("yesterday");
        cp.setSource("s");
        assertThatThrownBy(cp::readFrom).hasMessageContaining("repository");
        cp.setLookback("10m");
        assertThat(cp.getLookback()).hasMinutes(10);
    }
}
