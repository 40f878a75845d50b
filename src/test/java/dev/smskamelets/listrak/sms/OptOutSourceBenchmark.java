package dev.smskamelets.listrak.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.test.ChildJvm;
import dev.smskamelets.test.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not in the suite), issue 15: 1,000,000 Listrak opt-outs through {@code listrak-sms-optout-source} into a
 * counting sink, in a job JVM capped at {@code -Xmx128m}, once with the file stores and once with the PostgreSQL
 * stores, against one sandbox JVM. Reports records/s, the used heap after {@code System.gc()} every 100,000 records
 * and the GC log's peaks; the heap after GC must stay flat from 200,000 to 1,000,000 records and PostgreSQL must reach
 * at least half the file stores' rate. Run:
 * {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=OptOutSourceBenchmark}
 * ({@code -Doptout.benchmark.records=200000} for a shorter run).
 */
@Tag("benchmark")
class OptOutSourceBenchmark {

    static final int RECORDS = Integer.getInteger("optout.benchmark.records", 1_000_000);

    record Result(String store, long records, double seconds, Map<Long, Long> heapAfterGc, ChildJvm.GcPeaks gc) {
        double rate() {
            return records / seconds;
        }

        long heapAt(long n) {
            return heapAfterGc.getOrDefault(n, -1L);
        }

        long maxHeapFrom(long n) {
            return heapAfterGc.entrySet().stream().filter(e -> e.getKey() >= n).mapToLong(Map.Entry::getValue).max().orElse(-1);
        }
    }

    @Test
    void aMillionOptOutsWithFlatHeapOnFileAndPostgresStores() throws Exception {
        Path work = Files.createTempDirectory("optout-source-bench-");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (ChildJvm.Sandbox sandbox = ChildJvm.sandbox("512m", work.resolve("sandbox.log"), "listrak.optOuts=" + RECORDS,
                "listrak.contacts=1000", "requestLog.capacity=1000", "ledger.capacity=10");
             Postgres pg = new Postgres()) {
            String base = sandbox.base();
            pg.dropLater("t_bench_state_" + suffix);
            pg.dropLater("t_bench_idem_" + suffix);
            List<Result> results = new ArrayList<>();
            results.add(run(base, "file", work.resolve("data").toString(), work));
            results.add(run(base, "postgres", suffix, work));
            StringBuilder report = new StringBuilder(String.format(
                    "listrak-sms-optout-source benchmark: %,d opt-outs, pages of 5000, job JVM -Xmx128m, counting sink%n", RECORDS));
            for (Result r : results) {
                report.append(String.format("  %-8s %,d records in %.1f s = %,.0f records/s; heap after GC at 200k %,d KB,"
                                + " max from 200k to %dk %,d KB; GC log: peak before GC %d MB, after GC %d MB (%d GCs)%n",
                        r.store, r.records, r.seconds, r.rate(), r.heapAt(200_000) / 1024, RECORDS / 1000,
                        r.maxHeapFrom(200_000) / 1024, r.gc.beforeMb(), r.gc.afterMb(), r.gc.gcs()));
                report.append("           heap after GC per 100k: ").append(r.heapAfterGc.values().stream()
                        .map(v -> (v / 1024 / 1024) + "MB").toList()).append('\n');
            }
            report.append(String.format("  postgres/file rate: %.2f%n", results.get(1).rate() / results.get(0).rate()));
            System.out.print(report);
            Files.writeString(Path.of("target", "benchmark-optout-source.txt"), report);
            for (Result r : results) {
                assertThat(r.records).as(r.store).isEqualTo(RECORDS);
                if (RECORDS >= 1_000_000) {
                    // flat: what the heap holds after a GC at 1,000,000 is within 8 MB of what it held at 200,000
                    assertThat(r.maxHeapFrom(200_000) - r.heapAt(200_000)).as(r.store + " heap growth after 200k")
                            .isLessThan(8L * 1024 * 1024);
                }
            }
            assertThat(results.get(1).rate()).as("postgres rate vs file").isGreaterThanOrEqualTo(0.5 * results.get(0).rate());
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    Result run(String base, String store, String where, Path work) throws Exception {
        Path log = work.resolve("job-" + store + ".log");
        Path gcLog = work.resolve("job-" + store + "-gc.log");
        Process job = ChildJvm.java("128m", gcLog, OptOutSourceBenchmarkMain.class.getName(), base, store, where, "" + RECORDS)
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
            while (job.isAlive() && !Files.readString(log).contains("\nDONE ") && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            job.waitFor(30, TimeUnit.SECONDS);
            String out = Files.readString(log);
            String done = out.lines().filter(l -> l.startsWith("DONE ")).findFirst()
                    .orElseThrow(() -> new AssertionError(store + " job did not finish:\n" + tail(out)));
            Map<Long, Long> heap = new LinkedHashMap<>();
            out.lines().filter(l -> l.startsWith("HEAP ")).map(l -> l.split(" "))
                    .forEach(p -> heap.put(Long.parseLong(p[1]), Long.parseLong(p[2])));
            String[] d = done.split(" ");
            return new Result(store, Long.parseLong(d[1]), Double.parseDouble(d[2]), heap, ChildJvm.gcPeaks(gcLog));
        } finally {
            job.destroy();
            job.waitFor();
        }
    }

    static String tail(String out) {
        List<String> lines = out.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
