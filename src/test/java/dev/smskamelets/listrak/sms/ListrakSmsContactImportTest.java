package dev.smskamelets.listrak.sms;

import static dev.smskamelets.test.KameletCamel.control;
import static dev.smskamelets.test.KameletCamel.failure;
import static dev.smskamelets.test.KameletCamel.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.sandbox.listrak.SmsSeed;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listrak-sms-contact-import-sink} against the sandbox: a CSV split into several compliant imports, every
 * row applied, unreadable phones listed (field and value) instead of failing, records as input, the size limit
 * enforced before any request, a 5xx on the streamed upload retried, Listrak's refusal mapped.
 */
class ListrakSmsContactImportTest {

    static final int CONTACTS = 3000;

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.contacts", CONTACTS)
            .option("listrak.optOuts", 0).option("listrak.import.stepMillis", 50)
            .option("listrak.import.maxFileBytes", 60_000);

    static KameletCamel camel(Sandbox sandbox, Path work) throws Exception {
        KameletCamel camel = KameletCamel.listrakSms(sandbox);
        String common = "senderCodeId: 1234\nphoneColumn: mobile\nfieldColumns: \"store=301,points=303\"\n"
                + "pollIntervalMillis: 50\nworkDir: \"" + work + "\"\n";
        camel.start(camel.route("import", "listrak-sms-contact-import-sink", common + "maxFileBytes: 50000")
                + camel.route("no-split", "listrak-sms-contact-import-sink", common
                + "maxFileBytes: 50000\nsplitLargeFiles: false")
                + camel.route("too-big", "listrak-sms-contact-import-sink", common + "maxFileBytes: 100000"));
        return camel;
    }

    static String csv(SmsSeed seed, int rows) {
        StringBuilder csv = new StringBuilder("mobile,store,points\n");
        for (int i = 0; i < rows; i++) {
            String p = seed.phone(i);
            csv.append('(').append(p, 0, 3).append(") ").append(p, 3, 6).append('-').append(p.substring(6))
                    .append(",\"Store, #").append(i % 7).append("\",").append(i).append('\n');
        }
        return csv.toString();
    }

    @Test
    void splitsACsvIntoCompliantImportsAndAppliesEveryRow(Sandbox sandbox, @TempDir Path work) throws Exception {
        SmsSeed seed = sandbox.api(ListrakSmsApi.class).seed();
        Path file = work.resolve("contacts.csv");
        Files.writeString(file, csv(seed, 2000) + "12ab,Nowhere,1\n");
        sandbox.faults().add(new Faults.Rule().api("listrak-sms").operation("Contact_PostImportFileResource")
                .errors(100, 503).maxFaults(1));
        JsonNode result;
        try (KameletCamel camel = camel(sandbox, work)) {
            result = read(camel.request("direct:import", file.toFile(), Map.of()));
        }
        assertThat(result.get("status").asText()).isEqualTo("Completed");
        assertThat(result.get("rows").asLong()).isEqualTo(2000);
        assertThat(result.get("rejectedRows").asLong()).isEqualTo(1);
        assertThat(result.at("/rejected/0/field").asText()).isEqualTo("mobile");
        assertThat(result.at("/rejected/0/value").asText()).isEqualTo("12ab");
        assertThat(result.at("/rejected/0/row").asLong()).isEqualTo(2001);
        assertThat(result.get("imports").size()).isGreaterThan(1);
        long applied = 0;
        for (JsonNode imp : result.get("imports")) {
            assertThat(imp.get("bytes").asLong()).isLessThanOrEqualTo(50_000);
            JsonNode details = control(sandbox, "/sandbox/listrak/sms/imports/" + imp.get("importFileId").asText());
            assertThat(details.get("failed").asLong()).isZero();
            applied += details.get("updated").asLong();
        }
        assertThat(applied).isEqualTo(2000);
        JsonNode contact = control(sandbox, "/sandbox/listrak/sms/contacts/" + seed.phone(1999));
        assertThat(contact.get("segmentationFieldValues").toString()).contains("Store, #" + (1999 % 7), "1999");
        assertThat(Files.list(work).filter(p -> p.getFileName().toString().startsWith("listrak-import-"))).isEmpty();
        assertThat(sandbox.requests().entries(e -> "Contact_PostImportFileResource".equals(e.operationId())))
                .extracting(e -> e.status()).startsWith(503, 201).hasSize(result.get("imports").size() + 1);
    }

    /** Issue 14: Listrak refuses non-US numbers row by row while the import still ends "Completed". */
    @Test
    void leavesOutAndListsWhatListrakWouldRefuseRowByRow(Sandbox sandbox, @TempDir Path work) throws Exception {
        SmsSeed seed = sandbox.api(ListrakSmsApi.class).seed();
        String csv = "mobile,store,points\r\n" + seed.phone(20) + ",North,1\r\n+44 7911 123456,London,2\r\n"
                + seed.phone(21) + ",South,3,surplus\r\n+33 6 12 34 56 78,Paris,4\r\n" + seed.phone(22) + ",East,5\r\n";
        JsonNode result;
        try (KameletCamel camel = camel(sandbox, work)) {
            result = read(camel.request("direct:import", csv, Map.of()));
        }
        assertThat(result.get("status").asText()).isEqualTo("Completed");
        assertThat(result.get("rows").asLong()).isEqualTo(2);
        assertThat(result.get("rejectedRows").asLong()).isEqualTo(3);
        assertThat(result.get("rejected")).extracting(r -> r.get("row").asLong() + " " + r.get("value").asText() + " "
                + r.get("reason").asText()).satisfiesExactly(
                        r -> assertThat(r).startsWith("2 +44 7911 123456").contains("10-digit US number expected"),
                        r -> assertThat(r).startsWith("3 ").contains("the row has 4 fields, the header has 3"),
                        r -> assertThat(r).startsWith("4 +33 6 12 34 56 78").contains("10-digit US number expected"));
        JsonNode details = control(sandbox, "/sandbox/listrak/sms/imports/" + result.at("/imports/0/importFileId").asText());
        assertThat(details.get("failed").asLong()).as("rows Listrak refused: " + details).isZero();
        assertThat(details.get("updated").asLong()).isEqualTo(2);
    }

    @Test
    void importsARecordList(Sandbox sandbox, @TempDir Path work) throws Exception {
        SmsSeed seed = sandbox.api(ListrakSmsApi.class).seed();
        try (KameletCamel camel = camel(sandbox, work)) {
            JsonNode result = read(camel.request("direct:import", List.of(
                    Map.of("phoneNumber", "+1" + seed.phone(10), "store", "Harbor"),
                    Map.of("mobile", seed.phone(11), "points", "77")), Map.of()));
            assertThat(result.get("status").asText()).isEqualTo("Completed");
            assertThat(result.get("imports")).hasSize(1);
        }
        assertThat(control(sandbox, "/sandbox/listrak/sms/contacts/" + seed.phone(10)).get("segmentationFieldValues")
                .toString()).contains("Harbor");
    }

    @Test
    void refusesAnOversizedInputBeforeAnyRequestWhenSplittingIsOff(Sandbox sandbox, @TempDir Path work) throws Exception {
        SmsSeed seed = sandbox.api(ListrakSmsApi.class).seed();
        try (KameletCamel camel = camel(sandbox, work)) {
            Throwable error = failure(camel.send("direct:no-split", csv(seed, 2000), Map.of()));
            assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50000 bytes")
                    .hasMessageContaining("splitLargeFiles");
            // the sandbox account accepts 60,000-byte files: a 100,000-byte part is Listrak's ERROR_INVALID_PARAMETER
            Throwable refused = failure(camel.send("direct:too-big", csv(seed, 2000), Map.of()));
            assertThat(refused).isInstanceOf(VendorApiException.class);
            assertThat(((VendorApiException) refused).getVendorCode()).isEqualTo("ERROR_INVALID_PARAMETER");
            assertThat(((VendorApiException) refused).getStatus()).isEqualTo(400);
        }
        assertThat(sandbox.requests().entries(e -> "Contact_PostImportFileResource".equals(e.operationId())))
                .hasSize(1);
    }
}
