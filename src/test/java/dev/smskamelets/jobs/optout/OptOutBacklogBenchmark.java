package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;

import dev.smskamelets.core.job.JobRuns;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.RateLimits;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: a backlog of Listrak opt-outs drained through the opt-out job with the sandbox limiting every vendor
 * account, while customers text STOP at Text Request (not part of the suite; about half an hour at the defaults):
 * <pre>mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=OptOutBacklogBenchmark</pre>
 * {@code -Doptout.backlog.records=100000} (opt-outs waiting at Listrak sender code 1234),
 * {@code -Doptout.backlog.limit=10} (requests/s the sandbox allows per vendor account),
 * {@code -Doptout.backlog.stop-every=20} (seconds between two web hook STOPs during the drain). The job runs with the
 * shipped defaults (application.properties) but for the stores and the inbox under a temporary folder and the web hook
 * URLs pointing at it.
 *
 * <p>Reports, from the sandbox's ledger (every vendor write) and rate-limit counters: time until every opt-out was
 * written at Text Request 101 and 102 and at Textable; opt-outs lost (a target never written) and written twice; each
 * account's requests, 429s and share of its allowed rate; the worst opt-out's lag (job start to its last target
 * write); and, during the drain, web hook STOP → written at Listrak 1234, Text Request 102 and Textable, median and
 * max. Written to {@code target/benchmark-optout-backlog.txt}.
 */
@Tag("benchmark")
class OptOutBacklogBenchmark {

    static final int RECORDS = Integer.getInteger("optout.backlog.records", 100_000);
    static final int LIMIT = Integer.getInteger("optout.backlog.limit", 10);
    static final int STOP_EVERY = Integer.getInteger("optout.backlog.stop-every", 20);
    static final Duration GIVE_UP = Duration.ofMinutes(Long.getLong("optout.backlog.give-up-minutes", 60));
    static final int PORT = JobRuntime.freePort();
    static final String RELAY_SECRET = "backlog-benchmark-secret-0123456789";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("rateLimit.default", LIMIT)
            .option("listrak.contacts", 500).option("listrak.optOuts", RECORDS)
            .option("textrequest.contacts", 10).option("textrequest.optedOut", 0).option("textrequest.suppressed", 0)
            .option("textable.contacts", 10).option("textable.optedOut", 0)
            .option("textable.relayWebhook", "http://127.0.0.1:" + PORT + "/textable/relay/" + RELAY_SECRET);

    @TempDir
    static Path data;

    @Test
    void drain(Sandbox sandbox) throws Exception {
        OptOutSandbox vendors = new OptOutSandbox(sandbox);
        var seed = sandbox.api(ListrakSmsApi.class).seed();
        Set<String> backlog = new HashSet<>();
        for (int i = 0; i < RECORDS; i++) {
            backlog.add(seed.phone(i));
        }
        Map<String, String> p = vendors.jobProperties(data, PORT, RELAY_SECRET, "0/20 * * * * ?");
        p.put("optout.textrequest.full-read-schedule", "0 0/30 * * * ?"); // the shipped slow schedule
        List<long[]> stops = new ArrayList<>(); // {sent epoch ms, subscriber index}
        Instant start = Instant.now();
        Instant drained;
        StringBuilder report = new StringBuilder();
        try (JobRuntime job = JobRuntime.start(p)) {
            JobRuns runs = job.bean("optoutJob", JobRuns.class);
            int next = 1;
            long lastStop = 0;
            long lastCheck = 0;
            while (true) {
                long now = System.currentTimeMillis();
                if (now - lastStop >= STOP_EVERY * 1000L) {
                    String phone = vendors.listrakSubscribed(next);
                    vendors.stopAtTextRequest(101, phone);
                    stops.add(new long[] {now, next});
                    next++;
                    lastStop = now;
                }
                if (now - lastCheck >= 10_000) {
                    lastCheck = now;
                    Coverage c = coverage(sandbox, backlog);
                    System.out.printf("%s: written at 101 %d, 102 %d, Textable %d of %d%n",
                            Duration.between(start, Instant.now()).withNanos(0), c.at101.size(), c.at102.size(),
                            c.atTextable.size(), RECORDS);
                    if (c.complete(RECORDS)) {
                        break;
                    }
                }
                if (Duration.between(start, Instant.now()).compareTo(GIVE_UP) > 0) {
                    report.append("GAVE UP after ").append(GIVE_UP).append('\n');
                    break;
                }
                Thread.sleep(500);
            }
            drained = Instant.now();
            // the last STOPs of the drain
            for (long[] stop : stops) {
                String phone = vendors.listrakSubscribed((int) stop[1]);
                await("web hook STOP of " + phone + " applied", Duration.ofMinutes(5), () -> stopApplied(vendors, sandbox, phone) != null);
            }
            report.append(summary(sandbox, vendors, backlog, start, drained, stops, runs));
        }
        System.out.println(report);
        Path out = Path.of("target", "benchmark-optout-backlog.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private String summary(Sandbox sandbox, OptOutSandbox vendors, Set<String> backlog, Instant start, Instant drained,
                           List<long[]> stops, JobRuns runs) throws IOException {
        StringBuilder b = new StringBuilder();
        Coverage c = coverage(sandbox, backlog);
        b.append(String.format("Opt-out backlog: %,d Listrak opt-outs, sandbox limit %d requests/s per vendor account, "
                + "shipped defaults (bulk size 100, %d inbox workers)%n", RECORDS, LIMIT, 4));
        b.append(String.format("  drained (written at Text Request 101, 102 and Textable) in %s%n",
                Duration.between(start, drained).withNanos(0)));
        for (Map.Entry<String, Map<String, Integer>> target : c.byTarget().entrySet()) {
            long lost = backlog.stream().filter(n -> !target.getValue().containsKey(n)).count();
            long twice = target.getValue().values().stream().filter(n -> n > 1).count();
            b.append(String.format("  %-16s written %,d, lost %d, written twice %d%n", target.getKey(),
                    target.getValue().size(), lost, twice));
        }
        long worst = 0;
        for (String n : backlog) {
            Instant last = c.lastWrite.get(n);
            if (last != null) {
                worst = Math.max(worst, Duration.between(start, last).toMillis());
            }
        }
        b.append(String.format("  worst opt-out lag (job start to its last target write): %s%n",
                Duration.ofMillis(worst).withNanos(0)));
        b.append("  vendor accounts (sandbox rate-limit counters, first to last request):\n");
        for (RateLimits.AccountCounters a : sandbox.rateLimits().counters()) {
            b.append(String.format("    %-12s %-28s allowed %,7d  429s %,5d  over %6.0f s  share of allowed rate %5.1f%%%n",
                    a.api(), a.account().length() > 28 ? a.account().substring(0, 25) + "..." : a.account(), a.allowed(),
                    a.throttled(), a.seconds(), a.shareOfAllowedRate() == null ? 0 : 100 * a.shareOfAllowedRate()));
        }
        List<Long> lags = new ArrayList<>();
        for (long[] stop : stops) {
            Instant applied = stopApplied(vendors, sandbox, vendors.listrakSubscribed((int) stop[1]));
            if (applied != null) {
                lags.add(applied.toEpochMilli() - stop[0]);
            }
        }
        lags.sort(Long::compare);
        if (!lags.isEmpty()) {
            b.append(String.format("  web hook STOP -> written at Listrak 1234, Text Request 102 and Textable during the "
                    + "drain (%d STOPs, one every %d s): median %.1f s, max %.1f s%n", lags.size(), STOP_EVERY,
                    lags.get(lags.size() / 2) / 1000.0, lags.get(lags.size() - 1) / 1000.0));
        }
        b.append("  run summaries (last): ").append(runs.getLastSummary()).append('\n');
        Map<String, Long> listrak = runs.totals("optout-listrak-sms-poll");
        b.append("  Listrak poll totals: ").append(listrak).append('\n');
        return b.toString();
    }

    /** When the STOP's last target (Listrak 1234, Text Request 102, Textable) was written, null if not yet. */
    private static Instant stopApplied(OptOutSandbox vendors, Sandbox sandbox, String phone) {
        List<Ledger.Entry> listrak = vendors.listrakOptOuts(1234, phone);
        List<Ledger.Entry> tr = vendors.textRequestSuppressions(102, phone);
        List<Ledger.Entry> textable = textableOptOuts(sandbox, "+1" + phone);
        if (listrak.isEmpty() || tr.isEmpty() || textable.isEmpty()) {
            return null;
        }
        Instant last = listrak.get(0).at();
        for (Instant at : List.of(tr.get(0).at(), textable.get(0).at())) {
            last = at.isAfter(last) ? at : last;
        }
        return last;
    }

    private static List<Ledger.Entry> textableOptOuts(Sandbox sandbox, String e164) {
        Map<String, String> phones = textablePhones(sandbox);
        return sandbox.ledger().entries(e -> "textable".equals(e.api()) && e.change() != null
                && e.change().contains("optedOut=true") && e164.equals(phones.get(e.key())));
    }

    /** Textable contact id → E.164 number, from the ledger's creations and batch upserts. */
    private static Map<String, String> textablePhones(Sandbox sandbox) {
        Map<String, String> phones = new HashMap<>();
        for (Ledger.Entry e : sandbox.ledger().entries(e -> "textable".equals(e.api()) && e.change() != null
                && (e.change().startsWith("created +") || e.change().startsWith("batch upsert +")))) {
            String[] words = e.change().split(" ");
            phones.put(e.key(), e.change().startsWith("created") ? words[1] : words[2]);
        }
        return phones;
    }

    /** Per backlog number (10 digits): writes at each target, and its last write. */
    record Coverage(Map<String, Integer> at101, Map<String, Integer> at102, Map<String, Integer> atTextable,
                    Map<String, Instant> lastWrite) {
        boolean complete(int records) {
            return at101.size() >= records && at102.size() >= records && atTextable.size() >= records;
        }

        Map<String, Map<String, Integer>> byTarget() {
            Map<String, Map<String, Integer>> m = new java.util.LinkedHashMap<>();
            m.put("textrequest:101", at101);
            m.put("textrequest:102", at102);
            m.put("textable", atTextable);
            return m;
        }
    }

    private static Coverage coverage(Sandbox sandbox, Set<String> backlog) {
        Map<String, Integer> at101 = new HashMap<>();
        Map<String, Integer> at102 = new HashMap<>();
        Map<String, Integer> atTextable = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        Map<String, String> textable = textablePhones(sandbox);
        for (Ledger.Entry e : sandbox.ledger().entries(e -> e.change() != null
                && (("textrequest".equals(e.api()) && e.change().contains("is_suppressed=true"))
                || ("textable".equals(e.api()) && e.change().contains("optedOut=true"))))) {
            String phone;
            Map<String, Integer> target;
            if ("textrequest".equals(e.api())) {
                String[] key = e.key().split("/");
                phone = key.length == 2 && key[1].length() == 11 ? key[1].substring(1) : null;
                target = "101".equals(key[0]) ? at101 : "102".equals(key[0]) ? at102 : null;
            } else {
                String e164 = textable.get(e.key());
                phone = e164 != null && e164.length() == 12 ? e164.substring(2) : null;
                target = atTextable;
            }
            if (phone == null || target == null || !backlog.contains(phone)) {
                continue;
            }
            target.merge(phone, 1, Integer::sum);
            last.merge(phone, e.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return new Coverage(at101, at102, atTextable, last);
    }
}
