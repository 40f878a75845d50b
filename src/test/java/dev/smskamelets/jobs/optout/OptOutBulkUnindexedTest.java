package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.job.JobRuns;
import dev.smskamelets.sandbox.Faults;
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
 * The bulk path on a Text Request dashboard whose full re-read never got to its end (here: Text Request fails every
 * contact list with 500): the job knows nothing of the dashboard, so it reads each number before writing it, and a
 * number suppressed there with its own reason is counted already and not rewritten — the exact read-before-write of
 * before, kept until the dashboard is indexed.
 */
class OptOutBulkUnindexedTest {

    static final Duration CYCLE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("listrak.contacts", 50).option("listrak.optOuts", 2)
            .option("textrequest.contacts", 10).option("textrequest.optedOut", 0).option("textrequest.suppressed", 0)
            .option("textable.contacts", 10).option("textable.optedOut", 0);

    @TempDir
    Path data;

    @Test
    void aDashboardNotReadInFullIsReadNumberByNumber(Sandbox sandbox) throws Exception {
        sandbox.faults().add(new Faults.Rule().api("textrequest").operation("Contacts_getMatches").errors(100, 500));
        OptOutSandbox vendors = new OptOutSandbox(sandbox);
        Map<String, String> p = vendors.jobProperties(data, JobRuntime.freePort(), "0123456789abcdef0123456789abcdef",
                "0/3 * * * * ?");
        p.put("optout.textrequest.webhook-url", "");
        p.put("optout.bulk-size", "20");
        try (JobRuntime job = JobRuntime.start(p)) {
            JobRuns runs = job.bean("optoutJob", JobRuns.class);
            OptOutKnownTargets known = job.bean("optoutKnown", OptOutKnownTargets.class);
            await("first Listrak pass", CYCLE, () -> runs.completedRuns("optout-listrak-sms-poll") >= 1);
            String phone = vendors.listrakSubscribed(5);
            String reason = "Asked us in the store on 2026-02-02";
            vendors.suppressAtTextRequestByHand(102, phone, reason);
            long mark = sandbox.ledger().mark();

            vendors.stopAtListrak(phone);
            await("the Listrak STOP applied at dashboard 101", CYCLE,
                    () -> vendors.textRequestSuppressions(101, phone).size() == 1);

            assertThat(known.indexed("101")).as("dashboard 101 never read in full").isFalse();
            assertThat(known.indexed("102")).as("dashboard 102 never read in full").isFalse();
            List<Ledger.Entry> at102 = sandbox.ledger().since(mark).stream()
                    .filter(e -> "textrequest".equals(e.api()) && e.key().equals("102/1" + phone)).toList();
            assertThat(at102).as("no write to the contact already suppressed at 102").isEmpty();
            assertThat(sandbox.requests().count("textrequest", "Contacts_getByPhoneNumber"))
                    .as("the numbers were read one by one").isPositive();
            JsonNode c = vendors.textRequestContact(102, phone);
            assertThat(c.path("suppressed_reason").asText()).as("the original reason survives").isEqualTo(reason);
            assertThat(known.knows("textrequest:102", "+1" + phone)).as("what the read found is known now").isTrue();
        } finally {
            sandbox.faults().clear();
        }
    }
}
