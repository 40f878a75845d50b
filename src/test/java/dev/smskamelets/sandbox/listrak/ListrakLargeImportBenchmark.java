package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not in the suite): a Listrak contact import of a 190,000,000-byte file (about 253 MB of JSON with
 * Base64) into a sandbox JVM capped at {@code -Xmx64m}: it can only succeed if the body is spooled and the
 * {@code fileStream} decoded as a stream. Reports the time to accept and to complete, and the sandbox heap. Run with
 * {@code mvn -o test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=ListrakLargeImportBenchmark}.
 */
@Tag("benchmark")
class ListrakLargeImportBenchmark {

    private static final long FILE_BYTES = 190_000_000L;

    @Test
    void importA190MegabyteFileIntoA64MegabyteSandbox() throws Exception {
        Path body = Files.createTempFile("listrak-import-body-", ".json");
        try (SandboxProcess sandbox = new SandboxProcess("64m", "listrak.import.stepMillis=200")) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            JsonNode info = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl + "/sandbox/info"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            String phone = info.path("apis").path("listrak-sms").path("seed").path("sampleSubscribedPhone").asText();
            long rows = writeBody(body, phone);
            String token = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl + "/OAuth2/Token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sandbox-sms-client"
                            + "&client_secret=sandbox-sms-secret")).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).get("access_token").asText();

            long started = System.nanoTime();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl + "/sms/v1/ShortCode/1234/ContactImport"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(body)).build(), HttpResponse.BodyHandlers.ofString());
            double acceptSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
            String id = Json.MAPPER.readTree(accepted.body()).get("resourceId").asText();
            JsonNode details;
            do {
                Thread.sleep(500);
                details = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl
                        + "/sandbox/listrak/sms/imports/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body());
            } while (!details.get("status").asText().matches("Completed|Failed"));
            double completeSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(details.get("status").asText()).isEqualTo("Completed");
            assertThat(details.get("rows").asLong()).isEqualTo(rows);
            assertThat(details.get("updated").asLong()).isEqualTo(1);

            SandboxProcess.Heap heap = sandbox.heap();
            String report = String.format("Listrak contact import benchmark: %,d-byte file (%,d rows), %,d-byte JSON body,"
                            + " sandbox JVM -Xmx64m%n  accepted (201) after %.1f s, completed after %.1f s%n"
                            + "  sandbox peak heap (largest occupancy before a GC, %d GCs): %d MB;"
                            + " live heap after a full GC at the end: %d MB%n",
                    FILE_BYTES, rows, Files.size(body), acceptSeconds, completeSeconds, heap.gcs(), heap.peakMb(), heap.liveMb());
            System.out.print(report);
            Files.writeString(Path.of("target", "benchmark-listrak-import.txt"), report);
        } finally {
            Files.deleteIfExists(body);
        }
    }

    /** Writes the JSON body with the file Base64-encoded on the fly; returns the number of data rows. */
    private static long writeBody(Path target, String knownPhone) throws Exception {
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            out.write(("{\"fileName\":\"big.csv\",\"importType\":\"UpdateSubscribers\",\"hasColumnNames\":true,"
                    + "\"textQualifier\":\"\",\"fileMappings\":[{\"fileColumnType\":\"Phone\",\"segmentationFieldId\":0,"
                    + "\"fileColumn\":0},{\"fileColumnType\":\"SegmentationField\",\"segmentationFieldId\":301,"
                    + "\"fileColumn\":1}],\"fileStream\":\"").getBytes(StandardCharsets.US_ASCII));
            long written = 0;
            try (OutputStream base64 = Base64.getEncoder().wrap(new NonClosing(out))) {
                byte[] header = "Phone,Store,Filler\n".getBytes(StandardCharsets.US_ASCII);
                base64.write(header);
                written += header.length;
                byte[] first = (knownPhone + ",Bulk Store," + "y".repeat(300) + "\n").getBytes(StandardCharsets.US_ASCII);
                base64.write(first);
                written += first.length;
                rows++;
                String filler = ",Filler," + "x".repeat(370) + "\n";
                for (long p = 3_000_000_000L; written < FILE_BYTES - 400; p++) {
                    byte[] row = (p + filler).getBytes(StandardCharsets.US_ASCII);
                    base64.write(row);
                    written += row.length;
                    rows++;
                }
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        }
        return rows;
    }

    /** Lets the Base64 wrapper close (flushing its last bytes) without closing the file. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
