package dev.smskamelets.jobs.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.csv.CsvRows;
import dev.smskamelets.core.job.JobRuns;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messy real-world files dropped one after another into ONE running contact import job (issue 14): a file with a
 * BOM, CRLF line ends, quoted commas, quotes and line breaks, duplicates in different formats, ragged rows and
 * non-US numbers; a file whose header lacks the phone column; then a 50,000-row file with 1% bad rows and
 * duplicates. Every valid number is written exactly once per target (sandbox ledger), exactly the bad rows are
 * rejected (with record number and physical line), the report, the summary line and the job's metrics agree.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactImportFilesTest {

    static final int BIG = 50_000;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HEADER = "Mobile,Email,First Name,Last Name,Birthday,ZIP,Favorite Store";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("listrak.contacts", BIG + 200).option("listrak.optOuts", 5).option("listrak.import.stepMillis", 200);

    @TempDir
    static Path data;
    static JobRuntime job;
    static ContactSandbox vendors;
    static Path inbox;

    @BeforeAll
    static void startJob(Sandbox sandbox) throws Exception {
        vendors = new ContactSandbox(sandbox);
        inbox = data.resolve("inbox");
        job = JobRuntime.start(vendors.jobProperties(data, "file:routes/contact-import.yaml"));
    }

    @AfterAll
    static void stopJob() {
        if (job != null) {
            job.close();
        }
    }

    @Test
    @Order(0)
    void threeFilesDroppedOneAfterAnotherAreAllImported() throws Exception {
        for (int f = 0; f < 3; f++) {
            long mark = vendors.sandbox().ledger().mark();
            List<String> phones = List.of(vendors.listrakSubscribed(20 + 3 * f), vendors.listrakSubscribed(21 + 3 * f),
                    vendors.listrakSubscribed(22 + 3 * f));
            StringBuilder csv = new StringBuilder(HEADER).append('\n');
            phones.forEach(p -> csv.append(p).append(",,Ann,Lee,,,Store ").append(p).append('\n'));
            JsonNode report = drop("clean-" + f + ".csv", csv.toString());
            assertThat(report.path("status").asText()).as("file " + f + ": " + report.path("detail").asText())
                    .isEqualTo("imported");
            assertThat(report.path("rows").asLong()).isEqualTo(3);
            assertThat(writes(mark, "textrequest")).containsExactlyInAnyOrderElementsOf(phones.stream().map(p -> "1" + p).toList());
            assertThat(writes(mark, "listrak-sms")).containsExactlyInAnyOrderElementsOf(phones);
        }
    }

    @Test
    @Order(1)
    void aMessyFileWritesEachDistinctNumberOnceAndRejectsRaggedRowsWithRecordAndLine() throws Exception {
        String a = vendors.listrakSubscribed(0);
        String b = vendors.listrakSubscribed(1);
        String c = vendors.listrakSubscribed(2);
        String d = vendors.listrakSubscribed(3);
        String e = vendors.listrakSubscribed(4);
        String csv = "\uFEFF" + HEADER + "\r\n"
                // record 2, line 2: quoted comma and quotes
                + fmt(a) + ",a@example.com,Ann,\"Lee, Jr.\",1990-02-03,32801,\"Store \"\"North\"\"\"\r\n"
                // record 3, lines 3-4: a line break inside a quoted field
                + b + ",b@example.com,Bo,\"Line one\r\nLine two\",,,Store B\r\n"
                // records 4 and 5 (lines 5, 6): a again, other formats, other values (the first row wins)
                + "+1" + a + ",a2@example.com,Ann2,Lee,,,Store A2\r\n"
                + "1-" + a.substring(0, 3) + "-" + a.substring(3, 6) + "-" + a.substring(6) + ",,,,,,Store A3\r\n"
                // record 6, line 7: one field too many; record 7, line 8: one field too few
                + c + ",c@example.com,Cy,Lee,1990-02-03,32801,Store C,extra\r\n"
                + d + ",d@example.com,Di,Lee,1990-02-03,32801\r\n"
                // record 8, line 9: a bad e-mail
                + e + ",not-an-address,Ed,Lee,,,Store E\r\n"
                // records 9, 10 (lines 10, 11): non-US numbers (Listrak SMS takes 10-digit US numbers only)
                + "+44 7911 123456,uk@example.com,Uma,Kay,,,Store UK\r\n"
                + "+33 6 12 34 56 78,fr@example.com,Fay,Roux,,,Store FR\r\n"
                // record 11, line 12: e, valid this time, with a quoted comma in the first name
                + e + ",e@example.com,\"Eve, Mary\",Lee,,,Store E2\r\n"
                // record 12, line 13: b again (dots), other store
                + b.substring(0, 3) + "." + b.substring(3, 6) + "." + b.substring(6) + ",,,,,,Store B2\r\n";
        long mark = vendors.sandbox().ledger().mark();
        Map<String, Long> metricsBefore = metrics();
        JsonNode report = drop("messy.csv", csv);

        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("imported");
        assertThat(report.path("rows").asLong()).isEqualTo(11);
        assertThat(report.path("rejected").asLong()).isEqualTo(3);
        JsonNode counts = report.path("counts");
        assertThat(counts.path("duplicate").asLong()).as("duplicates counted: " + counts).isEqualTo(3);
        assertThat(report.path("duplicateRows")).extracting(JsonNode::asInt).containsExactly(4, 5, 12);

        // one write per distinct number per target, the first row's values
        assertThat(writes(mark, "textrequest")).containsExactlyInAnyOrder("1" + a, "1" + b, "1" + e);
        assertThat(writes(mark, "textable")).containsExactlyInAnyOrder("+1" + a, "+1" + b, "+1" + e, "+447911123456",
                "+33612345678");
        assertThat(writes(mark, "listrak-sms")).containsExactlyInAnyOrder(a, b, e);
        assertThat(counts.path("applied.textrequest").asLong()).isEqualTo(3);
        assertThat(counts.path("applied.textable").asLong()).isEqualTo(5);
        assertThat(counts.path("applied.listrak-sms").asLong()).isEqualTo(3);
        assertThat(counts.path("failed.listrak-sms").asLong()).isEqualTo(2);
        assertThat(vendors.textRequestContacts(101, "contact_phone_number=1" + a)).singleElement()
                .satisfies(tr -> assertThat(tr.path("first_name").asText()).as("the first row wins").isEqualTo("Ann"));

        // rejects: record number and physical line, ragged rows, bad e-mail, and what Listrak cannot take
        Map<String, String> rejects = rejects(report);
        assertThat(rejects).containsOnlyKeys("6/7", "7/8", "8/9", "9/10", "10/11");
        assertThat(rejects.get("6/7")).contains("8 fields", "header has 7");
        assertThat(rejects.get("7/8")).contains("6 fields", "header has 7");
        assertThat(rejects.get("8/9")).contains("Email", "not-an-address", "not an e-mail address");
        assertThat(rejects.get("9/10")).contains("Mobile", "+44 7911 123456", "listrak-sms", "10-digit US number");
        assertThat(rejects.get("10/11")).contains("Mobile", "+33 6 12 34 56 78", "listrak-sms", "10-digit US number");

        // summary line and metrics say the same as the report
        assertThat(report.path("summary").asText()).contains("11 rows", "3 rejected", "duplicate 3",
                "applied.listrak-sms 3", "failed.listrak-sms 2", "applied.textable 5", "applied.textrequest 3");
        assertMetricsAgree(metricsBefore, counts);
    }

    @Test
    @Order(2)
    void aHeaderWithoutThePhoneColumnIsRefusedUpFrontNamingTheColumn() throws Exception {
        long mark = vendors.sandbox().ledger().mark();
        JsonNode report = drop("wrong-header.csv",
                "Phone Number,Email,First Name\r\n" + vendors.listrakSubscribed(10) + ",x@example.com,Xi\r\n");
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("failed");
        assertThat(report.path("detail").asText()).contains("'Mobile'", "Phone Number");
        // the report is written by the route, the file moved by the file consumer once the exchange is over
        ContactSandbox.await("wrong-header-*.csv in error/", Duration.ofSeconds(30), () -> {
            try (Stream<Path> failed = Files.list(inbox.resolve("error"))) {
                return failed.map(p -> p.getFileName().toString())
                        .anyMatch(n -> n.startsWith("wrong-header-") && n.endsWith(".csv") && !n.contains("report"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(writesSince(mark)).as("vendor writes of a refused file").isEmpty();
    }

    @Test
    @Order(3)
    void fiftyThousandRowsAfterTwoOtherFilesWriteEveryValidNumberExactlyOncePerTarget() throws Exception {
        StringBuilder b = new StringBuilder(HEADER).append("\r\n");
        List<String> valid = new ArrayList<>();
        Map<Integer, String> bad = new LinkedHashMap<>();
        List<Integer> duplicates = new ArrayList<>();
        int record = 1;
        for (int i = 0; i < BIG; i++) {
            record++;
            String phone = vendors.listrakSubscribed(100 + i);
            String email = "c" + i + "@example.com";
            String zip = "32801";
            String extra = "";
            if (i % 100 == 7) {
                switch ((i / 100) % 4) {
                    case 0 -> { phone = "555-12"; bad.put(record, "not a valid phone number"); }
                    case 1 -> { email = "not-an-address"; bad.put(record, "not an e-mail address"); }
                    case 2 -> { zip = "ABCDE"; bad.put(record, "not a US ZIP code"); }
                    default -> { extra = ",surplus"; bad.put(record, "8 fields"); }
                }
            } else {
                valid.add(phone);
            }
            b.append(i % 2 == 0 ? fmt(phone) : phone).append(',').append(email).append(",\"Ann, ").append(i)
                    .append("\",Lee,1990-02-03,").append(zip).append(",Store ").append(i).append(extra).append("\r\n");
            if (i % 250 == 3) { // the same number again, another format
                record++;
                duplicates.add(record);
                b.append("+1").append(phone).append(",,Dup,,,,Dup ").append(i).append("\r\n");
            }
        }
        long mark = vendors.sandbox().ledger().mark();
        Map<String, Long> metricsBefore = metrics();
        JsonNode report = drop("big.csv", b.toString());
        System.out.println("ContactImportFilesTest 50,000 rows: " + report.path("summary").asText());

        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("imported");
        assertThat(report.path("rows").asLong()).isEqualTo(BIG + duplicates.size());
        assertThat(report.path("rejected").asLong()).isEqualTo(bad.size()).isEqualTo(500);
        assertThat(report.path("counts").path("duplicate").asLong()).isEqualTo(duplicates.size());

        for (String target : List.of("textrequest", "textable", "listrak-sms")) {
            List<String> written = writes(mark, target);
            assertThat(written).as(target + " writes: each once").doesNotHaveDuplicates().hasSize(valid.size());
            Set<String> numbers = written.stream().map(p -> p.substring(p.length() - 10)).collect(Collectors.toSet());
            assertThat(numbers).as(target + " writes: exactly the valid numbers").isEqualTo(new java.util.HashSet<>(valid));
            assertThat(report.path("counts").path("applied." + target).asLong()).isEqualTo(valid.size());
        }
        Map<String, String> rejects = rejects(report);
        assertThat(rejects.keySet()).as("exactly the bad rows rejected")
                .isEqualTo(bad.keySet().stream().map(r -> r + "/" + r).collect(Collectors.toCollection(TreeSet::new)));
        bad.forEach((row, reason) -> assertThat(rejects.get(row + "/" + row)).contains(reason));
        assertMetricsAgree(metricsBefore, report.path("counts"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Drops a file into the inbox (written aside, then moved in) and waits for its report in done/ or error/. */
    static JsonNode drop(String name, String content) throws Exception {
        Files.createDirectories(inbox);
        Path part = inbox.resolve(".part-" + name);
        Files.writeString(part, content);
        Files.move(part, inbox.resolve(name));
        String base = name.replaceFirst("\\.csv$", "");
        Path[] found = new Path[1];
        ContactSandbox.await("report of " + name, Duration.ofMinutes(15), () -> {
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
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fmt(String phone10) {
        return "\"(" + phone10.substring(0, 3) + ") " + phone10.substring(3, 6) + "-" + phone10.substring(6) + "\"";
    }

    /** The numbers written at one target since a mark, one entry per write (as the target spells them). */
    private static List<String> writes(long mark, String target) {
        return switch (target) {
            case "textrequest" -> vendors.sandbox().ledger().since(mark).stream()
                    .filter(w -> "textrequest".equals(w.api()) && "contact".equals(w.entity()))
                    .map(w -> w.key().substring(w.key().indexOf('/') + 1)).toList();
            case "textable" -> vendors.textableBatchWrites(mark);
            default -> vendors.listrakImportWrites(mark).stream().map(k -> k.substring("1234:".length())).toList();
        };
    }

    private static List<Ledger.Entry> writesSince(long mark) {
        return vendors.sandbox().ledger().since(mark).stream()
                .filter(w -> !"contactImport".equals(w.entity())).toList();
    }

    /** The reject file as {@code "<row>/<line>" → "column,value,reason"}. */
    private static Map<String, String> rejects(JsonNode report) throws Exception {
        Map<String, String> out = new HashMap<>();
        if (report.path("rejectFile").isNull() || report.path("rejectFile").isMissingNode()) {
            return out;
        }
        Path file = inbox.resolve("done").resolve(report.path("rejectFile").asText());
        new CsvRows().read(file).forEachRemaining(r -> out.put(r.get("row") + "/" + r.get("line"),
                r.get("column") + "," + r.get("value") + "," + r.get("reason")));
        return out;
    }

    private static Map<String, Long> metrics() {
        return new HashMap<>(job.bean("contactsJob", JobRuns.class).totals("contacts-import"));
    }

    private static void assertMetricsAgree(Map<String, Long> before, JsonNode counts) {
        Map<String, Long> after = metrics();
        counts.fields().forEachRemaining(c -> assertThat(after.getOrDefault(c.getKey(), 0L)
                - before.getOrDefault(c.getKey(), 0L)).as("metric " + c.getKey()).isEqualTo(c.getValue().asLong()));
    }
}
