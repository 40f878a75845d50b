package dev.smskamelets.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of every thread of this JVM, Java or not (GC workers, JIT compilers), read from {@code /proc/self/task}
 * (Linux; empty elsewhere), so a benchmark can say where a window's CPU went: {@link #snapshot()} before,
 * {@link #since(Map)} after. Names are the kernel's (15 characters), digits folded to {@code #}; granularity is the
 * kernel's clock tick (10 ms).
 */
public final class ThreadCpu {

    private static final double TICK_NANOS = 1e9 / 100;

    private ThreadCpu() {
    }

    /** CPU ticks (user + system) by thread id, with the thread's name: {@code tid -> [name, ticks]}. */
    public static Map<String, Object[]> snapshot() {
        Map<String, Object[]> threads = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return threads;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            list.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] rest = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]); // utime, stime
                    threads.put(task.getFileName().toString(), new Object[] {stat.substring(open + 1, close), ticks});
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            });
        } catch (IOException e) {
            return threads;
        }
        return threads;
    }

    /** Nanoseconds of CPU per thread name (digits folded) since {@code before}, largest first. */
    public static Map<String, Long> since(Map<String, Object[]> before) {
        Map<String, Long> byName = new TreeMap<>();
        snapshot().forEach((tid, now) -> {
            Object[] then = before.get(tid);
            long ticks = (long) now[1] - (then != null && then[0].equals(now[0]) ? (long) then[1] : 0L);
            if (ticks > 0) {
                byName.merge(((String) now[0]).replaceAll("\\d+", "#"), (long) (ticks * TICK_NANOS), Long::sum);
            }
        });
        return byName;
    }

    /** {@code name=micros/record;...} of {@link #since}, largest first, for a report line. */
    public static String perRecord(Map<String, Long> cpu, long records) {
        StringBuilder out = new StringBuilder();
        cpu.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> out
                .append(out.length() == 0 ? "" : "; ").append(e.getKey()).append(' ')
                .append(String.format("%.2f", e.getValue() / 1000.0 / records)));
        return out.toString();
    }
}
