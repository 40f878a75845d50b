package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listrak contact imports end to end: Base64 file, mappings, states over time, rows applied, size limit. */
class ListrakSmsImportTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.withOption("listrak.import.stepMillis", 2000)
            .option("listrak.import.maxFileBytes", 20_000_000);

    private ListrakClient client;
    private String token;
    private SmsSeed seed;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        client = new ListrakClient(sandbox);
        token = client.token("sms");
        seed = sandbox.api(ListrakSmsApi.class).seed();
    }

    private static Map<String, Object> importBody(byte[] file, String qualifier) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fileName", "loyalty.csv");
        body.put("fileStream", Base64.getEncoder().encodeToString(file));
        body.put("importType", "UpdateSubscribers");
        body.put("hasColumnNames", true);
        body.put("textQualifier", qualifier);
        body.put("fileMappings", List.of(
                Map.of("fileColumnType", "Phone", "segmentationFieldId", 0, "fileColumn", 0),
                Map.of("fileColumnType", "SegmentationField", "segmentationFieldId", 301, "fileColumn", 1),
                Map.of("fileColumnType", "SegmentationField", "segmentationFieldId", 303, "fileColumn", 2, "defaultValue", "0")));
        return body;
    }

    private String phone(int k) {
        return seed.phone(seed.optOuts() + k);
    }

    private String field(String phone, int id) {
        for (JsonNode v : client.get("/sms/v1/ShortCode/1234/Contact/" + phone, token).json().get("data").get("segmentationFieldValues")) {
            if (v.get("segmentationFieldId").asInt() == id) {
                return v.get("value").asText();
            }
        }
        return null;
    }

    @Test
    void importMovesThroughStatesAndAppliesItsRows(Sandbox sandbox) throws InterruptedException {
        String csv = "Phone,Store,Points\n"
                + phone(0) + ",\"Harbor, North\",1200\n"
                + "+1 " + phone(1) + ",Harbor South,\n"
                + "9995550100,Nowhere,5\n"
                + "12ab,Broken,1\n";
        String before = field(phone(0), 301);
        ListrakClient.Answer started = client.call("POST", "/sms/v1/ShortCode/1234/ContactImport", token,
                importBody(csv.getBytes(StandardCharsets.UTF_8), "\""));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = started.json().get("resourceId").asText();

        List<String> states = new ArrayList<>();
        JsonNode status = null;
        for (int i = 0; i < 300 && !states.contains("Completed"); i++) {
            status = client.get("/sms/v1/ShortCode/1234/ContactImport/" + id, token).json().get("data");
            String state = status.get("status").asText();
            if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                states.add(state);
                if (!state.equals("Completed")) {
                    assertThat(field(phone(0), 301)).as("rows are not applied before completion").isEqualTo(before);
                }
            }
            Thread.sleep(100);
        }
        assertThat(states).containsExactly("Queued", "Processing", "Completed");
        assertThat(status.get("importFileId").asText()).isEqualTo(id);
        assertThat(status.get("fileName").asText()).isEqualTo("loyalty.csv");
        assertThat(status.get("startDate").isNull()).isFalse();
        assertThat(status.get("endDate").isNull()).isFalse();

        assertThat(field(phone(0), 301)).isEqualTo("Harbor, North");
        assertThat(field(phone(0), 303)).isEqualTo("1200");
        assertThat(field(phone(1), 303)).as("defaultValue fills an empty cell").isEqualTo("0");
        JsonNode details = client.get("/sandbox/listrak/sms/imports/" + id, null).json();
        assertThat(details.get("rows").asLong()).isEqualTo(4);
        assertThat(details.get("updated").asLong()).isEqualTo(2);
        assertThat(details.get("skipped").asLong()).isEqualTo(1);
        assertThat(details.get("failed").asLong()).isEqualTo(1);
        assertThat(sandbox.ledger().writes("listrak-sms", "contactImport", id)).isEqualTo(3);
        assertThat(sandbox.ledger().writes("listrak-sms", "contact", "1234:" + phone(0))).isEqualTo(1);
    }

    @Test
    void invalidImportRequestsNameTheField() {
        Map<String, Object> body = importBody("Phone\n2125550100\n".getBytes(StandardCharsets.UTF_8), "\"");
        body.put("fileMappings", List.of(Map.of("fileColumnType", "Phone", "segmentationFieldId", 7, "fileColumn", 0)));
        ListrakClient.Answer phoneId = client.call("POST", "/sms/v1/ShortCode/1234/ContactImport", token, body);
        assertThat(phoneId.status()).isEqualTo(400);
        assertThat(phoneId.json().get("message").asText()).contains("segmentationFieldId").contains("7");
        body.put("fileMappings", List.of(Map.of("fileColumnType", "Phone", "segmentationFieldId", 0, "fileColumn", 0)));
        body.put("importType", "AddSubscribers");
        ListrakClient.Answer type = client.call("POST", "/sms/v1/ShortCode/1234/ContactImport", token, body);
        assertThat(type.json().get("message").asText()).contains("importType").contains("AddSubscribers");
        body.put("importType", "UpdateSubscribers");
        body.put("textQualifier", "#");
        ListrakClient.Answer qualifier = client.call("POST", "/sms/v1/ShortCode/1234/ContactImport", token, body);
        assertThat(qualifier.json().get("error").asText()).isEqualTo("ERROR_INVALID_PARAMETER");
        assertThat(qualifier.json().get("message").asText()).contains("textQualifier");
        ListrakClient.Answer missing = client.get("/sms/v1/ShortCode/1234/ContactImport/99", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("ERROR_UNABLE_TO_LOCATE_RESOURCE");
    }

    @Test
    void aSpooledImportOverJacksonsStringLimitIsStreamDecoded() throws InterruptedException {
        // 16 MB decoded, 21 MB of Base64: spooled by the server (> 8 MB) and longer than one Jackson string may be.
        StringBuilder csv = new StringBuilder("Phone,Store,Points\n");
        csv.append(phone(9)).append(",Big Import Store,77\n");
        String padding = ",1," + "x".repeat(400) + "\n"; // an unmapped wide column keeps the row count small
        int n = 0;
        while (csv.length() < 16_000_000) {
            csv.append(3_000_000_000L + n++).append(padding);
        }
        ListrakClient.Answer started = client.call("POST", "/sms/v1/ShortCode/1234/ContactImport", token,
                importBody(csv.toString().getBytes(StandardCharsets.US_ASCII), ""));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = started.json().get("resourceId").asText();
        JsonNode details;
        int polls = 0;
        do {
            Thread.sleep(200);
            client.get("/sms/v1/ShortCode/1234/ContactImport/" + id, token);
            details = client.get("/sandbox/listrak/sms/imports/" + id, null).json();
        } while (!details.get("status").asText().equals("Completed") && polls++ < 200);
        assertThat(details.get("status").asText()).isEqualTo("Completed");
        assertThat(details.get("rows").asLong()).isEqualTo(n + 1);
        assertThat(details.get("updated").asLong()).isEqualTo(1);
        assertThat(field(phone(9), 301)).isEqualTo("Big Import Store");
    }

    @Test
    void anImportFileOverTheLimitIsRefused() {
        byte[] file = new byte[20_000_001];
        java.util.Arrays.fill(file, (byte) 'a');
        ListrakClient.Answer answer = client.call("POST", "/sms/v1/ShortCode/1234/ContactImport", token, importBody(file, ""));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("ERROR_INVALID_PARAMETER");
        assertThat(answer.json().get("message").asText()).contains("fileStream").contains("20000000");
    }
}
