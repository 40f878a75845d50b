package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Flat memory of a paged read: the cursor kamelet reads 20,000 and then 200,000 records (pages of 5,000, the
 * Listrak maximum) and the used heap after a GC is sampled every 10,000 records. Prints records/s and the heap
 * samples; the peak must not grow with the record count. Run with
 * {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=PagingMemoryBenchmark}.
 */
@Tag("benchmark")
class PagingMemoryBenchmark {

    @Test
    void heapStaysFlatWhateverTheRecordCount() throws Exception {
        long small = run(20_000);
        long large = run(200_000);
        System.out.printf("BENCH peak heap after GC: %,d KB for 20k records, %,d KB for 200k records%n",
                small / 1024, large / 1024);
        assertThat(large).isLessThan(small * 2);
    }

    long run(int records) throws Exception {
        try (Sandbox sandbox = Sandbox.builder().port(0).option("core.records", records)
                .option("requestLog.capacity", 1000).api(CoreTestApi::new).start();
             KameletCamel camel = CursorKameletPagingTest.harness(sandbox)) {
            camel.keepRecords = false;
            long[] peak = {0};
            camel.beforeCollect = exchange -> {
                if (camel.count.get() % 10_000 == 0) {
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    peak[0] = Math.max(peak[0], used);
                    System.out.printf("BENCH %,d records: heap %,d KB%n", camel.count.get(), used / 1024);
                }
            };
            long start = System.nanoTime();
            camel.start(CursorKameletPagingTest.route(5000));
            assertThat(camel.awaitPass(900)).isTrue();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(camel.count.get()).isEqualTo(records);
            System.out.printf("BENCH %,d records in %.1f s (%.0f records/s incl. startup)%n", records, seconds,
                    records / seconds);
            return peak[0];
        }
    }
}
