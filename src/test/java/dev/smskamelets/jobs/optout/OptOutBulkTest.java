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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk write path of {@code routes/optout-propagation.yaml} (Listrak pages applied in chunks, Text Request
 * written with {@code Contacts_bulkUpdate}) against the sandbox: one number refused in a bulk answer is that number's
 * dead letter and the rest are applied; a number already suppressed keeps its reason and is not rewritten; after a
 * bulk drain further cycles write nothing. No Text Request web hook is registered here, and the suppressed-contacts
 * poll reads dashboard 101 only, so a suppression written to dashboard 102 by the test reaches the job only through
 * dashboard 102's full re-read (what the job knows a target has is not written again).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OptOutBulkTest {

    static final int PORT = JobRuntime.freePort();
    static final Duration CYCLE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("listrak.contacts", 200).option("listrak.optOuts", 2)
            .option("textrequest.contacts", 10).option("textrequest.optedOut", 0).option("textrequest.suppressed", 0)
            .option("textable.contacts", 10).option("textable.optedOut", 0);

    @TempDir
    static Path data;
    static JobRuntime job;
    static OptOutSandbox vendors;

    @BeforeAll
    static void startJob(Sandbox sandbox) throws Exception {
        vendors = new OptOutSandbox(sandbox);
        Map<String, String> p = vendors.jobProperties(data, PORT, "0123456789abcdef0123456789abcdef", "0/3 * * * * ?");
        p.put("optout.textrequest.webhook-url", "");
        p.put("optout.bulk-size", "20");
        job = JobRuntime.start(p);
        JobRuns runs = job.bean("optoutJob", JobRuns.class);
        await("first Listrak pass", CYCLE, () -> runs.completedRuns("optout-listrak-sms-poll") >= 1);
    }

    @AfterAll
    static void stopJob() {
        if (job != null) {
            job.close();
        }
    }

    @Test
    @Order(1)
    void oneNumberRefusedInABulkIsDeadLetteredAndTheRestAreApplied(Sandbox sandbox) throws Exception {
        List<String> phones = List.of(vendors.listrakSubscribed(1), vendors.listrakSubscribed(2), vendors.listrakSubscribed(3));
        // Text Request refuses the next bulk update as a whole (400) and, of the numbers then written one by one,
        // the first one (400): that number alone is dead-lettered for that dashboard
        sandbox.faults().add(new Faults.Rule().api("textrequest").operation("Contacts_bulkUpdate").errors(100, 400).maxFaults(1));
        sandbox.faults().add(new Faults.Rule().api("textrequest").operation("Contacts_createOrUpdateByPhoneNumber")
                .errors(100, 400).maxFaults(1));
        try {
            for (String phone : phones) {
                vendors.stopAtListrak(phone);
            }
            JsonNode letter = awaitDeadLetter("the refused number", l -> l.path("target").asText().startsWith("textrequest:"));
            String refusedPhone = JSON.readTree(letter.path("body").asText()).path("phone").asText().replaceAll("\\D", "");
            String refusedDashboard = letter.path("target").asText().substring("textrequest:".length());
            assertThat(letter.at("/error/status").asInt()).isEqualTo(400);
            await("every other number and dashboard applied", CYCLE, () -> {
                for (String phone : phones) {
                    for (int dashboard : new int[] {101, 102}) {
                        boolean refused = refusedPhone.endsWith(phone) && refusedDashboard.equals(String.valueOf(dashboard));
                        if (!refused && vendors.textRequestSuppressions(dashboard, phone).size() != 1) {
                            return false;
                        }
                    }
                }
                return true;
            });
            for (String phone : phones) {
                for (int dashboard : new int[] {101, 102}) {
                    boolean refused = refusedPhone.endsWith(phone) && refusedDashboard.equals(String.valueOf(dashboard));
                    assertThat(vendors.textRequestSuppressions(dashboard, phone)).as(phone + " at " + dashboard)
                            .hasSize(refused ? 0 : 1);
                }
                await("Textable opt-out of " + phone, CYCLE, () -> {
                    try {
                        return vendors.textableOptOuts(phone).size() == 1;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            assertThat(deadLetters()).as("one dead letter: the refused number at one dashboard").hasSize(1);
        } finally {
            sandbox.faults().clear();
        }
    }

    @Test
    @Order(2)
    void aNumberAlreadySuppressedKeepsItsReasonAndIsNotRewritten(Sandbox sandbox) throws Exception {
        String phone = vendors.listrakSubscribed(10);
        String reason = "Asked us by phone on 2026-01-05";
        vendors.suppressAtTextRequestByHand(102, phone, reason);
        // no web hook here: the job learns of the suppression from dashboard 102's full re-read (the bulk path writes
        // a number the job does not know there without reading it first; docs/job-optout-propagation.md)
        OptOutKnownTargets known = job.bean("optoutKnown", OptOutKnownTargets.class);
        await("dashboard 102's full re-read lists the suppression", CYCLE,
                () -> known.indexed("102") && known.knows("textrequest:102", "+1" + phone));
        long mark = sandbox.ledger().mark();
        vendors.stopAtListrak(phone);
        await("the Listrak STOP applied at dashboard 101 and Textable", CYCLE, () -> {
            try {
                return vendors.textRequestSuppressions(101, phone).size() == 1 && vendors.textableOptOuts(phone).size() == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(3000); // and the next pass
        List<Ledger.Entry> at102 = sandbox.ledger().since(mark).stream()
                .filter(e -> "textrequest".equals(e.api()) && e.key().equals("102/1" + phone)).toList();
        assertThat(at102).as("no write to the contact already suppressed at 102").isEmpty();
        JsonNode c = vendors.textRequestContact(102, phone);
        assertThat(c.path("is_suppressed").asBoolean()).isTrue();
        assertThat(c.path("suppressed_reason").asText()).isEqualTo(reason);
        JobRuns runs = job.bean("optoutJob", JobRuns.class);
        assertThat(runs.totals("optout-listrak-sms-poll").getOrDefault("already.textrequest", 0L)).isPositive();
    }

    @Test
    @Order(3)
    void afterABulkDrainFurtherCyclesWriteNothing(Sandbox sandbox) throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 20; i < 75; i++) { // 55 numbers: three chunks of optout.bulk-size 20
            phones.add(vendors.listrakSubscribed(i));
        }
        for (String phone : phones) {
            vendors.stopAtListrak(phone);
        }
        await("all " + phones.size() + " applied at both dashboards", CYCLE, () -> phones.stream().allMatch(phone ->
                vendors.textRequestSuppressions(101, phone).size() == 1 && vendors.textRequestSuppressions(102, phone).size() == 1));
        await("all applied at Textable", CYCLE, () -> phones.stream().allMatch(phone -> {
            try {
                return vendors.textableOptOuts(phone).size() == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        JobRuns runs = job.bean("optoutJob", JobRuns.class);
        long passes = runs.completedRuns("optout-listrak-sms-poll");
        await("two more passes", CYCLE, () -> runs.completedRuns("optout-listrak-sms-poll") >= passes + 2
                && runs.completedRuns("optout-textrequest-suppressed-poll") >= 1);
        long mark = sandbox.ledger().mark();
        long listrakPasses = runs.completedRuns("optout-listrak-sms-poll");
        long textRequestPasses = runs.completedRuns("optout-textrequest-poll");
        await("three more cycles of both pollers", CYCLE, () -> runs.completedRuns("optout-listrak-sms-poll") >= listrakPasses + 3
                && runs.completedRuns("optout-textrequest-poll") >= textRequestPasses + 3);
        Thread.sleep(1000);
        assertThat(sandbox.ledger().since(mark)).as("vendor writes after the bulk drain settled").isEmpty();
        for (String phone : phones) {
            assertThat(vendors.textRequestSuppressions(101, phone)).as("one write of " + phone + " at 101").hasSize(1);
            assertThat(vendors.textRequestSuppressions(102, phone)).as("one write of " + phone + " at 102").hasSize(1);
            assertThat(vendors.textableOptOuts(phone)).as("one Textable write of " + phone).hasSize(1);
        }
    }

    @Test
    @Order(4)
    void oneNumberRefusedByTextableIsDeadLetteredAndTheRestOfItsBatchAreApplied(Sandbox sandbox) throws Exception {
        List<String> phones = List.of(vendors.listrakSubscribed(80), vendors.listrakSubscribed(81), vendors.listrakSubscribed(82));
        // Textable refuses the next batch upload as a whole (400); of the numbers then written one by one, the first
        // contact creation is refused (400): that number alone is dead-lettered for Textable
        sandbox.faults().add(new Faults.Rule().api("textable").operation("uploadContactBatch").errors(100, 400).maxFaults(1));
        sandbox.faults().add(new Faults.Rule().api("textable").operation("createContact").errors(100, 400).maxFaults(1));
        try {
            long lettersBefore = deadLetters().size();
            for (String phone : phones) {
                vendors.stopAtListrak(phone);
            }
            JsonNode letter = awaitDeadLetter("the number Textable refused", l -> "textable".equals(l.path("target").asText()));
            String refused = JSON.readTree(letter.path("body").asText()).path("phone").asText().replaceAll("\\D", "");
            assertThat(letter.at("/error/status").asInt()).isEqualTo(400);
            for (String phone : phones) {
                if (!refused.endsWith(phone)) {
                    await("Textable opt-out of " + phone, CYCLE, () -> {
                        try {
                            return vendors.textableOptOuts(phone).size() == 1;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                await(phone + " at both dashboards", CYCLE, () -> vendors.textRequestSuppressions(101, phone).size() == 1
                        && vendors.textRequestSuppressions(102, phone).size() == 1);
            }
            assertThat(phones.stream().filter(refused::endsWith)).as("the refused number is one of the batch").hasSize(1);
            assertThat(vendors.textableOptOuts(phones.stream().filter(refused::endsWith).findFirst().orElseThrow()))
                    .as("the refused number is not opted out at Textable").isEmpty();
            assertThat(deadLetters().size() - lettersBefore).as("one new dead letter: the refused number at Textable")
                    .isEqualTo(1);
            assertThat(sandbox.requests().count("textable", "uploadContactBatch")).as("the batch was tried").isPositive();
        } finally {
            sandbox.faults().clear();
        }
    }

    @Test
    @Order(5)
    void whatTheJobKnowsNeverSkipsAWrite(Sandbox sandbox) throws Exception {
        // the job believes dashboard 102 and Textable have the number (as if it wrote it there long ago), but the
        // customer was un-suppressed / opted back in since: the next opt-out must still reach both
        String phone = vendors.listrakSubscribed(90);
        OptOutKnownTargets known = job.bean("optoutKnown", OptOutKnownTargets.class);
        await("dashboard 102 indexed", CYCLE, () -> known.indexed("102"));
        known.learn("textrequest:102", "+1" + phone);
        known.learn("textable", "+1" + phone);
        long reads = sandbox.requests().count("textrequest", "Contacts_getByPhoneNumber");

        vendors.stopAtListrak(phone);

        await("the opt-out written at 101, 102 and Textable", CYCLE,
                () -> vendors.writtenOnceAtTextRequestAndTextable(phone, 101, 102));
        assertThat(sandbox.requests().count("textrequest", "Contacts_getByPhoneNumber") - reads)
                .as("the known number was read at 102 before the write (101 knows nothing: written blind)").isEqualTo(1);
    }

    private static JsonNode awaitDeadLetter(String what, java.util.function.Predicate<JsonNode> match) throws Exception {
        return OptOutSandbox.awaitDeadLetter(data, what, CYCLE, match);
    }

    private static List<JsonNode> deadLetters() {
        return OptOutSandbox.deadLetters(data);
    }
}
