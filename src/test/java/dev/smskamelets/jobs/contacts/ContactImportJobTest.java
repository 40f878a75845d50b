package dev.smskamelets.jobs.contacts;

import static dev.smskamelets.jobs.contacts.ContactSandbox.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.csv.CsvRows;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routes/contact-import.yaml} end to end in the application's Camel Main against the sandbox: a 10,000-row
 * CSV with 1% bad rows and three opted-out numbers lands exactly the valid rows at Listrak SMS (import), Text Request
 * (bulk-update) and Textable (batch), the reject file lists exactly the bad rows with their reasons, the report's
 * counts are the ledger's; the same file dropped again writes nothing; the opted-out numbers are written nowhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactImportJobTest {

    static final int ROWS = 10_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("listrak.contacts", ROWS + 10).option("listrak.optOuts", 5).option("listrak.import.stepMillis", 200);

    @TempDir
    static Path data;
    static JobRuntime job;
    static ContactSandbox vendors;
    static Path inbox;
    static String csv;
    /** Row number (line in the file) → expected reject reason fragment. */
    static final Map<Integer, String> BAD = new LinkedHashMap<>();
    static final List<String> VALID = new ArrayList<>();
    static final List<String> OPTED_OUT = new ArrayList<>();

    @BeforeAll
    static void startJob(Sandbox sandbox) throws Exception {
        vendors = new ContactSandbox(sandbox);
        inbox = data.resolve("inbox");
        String suppressedAtTextRequest = vendors.textRequestContacts(101, "is_suppressed=true").get(0)
                .path("phone_number").asText().substring(1);
        StringBuilder b = new StringBuilder("Mobile,Email,First Name,Last Name,Birthday,ZIP,Favorite Store\n");
        for (int i = 0; i < ROWS; i++) {
            int line = i + 2;
            String phone = vendors.listrakSubscribed(i);
            String email = "c" + i + "@example.com";
            String birthday = "1990-02-03";
            String zip = "32801";
            if (i % 100 == 7) {
                switch ((i / 100) % 4) {
                    case 0 -> { phone = "555-12"; BAD.put(line, "Mobile,555-12,not a valid phone number"); }
                    case 1 -> { email = "not-an-address"; BAD.put(line, "Email,not-an-address,not an e-mail address"); }
                    case 2 -> { birthday = "31/12/1990"; BAD.put(line, "Birthday,31/12/1990,not a date (YYYY-MM-DD)"); }
                    default -> { zip = "ABCDE"; BAD.put(line, "ZIP,ABCDE,not a US ZIP code (5 or 9 digits)"); }
                }
            } else if (i == 10 || i == 20) {
                phone = vendors.listrakOptedOut(i / 10);
                OPTED_OUT.add(phone);
            } else if (i == 30) {
                phone = suppressedAtTextRequest;
                OPTED_OUT.add(phone);
            } else {
                VALID.add(phone);
            }
            String formatted = i % 3 == 0 ? "(" + phone.substring(0, 3) + ") " + phone.substring(3, 6) + "-" + phone.substring(6)
                    : i % 3 == 1 ? "+1" + phone : phone;
            b.append(phone.length() == 10 ? formatted : phone).append(',').append(email).append(",Ann ").append(i)
                    .append(",\"Lee, Jr.\",").append(birthday).append(',').append(zip).append(",Store ").append(i).append('\n');
        }
        csv = b.toString();
        job = JobRuntime.start(vendors.jobProperties(data, "file:routes/contact-import.yaml"));
    }

    @AfterAll
    static void stopJob() {
        if (job != null) {
            job.close();
        }
    }

    @Test
    @Order(1)
    void importsExactlyTheValidRowsAtEachTargetAndRejectsExactlyTheBadOnes() throws Exception {
        long mark = vendors.sandbox().ledger().mark();
        JsonNode report = drop("contacts.csv", csv);
        assertThat(report.path("status").asText()).isEqualTo("imported");
        assertThat(report.path("rows").asLong()).isEqualTo(ROWS);
        assertThat(report.path("rejected").asLong()).isEqualTo(BAD.size()).isEqualTo(100);
        assertThat(report.path("optedOut").asLong()).isEqualTo(3);

        // each target has exactly the valid rows
        List<String> textRequest = vendors.textRequestWrites(mark).stream().map(k -> k.substring("101/1".length())).sorted().toList();
        assertThat(textRequest).containsExactlyInAnyOrderElementsOf(VALID);
        assertThat(vendors.textableBatchWrites(mark)).containsExactlyInAnyOrderElementsOf(VALID.stream().map(p -> "+1" + p).toList());
        assertThat(vendors.listrakImportWrites(mark)).containsExactlyInAnyOrderElementsOf(VALID.stream().map(p -> "1234:" + p).toList());

        // the report's counts are the ledger's
        JsonNode counts = report.path("counts");
        assertThat(counts.path("applied.textrequest").asLong()).isEqualTo(textRequest.size());
        assertThat(counts.path("applied.textable").asLong()).isEqualTo(vendors.textableBatchWrites(mark).size());
        assertThat(counts.path("applied.listrak-sms").asLong()).isEqualTo(vendors.listrakImportWrites(mark).size());
        assertThat(report.path("summary").asText()).contains("10000 rows", "100 rejected", "3 opted out");

        // the reject file lists exactly the bad rows, with column, value and reason
        Path rejects = inbox.resolve("done").resolve(report.path("rejectFile").asText());
        List<Map<String, String>> rejected = new ArrayList<>();
        new CsvRows().read(rejects).forEachRemaining(rejected::add);
        assertThat(rejected).extracting(r -> Integer.parseInt(r.get("row"))).containsExactlyElementsOf(BAD.keySet());
        for (Map<String, String> r : rejected) {
            assertThat(r.get("column") + "," + r.get("value") + "," + r.get("reason"))
                    .isEqualTo(BAD.get(Integer.parseInt(r.get("row"))));
        }

        // the opted-out numbers were written nowhere and are still opted out
        assertThat(report.path("optedOutRows")).extracting(JsonNode::asInt).containsExactly(12, 22, 32);
        for (String phone : OPTED_OUT) {
            assertThat(vendors.writesOf(mark, phone)).as("writes of opted-out " + phone).isEmpty();
        }
        assertThat(vendors.textRequestContacts(101, "is_suppressed=true")).extracting(c -> c.path("phone_number").asText())
                .contains("1" + OPTED_OUT.get(2));
    }

    @Test
    @Order(2)
    void theSameFileDroppedAgainWritesNothing() throws Exception {
        long mark = vendors.sandbox().ledger().mark();
        JsonNode report = drop("contacts-again.csv", csv);
        assertThat(report.path("status").asText()).isEqualTo("duplicate");
        assertThat(report.path("detail").asText()).contains("SHA-256");
        assertThat(vendors.sandbox().ledger().since(mark)).as("vendor writes after the re-drop").isEmpty();
        await("re-dropped file moved out of the inbox", Duration.ofSeconds(10),
                () -> !Files.exists(inbox.resolve("contacts-again.csv")));
        assertThat(report.path("summary").asText()).contains("contacts-again.csv duplicate");
    }

    /** Drops a file into the inbox (written aside, then moved in) and waits for its report in done/ or error/. */
    static JsonNode drop(String name, String content) throws Exception {
        Files.createDirectories(inbox);
        Path part = inbox.resolve(".part-" + name);
        Files.writeString(part, content);
        Files.move(part, inbox.resolve(name));
        String base = name.replaceFirst("\\.csv$", "");
        Path[] found = new Path[1];
        await("report of " + name, Duration.ofSeconds(60), () -> {
            found[0] = report(inbox.resolve("done"), base);
            if (found[0] == null) {
                found[0] = report(inbox.resolve("error"), base);
            }
            return found[0] != null;
        });
        return JSON.readTree(found[0].toFile());
    }

    private static Path report(Path dir, String base) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(base)
                    + "-\\d{8}-\\d{6}\\.report\\.json")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
