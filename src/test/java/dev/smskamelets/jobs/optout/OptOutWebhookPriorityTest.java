package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.core.http.pacing.AdaptivePacer;
import dev.smskamelets.core.http.pacing.Pacers;
import dev.smskamelets.core.job.JobRuns;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: a web hook STOP does not wait behind a backlog. The sandbox limits every vendor account to a few requests
 * per second; a backlog of Listrak opt-outs drains through the bulk path (small chunks) and, while it does, a customer
 * texts STOP at Text Request (signed web hook → inbox). The STOP is applied at Listrak, Text Request 102 and Textable
 * while backlog writes are still outstanding (ordering read from the sandbox ledger, no time threshold), and the
 * backlog goes on draining after it.
 */
class OptOutWebhookPriorityTest {

    static final int BACKLOG = 2000;
    static final Duration WAIT = Duration.ofSeconds(40);

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("rateLimit.default", 5)
            .option("listrak.contacts", 20).option("listrak.optOuts", BACKLOG)
            .option("textrequest.contacts", 10).option("textrequest.optedOut", 0).option("textrequest.suppressed", 0)
            .option("textable.contacts", 10).option("textable.optedOut", 0);

    @TempDir
    Path data;

    @Test
    void aWebhookStopIsAppliedWhileTheListrakBacklogIsStillDraining(Sandbox sandbox) throws Exception {
        OptOutSandbox vendors = new OptOutSandbox(sandbox);
        Map<String, String> p = vendors.jobProperties(data, JobRuntime.freePort(), "0123456789abcdef0123456789abcdef",
                "0/3 * * * * ?");
        p.put("optout.bulk-size", "10");
        // the safety-net polls read dashboard 102, where only the job writes (its echoes): the STOP at 101 can reach
        // the job only through the web hook inbox, however late the delivery comes on a loaded machine
        p.put("optout.textrequest.poll-dashboard-id", "102");
        try (JobRuntime job = JobRuntime.start(p)) {
            JobRuns runs = job.bean("optoutJob", JobRuns.class);
            await("the backlog draining (first Textable writes)", WAIT, () -> backlogTextableWrites(sandbox, null) >= 5);

            // Text Request sends web hooks only to a registered hook: the job registers it at start (a priority call)
            await("the job's contact_updated hook registered at dashboard 101", WAIT,
                    () -> vendors.textRequestHookRegistered(101, p.get("optout.textrequest.webhook-url")));
            String phone = vendors.listrakSubscribed(1);
            vendors.stopAtTextRequest(101, phone);
            await("web hook STOP of " + phone + " applied at Listrak 1234, Text Request 102 and Textable", WAIT, () -> {
                try {
                    return vendors.listrakOptOuts(1234, phone).size() == 1
                            && vendors.textRequestSuppressions(102, phone).size() == 1
                            && textableOptOuts(sandbox, phone).size() == 1;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(runs.totals("optout-inbox").getOrDefault("read", 0L)).as("it came through the inbox").isPositive();
            String contact = textableContactId(sandbox, phone);
            long lastWebhookWrite = List.of(vendors.listrakOptOuts(1234, phone).get(0),
                    vendors.textRequestSuppressions(102, phone).get(0), textableOptOuts(sandbox, phone).get(0))
                    .stream().mapToLong(Ledger.Entry::seq).max().orElseThrow();
            long backlogBefore = sandbox.ledger().entries(e -> e.seq() < lastWebhookWrite
                    && isTextableOptOut(e) && !e.key().equals(contact)).size();
            assertThat(backlogBefore).as("backlog Textable writes before the STOP's last write")
                    .isLessThan(BACKLOG);
            // the backlog was still outstanding: it goes on writing after the STOP was applied everywhere
            await("backlog writes after the STOP", WAIT, () -> sandbox.ledger().entries(e -> e.seq() > lastWebhookWrite
                    && isTextableOptOut(e) && !e.key().equals(contact)).size() >= 3);
            assertThat(vendors.listrakOptOuts(1234, phone)).as("one write at Listrak").hasSize(1);
            assertThat(textableOptOuts(sandbox, phone)).as("one write at Textable").hasSize(1);
            long priority = Pacers.of(job.context()).all().stream().mapToLong(AdaptivePacer::priorityServed).sum();
            assertThat(priority).as("the STOP's vendor calls were paced as priority calls").isGreaterThanOrEqualTo(4);
            assertThat(sandbox.rateLimits().counters()).as("the sandbox limit was on").isNotEmpty();
        }
    }

    /**
     * The Textable contact the job created for the number, read from the ledger (the HTTP probe of OptOutSandbox
     * would spend the rate-limited account's budget and meet its 429s).
     */
    private static String textableContactId(Sandbox sandbox, String phone10) {
        return sandbox.ledger().entries(e -> "textable".equals(e.api()) && e.change() != null
                && e.change().equals("created +1" + phone10)).stream().map(Ledger.Entry::key).findFirst().orElse(null);
    }

    private static List<Ledger.Entry> textableOptOuts(Sandbox sandbox, String phone10) {
        String id = textableContactId(sandbox, phone10);
        return id == null ? List.of() : sandbox.ledger().entries(e -> isTextableOptOut(e) && e.key().equals(id));
    }

    private static boolean isTextableOptOut(Ledger.Entry e) {
        return "textable".equals(e.api()) && e.change() != null && e.change().contains("optedOut=true");
    }

    private static long backlogTextableWrites(Sandbox sandbox, String exceptKey) {
        return sandbox.ledger().entries(e -> isTextableOptOut(e) && !e.key().equals(exceptKey)).size();
    }
}
