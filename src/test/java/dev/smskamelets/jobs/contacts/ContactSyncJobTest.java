package dev.smskamelets.jobs.contacts;

import static dev.smskamelets.jobs.contacts.ContactSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.job.JobRuns;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routes/contact-sync.yaml} in the application's Camel Main against the sandbox: the first pass copies every
 * subscribed contact of Listrak list 5001 into Text Request dashboard 101 and Textable, a contact that texted STOP
 * to Text Request or Textable stays opted out there, and later passes (same contacts, re-read in the lookback
 * window) write nothing: unchanged contacts are recognised by their content key.
 */
class ContactSyncJobTest {

    static final int CONTACTS = 30;

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("listrak.contacts", CONTACTS).option("listrak.optOuts", 2)
            .option("textrequest.contacts", 20).option("textable.contacts", 10);

    @TempDir
    static Path data;

    @Test
    void copiesTheListOnceAndNeverOverwritesAnOptOut(Sandbox sandbox) throws Exception {
        ContactSandbox vendors = new ContactSandbox(sandbox);
        List<String> list = IntStream.range(0, CONTACTS).mapToObj(vendors::listrakSubscribed).toList();
        String stoppedAtTextRequest = list.get(3);
        String stoppedAtTextable = list.get(4);
        vendors.stopAtTextRequest(101, stoppedAtTextRequest);
        vendors.stopAtTextable(stoppedAtTextable);
        long mark = sandbox.ledger().mark();

        Map<String, String> p = vendors.jobProperties(data,
                "file:routes/contact-import.yaml,file:routes/contact-sync.yaml");
        p.put("contacts.sync.schedule", "0/1 * * * * ?");
        p.put("contacts.sync.lookback", "P36500D"); // every pass reads the whole list again: only changes are written
        try (JobRuntime job = JobRuntime.start(p)) {
            JobRuns runs = job.bean("contactsJob", JobRuns.class);
            await("first sync pass", Duration.ofSeconds(60), () -> runs.completedRuns("contacts-sync-listrak") >= 1);
            assertThat(vendors.textRequestWrites(mark)).containsExactlyInAnyOrderElementsOf(
                    list.stream().map(phone -> "101/1" + phone).toList());
            assertThat(vendors.textableBatchWrites(mark)).containsExactlyInAnyOrderElementsOf(
                    list.stream().map(phone -> "+1" + phone).toList());
            assertThat(runs.totals("contacts-sync-listrak")).containsEntry("applied.textrequest", (long) CONTACTS - 1)
                    .containsEntry("applied.textable", (long) CONTACTS)
                    .containsEntry("kept-optout.textrequest", 1L);

            long second = sandbox.ledger().mark();
            long passes = runs.completedRuns("contacts-sync-listrak");
            await("two more passes", Duration.ofSeconds(30), () -> runs.completedRuns("contacts-sync-listrak") >= passes + 2);
            assertThat(sandbox.ledger().since(second)).as("writes of later passes").isEmpty();
            assertThat(runs.totals("contacts-sync-listrak").get("already.synced")).isGreaterThanOrEqualTo(CONTACTS);
        }
        JsonNode atTextRequest = vendors.textRequestContacts(101, "has_opted_out=true").stream()
                .filter(c -> c.path("phone_number").asText().equals("1" + stoppedAtTextRequest)).findFirst().orElseThrow();
        assertThat(atTextRequest.path("opted_out_utc").isNull()).as("still opted out at Text Request").isFalse();
        assertThat(vendors.textableOptedOut(stoppedAtTextable)).as("still opted out at Textable").isTrue();
    }
}
