package dev.smskamelets.core.idempotent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.test.Postgres;
import java.nio.file.Path;
import org.apache.camel.spi.IdempotentRepository;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of add+confirm (what one written record costs) per repository. Not part of the suite:
 * {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=IdempotentBenchmarkTest}.
 */
@Tag("benchmark")
class IdempotentBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void addConfirmThroughput() throws Exception {
        FileIdempotentRepository file = new FileIdempotentRepository(dir.resolve("a.log").toString());
        run("file", file, 50_000);
        FileIdempotentRepository synced = new FileIdempotentRepository(dir.resolve("b.log").toString());
        synced.setFsync(true);
        run("file+fsync", synced, 2_000);
        long t = System.nanoTime();
        FileIdempotentRepository restarted = new FileIdempotentRepository(dir.resolve("a.log").toString());
        assertThat(restarted.contains("textrequest:d-1:+1555" + 49_999 + ":optout")).isTrue();
        System.out.printf("BENCH file reload of 50000 keys: %d ms%n", (System.nanoTime() - t) / 1_000_000);
        try (Postgres pg = new Postgres()) {
            run("jdbc", new JdbcIdempotentRepository(pg.dataSource(), pg.uniqueTable("bench")), 5_000);
        }
    }

    private static void run(String name, IdempotentRepository repo, int n) {
        repo.add("warm-up");
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String key = "textrequest:d-1:+1555" + i + ":optout";
            assertThat(repo.add(key)).isTrue();
            repo.confirm(key);
        }
        double secs = (System.nanoTime() - t) / 1e9;
        System.out.printf("BENCH %s: %d records in %.2f s = %.0f records/s%n", name, n, secs, n / secs);
    }
}
