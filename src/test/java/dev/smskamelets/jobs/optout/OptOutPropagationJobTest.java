package dev.smskamelets.jobs.optout;

import static dev.smskamelets.jobs.optout.OptOutSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.deadletter.DeadLetterReplay;
import dev.smskamelets.core.deadletter.DeadLetterStore;
import dev.smskamelets.core.job.JobRuns;
import dev.smskamelets.core.optout.OptOutKeywords;
import dev.smskamelets.core.webhook.WebhookAuth;
import dev.smskamelets.jobs.optout.audit.AuditEntry;
import dev.smskamelets.jobs.optout.audit.AuditReport;
import dev.smskamelets.jobs.optout.audit.OptOutAudit;
import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routes/optout-propagation.yaml} end to end in the application's Camel Main against the sandbox: a STOP
 * texted to one vendor (through the sandbox, as a handset would) is suppressed at every other vendor within one
 * cycle, by the web hook path where the vendor has one; then the job is loop-free (further cycles write nothing)
 * and a bad record is dead-lettered while the job carries on. Zero contract violations (the extension checks).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OptOutPropagationJobTest {

    static final int PORT = JobRuntime.freePort();
    static final String RELAY_SECRET = HexFormat.of().formatHex(
            ThreadLocalRandom.current().ints(16, 0, 256).collect(java.io.ByteArrayOutputStream::new,
                    (b, i) -> b.write(i), (a, b) -> { }).toByteArray());
    static final Duration CYCLE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("listrak.contacts", 40).option("listrak.optOuts", 3)
            .option("textrequest.contacts", 30).option("textrequest.optedOut", 2).option("textrequest.suppressed", 1)
            .option("textable.contacts", 20).option("textable.optedOut", 2)
            .option("textable.relayWebhook", "http://127.0.0.1:" + PORT + "/textable/relay/" + RELAY_SECRET);

    @TempDir
    static Path data;
    static JobRuntime job;
    static OptOutSandbox vendors;

    @BeforeAll
    static void startJob(Sandbox sandbox) throws Exception {
        vendors = new OptOutSandbox(sandbox);
        Map<String, String> p = vendors.jobProperties(data, PORT, RELAY_SECRET, "0/2 * * * * ?");
        job = JobRuntime.start(p);
        // The seeded opt-outs of every vendor are the first cycle's backlog.
        JobRuns runs = job.bean("optoutJob", JobRuns.class);
        await("first Listrak and Text Request passes", CYCLE, () -> runs.completedRuns("optout-listrak-sms-poll") >= 1
                && runs.completedRuns("optout-textrequest-poll") >= 1);
    }

    @AfterAll
    static void stopJob() {
        if (job != null) {
            job.close();
        }
    }

    @Test
    @Order(1)
    void listrakStopIsSuppressedAtBothTextRequestDashboardsAndTextable() throws Exception {
        String phone = vendors.listrakSubscribed(1);
        vendors.stopAtListrak(phone);
        await("Listrak STOP of " + phone + " applied at Text Request 101 and 102 and Textable", CYCLE,
                () -> vendors.writtenOnceAtTextRequestAndTextable(phone, 101, 102));
        assertThat(vendors.textRequestSuppressions(101, phone)).singleElement()
                .extracting(Ledger.Entry::change).asString().contains("Opted out at listrak-sms", "(sms-kamelets)");
    }

    @Test
    @Order(2)
    void textRequestStopTravelsByWebHookToListrakTextableAndTheOtherDashboard() throws Exception {
        JobRuns runs = job.bean("optoutJob", JobRuns.class);
        long inboxBefore = runs.totals("optout-inbox").getOrDefault("read", 0L);
        String phone = vendors.listrakSubscribed(2);
        vendors.stopAtTextRequest(101, phone);
        // The STOP arrives twice, by web hook (inbox) and by the Text Request poll, possibly at the same moment:
        // both arrivals are awaited, and each target was still written exactly once.
        await("Text Request STOP of " + phone + " applied at Listrak 1234, Text Request 102 and Textable, and read"
                + " from the web hook inbox", CYCLE, () -> vendors.listrakOptOuts(1234, phone).size() == 1
                && vendors.writtenOnceAtTextRequestAndTextable(phone, 102)
                && runs.totals("optout-inbox").getOrDefault("read", 0L) > inboxBefore);
        assertThat(vendors.listrakOptOuts(1234, phone)).as("one write at Listrak").hasSize(1);
        assertThat(vendors.textRequestSuppressions(102, phone)).as("one write at Text Request 102").hasSize(1);
        assertThat(vendors.textableOptOuts(phone)).as("one write at Textable").hasSize(1);
        assertThat(vendors.textRequestSuppressions(101, phone)).as("the origin dashboard is not rewritten").isEmpty();
    }

    @Test
    @Order(3)
    void textableStopTravelsByRelayWebHookToListrakAndTextRequest() throws Exception {
        String phone = vendors.listrakSubscribed(3);
        vendors.stopAtTextable(phone);
        await("Textable STOP of " + phone + " applied at Listrak 1234 and Text Request 101 and 102", CYCLE, () ->
                vendors.listrakOptOuts(1234, phone).size() == 1
                        && vendors.textRequestSuppressions(101, phone).size() == 1
                        && vendors.textRequestSuppressions(102, phone).size() == 1);
    }

    @Test
    @Order(4)
    void onceSettledFurtherCyclesWriteNothing(Sandbox sandbox) throws Exception {
        JobRuns runs = job.bean("optoutJob", JobRuns.class);
        // Settled: two complete Listrak and Text Request passes with no write in between.
        long passes = runs.completedRuns("optout-listrak-sms-poll");
        await("two more passes", CYCLE, () -> runs.completedRuns("optout-listrak-sms-poll") >= passes + 2);
        long mark = sandbox.ledger().mark();
        long listrakPasses = runs.completedRuns("optout-listrak-sms-poll");
        long textRequestPasses = runs.completedRuns("optout-textrequest-poll");
        await("three more cycles of both pollers", CYCLE, () -> runs.completedRuns("optout-listrak-sms-poll") >= listrakPasses + 3
                && runs.completedRuns("optout-textrequest-poll") >= textRequestPasses + 3);
        Thread.sleep(1000); // and whatever web hook those cycles could have caused
        List<Ledger.Entry> writes = sandbox.ledger().since(mark);
        assertThat(writes).as("vendor writes after propagation settled").isEmpty();
    }

    @Test
    @Order(5)
    void anUnreadableNumberIsDeadLetteredAndTheJobCarriesOn() throws Exception {
        String good = vendors.listrakSubscribed(4);
        Path inbox = data.resolve("inbox");
        Files.writeString(inbox.resolve(".part-bad"), "{\"origin\":\"textable\",\"phone\":\"+1 555 12\",\"at\":\"2026-11-22T10:00:00Z\",\"detail\":\"test\"}");
        Files.move(inbox.resolve(".part-bad"), inbox.resolve("a-bad.json"));
        Files.writeString(inbox.resolve(".part-good"), "{\"origin\":\"textable\",\"phone\":\"+1" + good + "\",\"at\":\"2026-11-22T10:00:00Z\",\"detail\":\"test\"}");
        Files.move(inbox.resolve(".part-good"), inbox.resolve("b-good.json"));
        await("the good one applied at Listrak", CYCLE, () -> vendors.listrakOptOuts(1234, good).size() == 1);
        Path letters = data.resolve("dead-letters");
        await("a dead letter", CYCLE, () -> Files.isDirectory(letters) && count(letters) == 1);
        String letter;
        try (var files = Files.walk(letters)) {
            letter = Files.readString(files.filter(Files::isRegularFile).findFirst().orElseThrow());
        }
        assertThat(letter).contains("phoneNumber", "+1 555 12");
        await("inbox emptied", CYCLE, () -> {
            try (var files = Files.list(inbox)) {
                return files.noneMatch(f -> !f.getFileName().toString().startsWith("."));
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    @Order(6)
    void underCamelMainTheWebHookEndpointsRefuseForgedAndUnauthenticatedRequests() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String now = String.valueOf(java.time.Instant.now().getEpochSecond());
        var forged = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + PORT + "/textrequest/webhook/contact_updated"))
                .header("Content-Type", "application/json").header("x-tr-webhook-timestamp", now)
                .header("x-tr-webhook-signature", "Zm9yZ2Vk")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"phone_number\":\"13215550000\",\"opted_out_utc\":\"" + now + "\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        var wrongSecret = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + PORT + "/textable/relay/not-the-secret-0123456789"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"Direction\":\"inbound\",\"Message\":\"STOP\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        try (var files = Files.list(data.resolve("inbox"))) {
            assertThat(files.filter(f -> !f.getFileName().toString().startsWith("."))).as("nothing reached the inbox").isEmpty();
        }
    }

    static final String HOSTILE_ORIGIN_PHONE = "12125550128\",\"origin\":\"listrak-sms";

    @Test
    @Order(7)
    void aPhoneHoldingJsonCannotRewriteTheInboxEventsOrigin() throws Exception {
        assertThat(signedContactUpdated(HOSTILE_ORIGIN_PHONE)).isEqualTo(200);
        // Not a phone number: the event keeps origin textrequest and is dead-lettered as a bad number, as it was.
        JsonNode letter = awaitDeadLetter("the hostile phone", l -> HOSTILE_ORIGIN_PHONE.equals(event(l).path("phone").asText()));
        assertThat(event(letter).path("origin").asText()).isEqualTo("textrequest");
        assertThat(letter.at("/error/type").asText()).endsWith("InvalidPhoneNumberException");
        assertThat(vendors.listrakOptOuts(1234, "2125550128")).isEmpty();
    }

    @Test
    @Order(8)
    void aPhoneEndingInABackslashIsDeadLetteredAsValidJsonThatReplaysAndApplies(Sandbox sandbox) throws Exception {
        String phone = vendors.listrakSubscribed(5);
        String hostile = "1" + phone + "\\";
        sandbox.faults().add(new Faults.Rule().api("listrak-sms").operation("Contact_PutContactResource").errors(100, 400));
        try {
            assertThat(signedContactUpdated(hostile)).isEqualTo(200);
            JsonNode letter = awaitDeadLetter("Listrak's refusal of " + hostile, l -> hostile.equals(event(l).path("phone").asText())
                    && "listrak-sms:1234".equals(l.path("target").asText()));
            assertThat(event(letter).path("origin").asText()).isEqualTo("textrequest");
            assertThat(letter.at("/error/status").asInt()).isEqualTo(400);
            // one target's refusal is that target's dead letter: the other targets still get the opt-out
            await("the other targets applied despite Listrak's refusal", CYCLE,
                    () -> vendors.writtenOnceAtTextRequestAndTextable(phone, 102));
        } finally {
            sandbox.faults().clear();
        }
        assertThat(vendors.listrakOptOuts(1234, phone)).isEmpty();
        // the audit trail: the refused target is dead-lettered, and failed in the report until the replay
        OptOutAudit audit = job.bean("optoutAudit", OptOutAudit.class);
        String e164 = "+1" + phone;
        AuditEntry event = awaitEvent(e164, "textrequest", "webhook");
        await("the dead-lettered outcome of Listrak 1234 recorded", CYCLE,
                () -> outcomes(e164, event.eventId(), "listrak-sms:1234").contains("dead-lettered"));
        AuditReport.Row failed = reportRow(audit, event.eventId(), "listrak-sms:1234");
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.lastOutcome()).isEqualTo("dead-lettered");
        assertThat(failed.notApplied()).isTrue();
        assertThat(reportRow(audit, event.eventId(), "textable").status()).isEqualTo("done");
        DeadLetterReplay replay = new DeadLetterReplay();
        replay.setStore(job.bean("smsDeadLetterStore", DeadLetterStore.class));
        replay.setEndpoint("file:" + data.resolve("inbox") + "?tempPrefix=.part-");
        assertThat(replay.replayAll(job.context()).replayed()).isPositive();
        await("the replayed opt-out applied at Listrak 1234", CYCLE, () -> vendors.listrakOptOuts(1234, phone).size() == 1);
        // the replay keeps the event id: applied joins the dead-lettered outcome, and the row is done
        await("applied recorded after the replay", CYCLE,
                () -> outcomes(e164, event.eventId(), "listrak-sms:1234").equals(List.of("dead-lettered", "applied")));
        AuditReport.Row done = reportRow(audit, event.eventId(), "listrak-sms:1234");
        assertThat(done.status()).isEqualTo("done");
        assertThat(done.lastOutcome()).isEqualTo("applied");
        assertThat(done.notApplied()).isFalse();
        assertThat(audit.journey(e164).events()).as("the replay is no new opt-out").hasSize(1);
    }

    @Test
    @Order(9)
    void anUnreadableInboxFileIsDeadLetteredWithItsReasonAfterBoundedAttempts() throws Exception {
        Path inbox = data.resolve("inbox");
        // what the string template used to write for a phone ending in a backslash
        String broken = "{\"origin\":\"textrequest\",\"phone\":\"12125550131\\\",\"at\":\"2026-11-22T10:00:00Z\",\"detail\":\"web hook x\"}";
        Files.writeString(inbox.resolve(".part-broken"), broken);
        Files.move(inbox.resolve(".part-broken"), inbox.resolve("textrequest-broken.json"));
        JsonNode letter = awaitDeadLetter("the unreadable inbox file", l -> broken.equals(l.path("body").asText()));
        assertThat(letter.at("/error/message").asText()).contains("textrequest-broken.json", "not a JSON");
        assertThat(letter.path("attempts").asInt()).isEqualTo(3);
        await("inbox emptied", CYCLE, () -> {
            try (var files = Files.list(inbox)) {
                return files.noneMatch(f -> !f.getFileName().toString().startsWith("."));
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    static final List<String> TARGETS = List.of("listrak-sms:1234", "listrak-sms:1235", "textrequest:101",
            "textrequest:102", "textable");

    @Test
    @Order(10)
    void theAuditTrailHoldsTheJourneyOfEveryOptOutWithItsOriginEvidenceAndOneOutcomePerTarget() throws Exception {
        // Listrak STOP (order 1): polled, through the bulk path
        String listrak = "+1" + vendors.listrakSubscribed(1);
        AuditEntry fromListrak = awaitEvent(listrak, "listrak-sms", "poll");
        assertThat(fromListrak.originAccount()).isEqualTo("1234");
        assertThat(fromListrak.reason()).as("Listrak's optOutReason").isNotBlank();
        assertThat(fromListrak.vendorAt()).as("Listrak's optOutDate").isNotBlank().doesNotStartWith("unreadable");
        assertThat(fromListrak.decision()).isEqualTo("opt-out");
        assertOneOutcomePerTarget(listrak, fromListrak, List.of("listrak-sms:1234", "textrequest:101", "textrequest:102", "textable"));
        assertThat(lastOutcomes(listrak, fromListrak)).containsEntry("listrak-sms:1234", "already") // its origin
                .containsEntry("textrequest:101", "applied").containsEntry("textrequest:102", "applied")
                .containsEntry("textable", "applied");

        // Text Request STOP (order 2): by web hook and by the safety-net poll, two receipts of the same STOP
        String textRequest = "+1" + vendors.listrakSubscribed(2);
        AuditEntry byWebhook = awaitEvent(textRequest, "textrequest", "webhook");
        assertThat(byWebhook.webhookEventId()).as("the web hook event id").isNotBlank();
        assertThat(byWebhook.vendorAt()).as("opted_out_utc").isNotBlank().doesNotStartWith("unreadable");
        assertOneOutcomePerTarget(textRequest, byWebhook, TARGETS);
        AuditEntry byPoll = awaitEvent(textRequest, "textrequest", "poll");
        assertThat(byPoll.originAccount()).isEqualTo("101");
        assertThat(byPoll.webhookEventId()).isNull();
        assertOneOutcomePerTarget(textRequest, byPoll, TARGETS);
        assertThat(lastOutcomes(textRequest, byPoll)).containsEntry("textrequest:101", "already"); // its origin
        // each target was written once (the ledger says so): exactly one applied across both receipts
        for (String target : List.of("listrak-sms:1234", "textrequest:102", "textable")) {
            long applied = audit().journey(textRequest).events().stream()
                    .flatMap(e -> e.targets().getOrDefault(target, List.of()).stream())
                    .filter(o -> "applied".equals(o.outcome())).count();
            assertThat(applied).as("applied outcomes of " + target).isEqualTo(1);
        }

        // Textable STOP (order 3): the relay web hook, with the keyword and message id
        String textable = "+1" + vendors.listrakSubscribed(3);
        AuditEntry fromTextable = awaitEvent(textable, "textable", "inbound");
        assertThat(fromTextable.keyword()).isEqualTo("STOP");
        assertThat(fromTextable.messageId()).as("the inbound message id").isNotBlank();
        assertOneOutcomePerTarget(textable, fromTextable, TARGETS);
        assertThat(lastOutcomes(textable, fromTextable)).containsEntry("textable", "already")
                .containsEntry("listrak-sms:1234", "applied").containsEntry("textrequest:101", "applied")
                .containsEntry("textrequest:102", "applied");

        // Text Request suppressed-contacts safety-net poll: the seeded suppression (not this job's)
        AuditReport report = audit().report(java.time.Instant.now().minus(Duration.ofHours(2)),
                java.time.Instant.now().plus(Duration.ofHours(1)));
        AuditEntry suppressed = report.rows().stream().map(AuditReport.Row::event)
                .filter(e -> "textrequest".equals(e.originVendor()) && "poll".equals(e.channel())
                        && "Opted out at another vendor".equals(e.reason()))
                .findFirst().orElseThrow(() -> new AssertionError("no event of the suppressed-contacts poll in " + report.csv()));
        assertThat(suppressed.originAccount()).isEqualTo("101");
        assertOneOutcomePerTarget(suppressed.number(), suppressed, TARGETS);

        // echoes are no opt-outs: no event of any origin carries this job's marker
        assertThat(report.rows()).extracting(r -> String.valueOf(r.event().reason())).noneMatch(r -> r.contains("sms-kamelets"));
    }

    @Test
    @Order(11)
    void aTextableRevocationInASentenceIsHeldForReviewOrAppliedAsThePolicySays() throws Exception {
        OptOutKeywords keywords = job.bean("optoutKeywords", OptOutKeywords.class);
        String held = vendors.listrakSubscribed(6);
        keywords.setRevocationPolicy("review");
        try {
            vendors.textAtTextable(held, "please stop texting me");
            AuditEntry event = awaitEvent("+1" + held, "textable", "inbound");
            assertThat(event.decision()).isEqualTo("review");
            assertThat(event.keyword()).isEqualTo("STOP");
            Thread.sleep(2000); // what a propagation would have written by now
            assertThat(audit().journey("+1" + held).events()).singleElement()
                    .satisfies(e -> assertThat(e.targets()).as("no outcome: held, not propagated").isEmpty());
            assertThat(vendors.listrakOptOuts(1234, held)).isEmpty();
            assertThat(vendors.textRequestSuppressions(101, held)).isEmpty();
        } finally {
            keywords.setRevocationPolicy("apply");
        }
        String applied = vendors.listrakSubscribed(7);
        vendors.textAtTextable(applied, "Please stop texting me!");
        AuditEntry event = awaitEvent("+1" + applied, "textable", "inbound");
        assertThat(event.decision()).isEqualTo("opt-out");
        assertThat(event.keyword()).isEqualTo("STOP");
        assertOneOutcomePerTarget("+1" + applied, event, TARGETS);
        assertThat(lastOutcomes("+1" + applied, event)).containsEntry("listrak-sms:1234", "applied");
        assertThat(vendors.listrakOptOuts(1234, applied)).hasSize(1);
    }

    private static OptOutAudit audit() {
        return job.bean("optoutAudit", OptOutAudit.class);
    }

    /** The number's event of that origin and channel, once it is recorded. */
    private static AuditEntry awaitEvent(String number, String origin, String channel) throws Exception {
        AuditEntry[] found = new AuditEntry[1];
        await("an audit event of " + number + " from " + origin + " by " + channel, CYCLE, () -> {
            found[0] = audit().journey(number).events().stream().map(OptOutAudit.EventJourney::event)
                    .filter(e -> origin.equals(e.originVendor()) && channel.equals(e.channel())).findFirst().orElse(null);
            return found[0] != null;
        });
        assertThat(found[0].number()).isEqualTo(number);
        assertThat(found[0].receivedAt()).isNotBlank();
        return found[0];
    }

    /** The outcomes recorded for one event at one target, in order. */
    private static List<String> outcomes(String number, String eventId, String target) {
        return audit().journey(number).events().stream().filter(e -> e.event().eventId().equals(eventId))
                .flatMap(e -> e.targets().getOrDefault(target, List.of()).stream()).map(AuditEntry::outcome).toList();
    }

    private static Map<String, String> lastOutcomes(String number, AuditEntry event) {
        Map<String, String> last = new java.util.TreeMap<>();
        audit().journey(number).events().stream().filter(e -> e.event().eventId().equals(event.eventId()))
                .forEach(e -> e.targets().forEach((t, list) -> last.put(t, list.get(list.size() - 1).outcome())));
        return last;
    }

    /** Awaits one outcome (applied, already or absent) at each target, and no more than one anywhere. */
    private static void assertOneOutcomePerTarget(String number, AuditEntry event, List<String> targets) throws Exception {
        await("an outcome at every target of " + event.eventId() + " (" + number + ")", CYCLE,
                () -> targets.stream().allMatch(t -> !outcomes(number, event.eventId(), t).isEmpty()));
        Thread.sleep(200); // a second outcome would follow at once
        for (String t : targets) {
            assertThat(outcomes(number, event.eventId(), t)).as("outcomes of " + event.eventId() + " at " + t)
                    .singleElement().isIn("applied", "already", "absent");
        }
        assertThat(lastOutcomes(number, event).keySet()).as("targets with outcomes").isSubsetOf(TARGETS);
    }

    private static AuditReport.Row reportRow(OptOutAudit audit, String eventId, String target) {
        AuditReport report = audit.report(java.time.Instant.now().minus(Duration.ofHours(2)),
                java.time.Instant.now().plus(Duration.ofHours(1)));
        return report.rows().stream().filter(r -> r.event().eventId().equals(eventId) && r.target().equals(target))
                .findFirst().orElseThrow(() -> new AssertionError("no report row " + eventId + " " + target + " in " + report.csv()));
    }

    /** POSTs a contact_updated delivery of an opted-out contact, signed as Text Request signs (API key, timestamp). */
    private static int signedContactUpdated(String phone) throws Exception {
        String apiKey = job.context().resolvePropertyPlaceholders("{{textrequest.api-key}}");
        long now = java.time.Instant.now().getEpochSecond();
        ObjectNode payload = JSON.createObjectNode().put("phone_number", phone).put("is_suppressed", false)
                .put("opted_out_utc", java.time.Instant.now().toString());
        byte[] raw = JSON.writeValueAsBytes(payload);
        String signature = java.util.Base64.getEncoder().encodeToString(WebhookAuth.hmacSha256(apiKey,
                (now + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8), raw));
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + PORT + "/textrequest/webhook/contact_updated"))
                .header("Content-Type", "application/json").header("x-tr-webhook-timestamp", String.valueOf(now))
                .header("x-tr-webhook-signature", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(raw)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The first dead letter matching, as JSON (every stored record must be valid JSON). */
    private static JsonNode awaitDeadLetter(String what, java.util.function.Predicate<JsonNode> match) throws Exception {
        return OptOutSandbox.awaitDeadLetter(data, what, CYCLE, match);
    }

    private static List<JsonNode> deadLetters() {
        return OptOutSandbox.deadLetters(data);
    }

    /** A dead letter's body read as the inbox event it holds ({@code MissingNode} when it is not a JSON object). */
    private static JsonNode event(JsonNode letter) {
        try {
            JsonNode body = JSON.readTree(letter.path("body").asText(""));
            return body != null && body.isObject() ? body : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static long count(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
