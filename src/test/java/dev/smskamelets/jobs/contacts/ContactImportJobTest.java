package dev.smskamelets.jobs.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routes/contact-import.yaml} in the application's Camel Main against the sandbox: a 10,000-row CSV with 1%
 * bad rows lands exactly the valid rows at Text Request and Textable, the reject file lists exactly the bad rows with
 * their reasons, the report's counts match the sandbox ledger; the same file dropped again writes nothing; an opted-out
 * or suppressed number in the file stays opted out / suppressed.
 */
class ContactImportJobTest {

    static final int ROWS = 10_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.contacts", 50).option("listrak.optOuts", 5)
            .option("textrequest.contacts", 20).option("textrequest.optedOut", 2).option("textrequest.suppressed", 2)
            .option("textable.contacts", 10).option("textable.optedOut", 2);

    @TempDir
    Path data;

    @Test
    void importsExactlyTheValidRowsRejectsTheBadOnesAndNeverTwice(Sandbox sandbox) throws Exception {
        Path inbox = data.resolve("inbox");
        // Both jobs, as deployed: the opt-out job keeps the suppression list the import consults.
        Map<String, String> p = JobRuntime.properties("routes/contact-import.yaml", sandbox, data, JobRuntime.freePort());
        p.put("camel.main.routes-include-pattern", "file:routes/contact-import.yaml,file:routes/optout-propagation.yaml");
        p.put("optout.inbox", data.resolve("optout-inbox").toString());
        p.put("optout.textable.relay-secret", "contact-import-test-secret-0123");
        p.put("optout.schedule", "0/2 * * * * ?");
        p.put("contacts.inbox", inbox.toString());
        p.put("camel.beans.contactImports.chunkSize", "500");
        List<Integer> badRows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("Mobile,Email,First Name,Last Name,Birthday,ZIP,Favorite Store\n");
        for (int i = 0; i < ROWS; i++) {
            String phone = "(407) 55" + String.format("%05d", i).substring(0, 1) + "-" + String.format("%04d", i % 10_000);
            phone = "4075" + String.format("%06d", i);
            String email = "c" + i + "@example.com";
            if (i % 100 == 50) {
                badRows.add(i + 2);
                phone = i % 200 == 50 ? "12345" : phone;
                email = i % 200 == 50 ? email : "nobody-at-example";
            }
            csv.append(phone).append(',').append(email).append(",Ann,Lee,1990-02-03,32801,Store ").append(i % 7).append('\n');
        }
        // Three numbers opted out somewhere: suppressed at Text Request, opted out at Textable and at Listrak.
        String suppressed = firstTextRequest(sandbox, "is_suppressed=true");
        String textableOptedOut = firstTextableOptedOut(sandbox);
        var listrakSeed = sandbox.api(dev.smskamelets.sandbox.listrak.ListrakSmsApi.class).seed();
        String listrakOptedOut = listrakSeed.phone(0);
        for (String phone : List.of(suppressed, textableOptedOut, listrakOptedOut)) {
            csv.append(phone).append(",x@example.com,Opted,Out,1990-02-03,32801,Store 1\n");
        }
        Files.createDirectories(inbox);
        Path staged = data.resolve("contacts.csv");
        Files.writeString(staged, csv);

        try (JobRuntime job = JobRuntime.start(p)) {
            var optOuts = job.bean("optoutJob", dev.smskamelets.core.job.JobRuns.class);
            dev.smskamelets.test.Await.until("the opt-out job's first passes", java.time.Duration.ofSeconds(60),
                    () -> optOuts.completedRuns("optout-listrak-sms-poll") >= 1 && optOuts.completedRuns("optout-textrequest-poll") >= 1
                            && optOuts.completedRuns("optout-textrequest-suppressed-poll") >= 1);
            long mark = sandbox.ledger().mark();
            Files.copy(staged, inbox.resolve(".contacts.csv.part"));
            Files.move(inbox.resolve(".contacts.csv.part"), inbox.resolve("contacts.csv"), StandardCopyOption.ATOMIC_MOVE);
            Path report = awaitReport(inbox.resolve("done"), 1);
            JsonNode r = JSON.readTree(report.toFile());
            assertThat(r.get("status").asText()).isEqualTo("imported");
            int valid = ROWS + 1 - badRows.size(); // Textable's opted-out number is not on the list (see below)
            assertThat(r.get("rows").asLong()).isEqualTo(ROWS + 3);
            assertThat(r.get("rejected").asLong()).isEqualTo(badRows.size());
            assertThat(r.get("valid").asLong()).isEqualTo(valid);
            // Listrak's and Text Request's opted-out numbers are on the opt-out job's suppression list; Textable
            // publishes no opt-out list the job could read, so its opted-out number is imported (and stays opted
            // out at Textable).
            assertThat(r.get("optedOut").asLong()).as("opted-out numbers skipped").isEqualTo(2);
            String name = report.getFileName().toString().replace(".report.json", "");
            assertThat(inbox.resolve("done/" + name)).exists().hasSameTextualContentAs(staged);
            assertThat(r.get("rejectFile").asText()).isEqualTo(name + ".rejects.csv");
            assertThat(Files.readString(inbox.resolve("done/" + name + ".summary.txt"))).contains(name + ": imported, 10003 rows, 9901 valid, 100 rejected");

            List<String> rejects = Files.readAllLines(inbox.resolve("done/" + name + ".rejects.csv"));
            assertThat(rejects.subList(1, rejects.size())).extracting(l -> Integer.parseInt(l.split(",")[0]))
                    .containsExactlyElementsOf(badRows);
            assertThat(rejects).anyMatch(l -> l.contains("Mobile,12345,not a valid phone number"))
                    .anyMatch(l -> l.contains("Email,nobody-at-example,not an e-mail address"));

            List<Ledger.Entry> writes = sandbox.ledger().since(mark);
            Set<String> textRequest = keys(writes, "textrequest");
            Set<String> textable = keys(writes, "textable");
            assertThat(textRequest).hasSize(valid).hasSize((int) r.at("/targets/textrequest").asLong());
            assertThat(textable).hasSize(valid).hasSize((int) r.at("/targets/textable").asLong());

            // Opted out stays opted out everywhere.
            assertThat(textRequestContact(sandbox, suppressed).get("is_suppressed").asBoolean()).isTrue();
            assertThat(textableContact(sandbox, textableOptedOut).get("optedOut").asBoolean()).isTrue();
            assertThat(writes).as("no write of an opted-out number").noneMatch(e -> e.key().contains(listrakOptedOut)
                    || e.key().contains(suppressed));

            // The same file again: nothing written, reported as a duplicate.
            long again = sandbox.ledger().mark();
            Files.copy(staged, inbox.resolve(".contacts.csv.part"));
            Files.move(inbox.resolve(".contacts.csv.part"), inbox.resolve("contacts.csv"), StandardCopyOption.ATOMIC_MOVE);
            Path second = awaitReport(inbox.resolve("done"), 2);
            assertThat(JSON.readTree(second.toFile()).get("status").asText()).startsWith("already imported");
            assertThat(JSON.readTree(report.toFile()).get("status").asText()).as("the first report is kept").isEqualTo("imported");
            assertThat(sandbox.ledger().since(again)).as("writes of the re-dropped file").isEmpty();
        }
    }

    static JsonNode get(Sandbox sandbox, String api, String path) throws Exception {
        JsonNode info = JSON.valueToTree(sandbox.info()).at("/apis/" + api);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(info.get("baseUrl").asText() + path)).GET();
        if (api.equals("textrequest")) {
            request.header("x-api-key", info.get("apiKey").asText());
        } else {
            request.header("Authorization", "Bearer " + info.at("/users/0/token").asText());
        }
        var answer = java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static String firstTextRequest(Sandbox sandbox, String filter) throws Exception {
        return get(sandbox, "textrequest", "/dashboards/101/contacts?" + filter).at("/items/0/phone_number").asText().substring(1);
    }

    static JsonNode textRequestContact(Sandbox sandbox, String phone10) throws Exception {
        return get(sandbox, "textrequest", "/dashboards/101/contacts/" + phone10);
    }

    static String firstTextableOptedOut(Sandbox sandbox) throws Exception {
        for (JsonNode c : get(sandbox, "textable", "/api/contacts").path("contacts")) {
            if (c.path("optedOut").asBoolean()) {
                return c.path("phoneNumber").asText(c.path("phone_number").asText()).replaceFirst("^\\+1", "");
            }
        }
        throw new AssertionError("no opted-out Textable contact in the seed");
    }

    static JsonNode textableContact(Sandbox sandbox, String phone10) throws Exception {
        return get(sandbox, "textable", "/api/contacts?phoneNumber=%2B1" + phone10).path("contacts").get(0);
    }

    private static Set<String> keys(List<Ledger.Entry> writes, String api) {
        return writes.stream().filter(e -> api.equals(e.api())).map(Ledger.Entry::key).collect(Collectors.toSet());
    }

    /** The newest of the first {@code count} reports in {@code done} (waits for it). */
    private static Path awaitReport(Path done, int count) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        List<Path> reports = List.of();
        while (reports.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            if (Files.isDirectory(done)) {
                try (var files = Files.list(done)) {
                    reports = files.filter(f -> f.getFileName().toString().endsWith(".report.json")).sorted().toList();
                }
            }
        }
        assertThat(reports).hasSizeGreaterThanOrEqualTo(count);
        Thread.sleep(500); // the summary is written and the file moved right after the report
        return reports.get(count - 1);
    }
}
