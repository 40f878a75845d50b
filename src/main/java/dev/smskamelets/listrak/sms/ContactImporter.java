package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.http.RetryingCaller;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.http.VendorRequest;
import dev.smskamelets.core.phone.PhoneNormalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs a Listrak SMS contact import ({@code UpdateSubscribers}) from a CSV file or a list of contact records:
 * writes the import file(s) to disk with their column mappings ({@link ImportFileWriter}, at most
 * {@code maxFileBytes} each), sends each as {@code POST .../ContactImport} with the file Base64-encoded and streamed
 * into the JSON body ({@link Base64JsonBody}), polls {@code GET .../ContactImport/{id}} until it is no longer
 * queued or processing, and sets the body to the final statuses. Rows with unreadable phones are left out and
 * listed (row, field, value). All HTTP goes through the endpoint's {@link VendorClient}.
 */
public class ContactImporter implements Processor {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> RUNNING = Set.of("queued", "processing", "pending", "inprogress", "started");

    private VendorClient client;
    private String senderCodeId;
    private String phoneColumn = "phone";
    private Map<String, Integer> fields = new LinkedHashMap<>();
    private long maxFileBytes = 195_000_000L;
    private boolean splitLargeFiles = true;
    private char delimiter = ',';
    private String fileNamePrefix = "sms-kamelets-import";
    private long pollIntervalMillis = 2000;
    private long pollTimeoutMillis = 3_600_000;
    private String workDir = System.getProperty("java.io.tmpdir");
    private final PhoneNormalizer phones = new PhoneNormalizer();

    public ContactImporter() {
        phones.setTarget("listrak");
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String base = fileNamePrefix + "-" + System.currentTimeMillis();
        Path dir = Files.createTempDirectory(Path.of(workDir), "listrak-import-");
        ImportFileWriter writer = new ImportFileWriter(phoneColumn, fields, maxFileBytes, splitLargeFiles, phones);
        try {
            ImportFileWriter.Result written = writer.write(
                    ImportRows.of(exchange.getIn().getBody(), delimiter, phoneColumn), dir, base);
            RetryingCaller caller = client.caller(exchange.getContext());
            ArrayNode imports = MAPPER.createArrayNode();
            long rows = 0;
            for (ImportFileWriter.Part part : written.parts()) {
                ObjectNode status = run(caller, writer, part);
                status.put("rows", part.rows()).put("bytes", part.bytes());
                imports.add(status);
                rows += part.rows();
                Files.deleteIfExists(part.file());
            }
            ObjectNode result = MAPPER.createObjectNode();
            result.put("status", allCompleted(imports) ? "Completed" : "Failed");
            result.put("rows", rows).put("rejectedRows", written.rejectedCount());
            result.set("imports", imports);
            result.set("rejected", MAPPER.valueToTree(written.rejected()));
            exchange.getIn().setHeader(ListrakSmsHeaders.IMPORT_STATUS, result.get("status").asText());
            exchange.getIn().setBody(result.toString());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private ObjectNode run(RetryingCaller caller, ImportFileWriter writer, ImportFileWriter.Part part)
            throws IOException, InterruptedException {
        ObjectNode head = MAPPER.createObjectNode();
        head.put("fileName", part.file().getFileName().toString());
        head.put("importType", "UpdateSubscribers");
        head.put("hasColumnNames", true);
        head.put("textQualifier", "\"");
        head.set("fileMappings", MAPPER.valueToTree(writer.mappings()));
        String json = head.toString();
        String prefix = json.substring(0, json.length() - 1) + ",\"fileStream\":\"";
        String path = "/v1/ShortCode/" + senderCodeId + "/ContactImport";
        JsonNode created = caller.call("Contact_PostImportFileResource", new VendorRequest("POST", path, null,
                "application/json", null, new Base64JsonBody(prefix, part.file())), true).json();
        String id = created.path("resourceId").asText();
        long deadline = System.currentTimeMillis() + pollTimeoutMillis;
        while (true) {
            JsonNode answer = caller.call("Contact_GetImportFileResource", VendorRequest.get(path + "/" + id, null), true)
                    .json().path("data");
            String status = answer.path("status").asText("");
            if (!RUNNING.contains(status.toLowerCase())) {
                return (ObjectNode) answer;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Listrak import " + id + " (" + part.file().getFileName() + ") still '"
                        + status + "' after " + pollTimeoutMillis + " ms (pollTimeoutMillis)");
            }
            Thread.sleep(pollIntervalMillis);
        }
    }

    private static boolean allCompleted(ArrayNode imports) {
        for (JsonNode i : imports) {
            if (!"completed".equalsIgnoreCase(i.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    public void setClient(VendorClient client) {
        this.client = client;
    }

    public void setSenderCodeId(String senderCodeId) {
        this.senderCodeId = senderCodeId;
    }

    public void setPhoneColumn(String phoneColumn) {
        this.phoneColumn = phoneColumn;
    }

    /** Profile field columns: {@code column=segmentationFieldId} pairs, comma separated (empty = none). */
    public void setFieldColumns(String spec) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String pair : spec == null ? new String[0] : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || !kv[1].trim().matches("\\d+") || kv[0].isBlank()) {
                throw new IllegalArgumentException("fieldColumns entry '" + pair.trim()
                        + "' must be column=segmentationFieldId, e.g. favorite_store=301");
            }
            parsed.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
        }
        this.fields = parsed;
    }

    public void setMaxFileBytes(long maxFileBytes) {
        if (maxFileBytes < 1 || maxFileBytes > 195_000_000L) {
            throw new IllegalArgumentException("maxFileBytes must be 1..195000000 (Listrak's import file limit), got "
                    + maxFileBytes);
        }
        this.maxFileBytes = maxFileBytes;
    }

    public void setSplitLargeFiles(boolean splitLargeFiles) {
        this.splitLargeFiles = splitLargeFiles;
    }

    public void setCsvDelimiter(String delimiter) {
        if (delimiter == null || delimiter.length() != 1) {
            throw new IllegalArgumentException("csvDelimiter must be one character, got '" + delimiter + "'");
        }
        this.delimiter = delimiter.charAt(0);
    }

    public void setFileNamePrefix(String fileNamePrefix) {
        this.fileNamePrefix = fileNamePrefix;
    }

    public void setPollIntervalMillis(long pollIntervalMillis) {
        this.pollIntervalMillis = pollIntervalMillis;
    }

    public void setPollTimeoutMillis(long pollTimeoutMillis) {
        this.pollTimeoutMillis = pollTimeoutMillis;
    }

    public void setWorkDir(String workDir) {
        this.workDir = workDir == null || workDir.isBlank() ? System.getProperty("java.io.tmpdir") : workDir;
    }

    public void setDefaultRegion(String region) {
        phones.setDefaultRegion(region);
    }
}
