package dev.smskamelets.listrak.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.test.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not in the suite), issue 16: {@code listrak-sms-optout-source} (whatever {@code kamelets/} holds) into a
 * counting sink, one exchange per record (the default) and one per page ({@code batch: true}, as the opt-out job reads
 * it), against a hand-written {@code java.net.http} + Jackson loop paging the same opt-outs, 1,000,000 of them
 * from one sandbox JVM, interleaved (baseline, kamelet, kamelet with pages, baseline, ...) after one unmeasured baseline run
 * that warms the sandbox. Every run is a fresh child JVM with {@code -Xmx128m} ({@link OptOutSourceRatioBenchmarkMain};
 * the kamelet gets fresh file stores and runs one pass), in two modes per repetition: <em>cold</em>, the run is the
 * first thing its JVM does (class loading and JIT compilation of Camel's routing fall inside the window: about half
 * of the kamelet's CPU at 1,000,000 records), and <em>warm</em>, the same run once before, unmeasured, in the same JVM
 * with its own fresh stores (the steady state of a job that runs for days). Records/s is the wall time from the start of the run's first
 * request, as the sandbox's request log dates it, to the last record counted in the child; bytes per record are what
 * every thread of the child allocated over that window ({@link dev.smskamelets.test.AllocationMeter}: per-thread
 * allocation counters, GC accounting as a cross-check). Prints per repetition both rates, their ratio and both bytes
 * per record, then the median and the min-max of the ratio; writes {@code target/benchmark-optout-ratio.txt}.
 * Asserts only that every run counted exactly the records and the sandbox saw no contract violation (no timing).
 * Run: {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=OptOutSourceRatioBenchmark}
 * ({@code -Doptout.ratio.records=}, {@code -Doptout.ratio.repetitions=}; {@code -Doptout.ratio.profile=true} adds a
 * kamelet run under JFR, {@code -Doptout.ratio.profile.kind=kamelet-batch} one with pages, and prints its top allocation sites, {@code target/benchmark-optout-ratio-profile.txt}, and
 * keeps the recording, {@code target/benchmark-optout-ratio-kamelet.jfr}, for {@code jfr print}). Every child's output
 * and GC log are kept in {@code target/benchmark-optout-ratio-logs/}; the report adds, per run, the CPU each of the
 * child's threads used per record ({@link dev.smskamelets.test.ThreadCpu}: JIT compiler and GC threads included).
 */
@Tag("benchmark")
class OptOutSourceRatioBenchmark {

    static final int RECORDS = Integer.getInteger("optout.ratio.records", 1_000_000);
    static final int REPETITIONS = Integer.getInteger("optout.ratio.repetitions", 3);
    static final boolean PROFILE = Boolean.getBoolean("optout.ratio.profile");
    /** Whether the profiled kamelet run is a warm one ({@code -Doptout.ratio.profile.warm=false}: cold). */
    static final boolean PROFILE_WARM = !"false".equals(System.getProperty("optout.ratio.profile.warm"));
    /** The profiled kamelet run: {@code kamelet} (a record per exchange) or {@code kamelet-batch} ({@code -Doptout.ratio.profile.kind=}). */
    static final String PROFILE_KIND = System.getProperty("optout.ratio.profile.kind", "kamelet");
    static final ObjectMapper JSON = new ObjectMapper();

    /** One child JVM's run: records counted, its window, what it allocated, the GC pauses. */
    record Run(String kind, long records, double seconds, long threadBytes, long gcBytes, int threads, long gcs,
               long cpuNanos, long sandboxCpuNanos, Instant first, Instant last, String cpuByThread) {
        /** CPU the sandbox JVM used per record while serving this run (its whole life in the child), microseconds. */
        double sandboxCpuMicrosPerRecord() {
            return sandboxCpuNanos / 1000.0 / records;
        }

        /** CPU the child JVM used per record (all its threads, GC and JIT included), microseconds. */
        double cpuMicrosPerRecord() {
            return cpuNanos / 1000.0 / records;
        }

        double rate() {
            return records / seconds;
        }

        double bytesPerRecord() {
            return (double) threadBytes / records;
        }

        double gcBytesPerRecord() {
            return (double) gcBytes / records;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void kameletAgainstHandWrittenLoop() throws Exception {
        Path work = Files.createTempDirectory("optout-ratio-bench-");
        try (ChildJvm.Sandbox sandbox = ChildJvm.sandbox("512m", work.resolve("sandbox.log"), "listrak.optOuts=" + RECORDS,
                "listrak.contacts=1000", "requestLog.capacity=10000", "ledger.capacity=10")) {
            sandboxProcess = sandbox.process().toHandle();
            Run warmUp = run(sandbox.base(), "baseline", work, 0, List.of(), false);
            Map<Boolean, List<Run[]>> pairs = new java.util.LinkedHashMap<>();
            pairs.put(false, new ArrayList<>());
            pairs.put(true, new ArrayList<>());
            for (int i = 1; i <= REPETITIONS; i++) {
                for (boolean warm : pairs.keySet()) {
                    pairs.get(warm).add(new Run[] {run(sandbox.base(), "baseline", work, i, List.of(), warm),
                            run(sandbox.base(), "kamelet", work, i, List.of(), warm),
                            run(sandbox.base(), "kamelet-batch", work, i, List.of(), warm),
                            run(sandbox.base(), "camel-floor", work, i, List.of(), warm)});
                }
            }
            String report = "";
            for (boolean batch : List.of(false, true)) {
                String kind = batch ? "page per exchange (batch: true, as routes/optout-propagation.yaml reads it)"
                        : "record per exchange (the default)";
                for (boolean warm : pairs.keySet()) {
                    List<Run[]> compared = pairs.get(warm).stream().map(t -> new Run[] {t[0], t[batch ? 2 : 1]}).toList();
                    report += report(warmUp, compared, (warm ? "warm: each run after the same run once, unmeasured, in its JVM"
                            : "cold: each run the first thing its fresh JVM does") + "; " + kind);
                }
            }
            report += floor(pairs);
            System.out.print(report);
            Files.writeString(Path.of("target", "benchmark-optout-ratio.txt"), report);
            Run profiled = null;
            if (PROFILE) {
                Path jfr = work.resolve("kamelet.jfr");
                profiled = run(sandbox.base(), PROFILE_KIND, work, REPETITIONS + 1,
                        List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,jdk.ExecutionSample#period=2ms"), PROFILE_WARM);
                String profile = profile(profiled, jfr);
                System.out.print(profile);
                Files.writeString(Path.of("target", "benchmark-optout-ratio-profile.txt"), profile);
                Files.copy(jfr, Path.of("target", "benchmark-optout-ratio-kamelet.jfr"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            assertThat(warmUp.records).as("warm-up records").isEqualTo(RECORDS);
            for (Run[] pair : pairs.values().stream().flatMap(List::stream).toList()) {
                for (Run run : pair) {
                    assertThat(run.records).as(run.kind + " records").isEqualTo(RECORDS);
                    assertThat(run.seconds).as(run.kind + " seconds").isPositive();
                    assertThat(run.threadBytes).as(run.kind + " bytes allocated").isPositive();
                }
            }
            if (profiled != null) {
                assertThat(profiled.records).as("profiled kamelet records").isEqualTo(RECORDS);
            }
            assertThat(get(sandbox.base() + "/sandbox/violations")).as("contract violations").isEmpty();
        } finally {
            Path logs = Files.createDirectories(Path.of("target", "benchmark-optout-ratio-logs"));
            try (var files = Files.list(work)) {
                for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    Run run(String base, String kind, Path work, int repetition, List<String> jvmOptions, boolean warm) throws Exception {
        String name = kind + "-" + repetition + (warm ? "-warm" : "-cold");
        Path log = work.resolve(name + ".log");
        Path data = Files.createDirectories(work.resolve(name + "-data"));
        http.send(HttpRequest.newBuilder(URI.create(base + "/sandbox/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        long sandboxCpu = sandboxCpu();
        Process child = ChildJvm.java("128m", work.resolve(name + "-gc.log"), jvmOptions,
                OptOutSourceRatioBenchmarkMain.class.getName(), kind, base, "" + RECORDS, data.toString(), warm ? "warm" : "cold")
                .redirectOutput(log.toFile()).start();
        try {
            if (!child.waitFor(60, TimeUnit.MINUTES)) {
                throw new AssertionError(name + " still running after an hour:\n" + OptOutSourceBenchmark.tail(Files.readString(log)));
            }
            String out = Files.readString(log);
            String[] d = out.lines().filter(l -> l.startsWith("DONE ")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " did not finish (exit " + child.exitValue() + "):\n"
                            + OptOutSourceBenchmark.tail(out)))
                    .split(" ");
            long lastNanos = Long.parseLong(d[2]);
            Instant last = Instant.ofEpochSecond(lastNanos / 1_000_000_000L, lastNanos % 1_000_000_000L);
            // the window starts at the run's first sandbox request, or where the child says (camel-floor sends none)
            Long firstNanos = out.lines().filter(l -> l.startsWith("FIRST ")).findFirst().map(l -> Long.parseLong(l.substring(6)))
                    .orElse(null);
            Instant first = firstNanos != null ? Instant.ofEpochSecond(firstNanos / 1_000_000_000L, firstNanos % 1_000_000_000L)
                    : firstRequest(base);
            return new Run(kind, Long.parseLong(d[1]), (lastNanos - (first.getEpochSecond() * 1_000_000_000L + first.getNano())) / 1e9,
                    Long.parseLong(d[3]), Long.parseLong(d[4]), Integer.parseInt(d[5]), Long.parseLong(d[6]),
                    Long.parseLong(d[7]), sandboxCpu() - sandboxCpu, first, last,
                    out.lines().filter(l -> l.startsWith("CPU ")).reduce((a, b) -> b).orElse("CPU ?").substring(4));
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    private ProcessHandle sandboxProcess;

    /** CPU time the sandbox JVM used so far, nanoseconds (0 where the OS does not tell). */
    long sandboxCpu() {
        return sandboxProcess == null ? 0
                : sandboxProcess.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** When the first Listrak request since the last reset reached the sandbox: its log's time minus its duration. */
    Instant firstRequest(String base) throws Exception {
        Instant first = null;
        for (String api : List.of("listrak-auth", "listrak-sms")) {
            for (JsonNode r : get(base + "/sandbox/requests?api=" + api)) {
                Instant started = Instant.parse(r.get("at").asText()).minusMillis(r.get("millis").asLong());
                first = first == null || started.isBefore(first) ? started : first;
            }
        }
        if (first == null) {
            throw new AssertionError("the sandbox logged no Listrak request");
        }
        return first;
    }

    JsonNode get(String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    static String report(Run warmUp, List<Run[]> pairs, String mode) {
        StringBuilder out = new StringBuilder(String.format("listrak-sms-optout-source vs hand-written java.net.http + Jackson loop: %,d opt-outs,"
                + " count=5000, child JVMs -Xmx128m, interleaved, %d repetitions (sandbox warm-up run: %,.0f records/s)%n  %s%n",
                RECORDS, pairs.size(), warmUp.rate(), mode));
        out.append(String.format("  %-3s %14s %14s %7s %16s %16s   %s%n", "rep", "baseline rec/s", "kamelet rec/s", "ratio",
                "baseline B/rec", "kamelet B/rec", "CPU µs/rec (baseline/kamelet; sandbox serving them); cross-check B/rec by GC accounting; GC pauses; threads"));
        List<Double> ratios = new ArrayList<>();
        List<Double> kameletBytes = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Run b = pairs.get(i)[0];
            Run k = pairs.get(i)[1];
            double ratio = k.rate() / b.rate();
            ratios.add(ratio);
            kameletBytes.add(k.bytesPerRecord());
            out.append(String.format("  %-3d %,14.0f %,14.0f %7.3f %,16.0f %,16.0f   %.1f/%.1f; %.1f/%.1f; %,.0f/%,.0f; %d/%d; %d/%d%n", i + 1, b.rate(),
                    k.rate(), ratio, b.bytesPerRecord(), k.bytesPerRecord(), b.cpuMicrosPerRecord(), k.cpuMicrosPerRecord(),
                    b.sandboxCpuMicrosPerRecord(), k.sandboxCpuMicrosPerRecord(),
                    b.gcBytesPerRecord(), k.gcBytesPerRecord(), b.gcs, k.gcs,
                    b.threads, k.threads));
            out.append("      CPU µs/record by thread, baseline: ").append(b.cpuByThread).append('\n');
            out.append("      CPU µs/record by thread, kamelet:  ").append(k.cpuByThread).append('\n');
        }
        if (!ratios.isEmpty()) {
            out.append(String.format("  ratio kamelet/baseline: median %.3f, min %.3f, max %.3f; kamelet bytes/record median %,.0f%n",
                    median(ratios), ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), median(kameletBytes)));
        }
        return out.toString();
    }

    /**
     * Camel's own routing of a record through a source kamelet, without vendor code (no HTTP, no parsing, no
     * idempotency, no sandbox): the CPU it took per record, every thread of its JVM (GC and JIT included), next to the
     * loop's whole CPU per record (fetching and parsing the same records).
     */
    static String floor(Map<Boolean, List<Run[]>> runs) {
        StringBuilder out = new StringBuilder(String.format("Camel's routing alone (camel-floor: a kamelet of the same shape, from direct: to"
                + " kamelet:sink, into the same counting sink; %,d exchanges of in-memory opt-out JSON fed from one thread,"
                + " no HTTP, parsing or idempotency)%n", RECORDS));
        for (Map.Entry<Boolean, List<Run[]>> mode : runs.entrySet()) {
            List<Double> cpu = new ArrayList<>();
            List<Double> loopCpu = new ArrayList<>();
            for (Run[] t : mode.getValue()) {
                Run floor = t[3];
                cpu.add(floor.cpuMicrosPerRecord());
                loopCpu.add(t[0].cpuMicrosPerRecord());
                // CPU, not rate: the feeding thread is one thread on a shared machine, its wall time says little
                out.append(String.format("  %s: CPU %.2f µs/record (the loop's whole CPU: %.2f), %,.0f B/record; %s%n",
                        mode.getKey() ? "warm" : "cold", floor.cpuMicrosPerRecord(), t[0].cpuMicrosPerRecord(),
                        floor.bytesPerRecord(), floor.cpuByThread));
            }
            if (!cpu.isEmpty()) {
                out.append(String.format("  %s: median CPU %.2f µs/record for Camel's routing, %.2f µs/record for the loop's whole work%n",
                        mode.getKey() ? "warm" : "cold", median(cpu), median(loopCpu)));
            }
        }
        return out.toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The JFR {@code jdk.ObjectAllocationSample} events of the profiled run inside its window (first request to last
     * record), their weights summed by allocated class, by allocating frame, by the first frame outside the JDK and by
     * that frame's package; each share of the sampled weight is turned into bytes per record with the run's measured
     * bytes per record.
     */
    static String profile(Run run, Path jfr) throws Exception {
        Map<String, Long> byClass = new HashMap<>();
        Map<String, Long> byFrame = new HashMap<>();
        Map<String, Long> bySite = new HashMap<>();
        Map<String, Long> byLibrary = new HashMap<>();
        Map<String, Long> cpuSite = new HashMap<>();
        Map<String, Long> cpuThread = new HashMap<>();
        Map<String, Long> cpuInclusive = new HashMap<>();
        Map<String, java.time.Duration> waits = new HashMap<>();
        long cpuSamples = 0;
        long total = 0;
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (List.of("jdk.ThreadPark", "jdk.ThreadSleep", "jdk.FileForce", "jdk.FileWrite", "jdk.FileRead",
                        "jdk.SocketRead", "jdk.SocketWrite", "jdk.JavaMonitorWait", "jdk.JavaMonitorEnter")
                        .contains(e.getEventType().getName()) && !e.getStartTime().isBefore(run.first)
                        && !e.getStartTime().isAfter(run.last) && e.getThread() != null
                        && String.valueOf(e.getThread().getJavaName()).contains("Quartz")) {
                    RecordedFrame site = e.getStackTrace() == null ? null : e.getStackTrace().getFrames().stream()
                            .filter(f -> !jdk(f)).findFirst().orElse(null);
                    waits.merge(e.getEventType().getName() + " at " + (site == null ? "?" : frame(site)), e.getDuration(),
                            java.time.Duration::plus);
                    continue;
                }
                if (e.getEventType().getName().equals("jdk.ExecutionSample") && !e.getStartTime().isBefore(run.first)
                        && !e.getStartTime().isAfter(run.last) && e.getStackTrace() != null) {
                    List<RecordedFrame> frames = e.getStackTrace().getFrames();
                    RecordedFrame site = frames.stream().filter(f -> !jdk(f)).findFirst().orElse(null);
                    cpuSite.merge(site == null ? "(JDK only) " + (frames.isEmpty() ? "?" : frame(frames.get(0)))
                            : frame(site), 1L, Long::sum);
                    frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("dev.smskamelets"))
                            .map(OptOutSourceRatioBenchmark::frame).distinct()
                            .forEach(f -> cpuInclusive.merge(f, 1L, Long::sum));
                    cpuThread.merge(e.getThread("sampledThread") == null ? "?"
                            : e.getThread("sampledThread").getJavaName().replaceAll("\\d+", "#"), 1L, Long::sum);
                    cpuSamples++;
                    continue;
                }
                if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample") || e.getStartTime().isBefore(run.first)
                        || e.getStartTime().isAfter(run.last)) {
                    continue;
                }
                long weight = e.getLong("weight");
                total += weight;
                samples++;
                byClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                List<RecordedFrame> frames = e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames();
                byFrame.merge(frames.isEmpty() ? "?" : frame(frames.get(0)), weight, Long::sum);
                RecordedFrame site = frames.stream().filter(f -> !jdk(f)).findFirst().orElse(null);
                bySite.merge(site == null ? "(JDK only)" : frame(site), weight, Long::sum);
                byLibrary.merge(site == null ? "(JDK only)" : library(site), weight, Long::sum);
            }
        }
        StringBuilder out = new StringBuilder(String.format("Allocation profile of listrak-sms-optout-source (JFR jdk.ObjectAllocationSample,"
                + " settings=profile, %,d samples between the first request and the last record): this run %,.0f records/s,"
                + " %,.0f bytes/record measured%n", samples, run.rate(), run.bytesPerRecord()));
        top(out, "allocated class", byClass, total, run);
        top(out, "allocating frame", byFrame, total, run);
        top(out, "first frame outside the JDK", bySite, total, run);
        top(out, "package of that frame", byLibrary, total, run);
        out.append(String.format("  CPU (JFR jdk.ExecutionSample, %,d samples): top 15 by first frame outside the JDK%n",
                cpuSamples));
        final long cpuTotal = Math.max(1, cpuSamples);
        cpuSite.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / cpuTotal, e.getKey())));
        out.append("  CPU inclusive by project frame (share of samples with the frame on the stack):\n");
        cpuInclusive.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / cpuTotal, e.getKey())));
        out.append("  waits of the polling thread (JFR events over their thresholds, summed):\n");
        waits.entrySet().stream().sorted(Map.Entry.<String, java.time.Duration>comparingByValue().reversed()).limit(10)
                .forEach(e -> out.append(String.format("    %,8d ms  %s%n", e.getValue().toMillis(), e.getKey())));
        out.append("  CPU samples by thread:\n");
        cpuThread.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / cpuTotal, e.getKey())));
        return out.toString();
    }

    static boolean jdk(RecordedFrame f) {
        String c = f.getMethod().getType().getName();
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("com.sun.");
    }

    /** The first three segments of the frame's package ({@code org.apache.camel}, {@code dev.smskamelets.core}). */
    static String library(RecordedFrame f) {
        String[] parts = f.getMethod().getType().getName().split("\\.");
        return String.join(".", java.util.Arrays.asList(parts).subList(0, Math.min(3, parts.length - 1)));
    }

    static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
    }

    static void top(StringBuilder out, String by, Map<String, Long> weights, long total, Run run) {
        out.append("  top 10 by ").append(by).append(" (share of sampled bytes, bytes/record):\n");
        Function<Long, Double> perRecord = w -> total == 0 ? 0 : run.bytesPerRecord() * w / total;
        weights.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> out.append(String.format("    %5.1f%% %,8.0f  %s%n", 100.0 * e.getValue() / total,
                        perRecord.apply(e.getValue()), e.getKey())));
    }
}
