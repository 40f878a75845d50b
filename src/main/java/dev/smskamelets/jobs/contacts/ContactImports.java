package dev.smskamelets.jobs.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.csv.CsvRows;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import io.micrometer.core.instrument.Metrics;
import org.apache.camel.Exchange;

/**
 * The per-file bookkeeping of the CSV drop-folder import ({@code routes/contact-import.yaml}): the file's SHA-256
 * (the idempotent key: the same file dropped twice is imported once), the rows read as chunks of mapped, validated
 * contacts (rejected rows go to {@code <file>.rejects.csv}: row, column, value, reason), the valid rows spooled to a
 * CSV for the Listrak import, numbers on the opt-out job's suppression list skipped, and at the end a JSON report and
 * a one-line summary. State lives in the exchange
 * property {@value #RUN}, so files are independent.
 */
public class ContactImports {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContactImports.class);

    public static final String RUN = "contactImportRun";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContactRowMapper mapper = new ContactRowMapper();
    private org.apache.camel.spi.IdempotentRepository suppressions;
    private int chunkSize = 100;
    private Duration progressEvery = Duration.ofSeconds(10);
    private String reportDir = "data/contacts/done";

    /**
     * Opens a run for the file in the body: its checksum (exchange property {@code contactImportKey}) and its name in
     * {@code done/} and {@code error/} ({@code contactImportName}: time of the drop + file name, so a file dropped
     * again never overwrites the earlier one or its report).
     */
    public void begin(Exchange exchange) throws Exception {
        File file = exchange.getIn().getBody(File.class);
        Files.createDirectories(Path.of(reportDir));
        String name = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
                .format(java.time.LocalDateTime.now()) + "-" + file.getName();
        Run run = new Run(file, name, sha256(file), Path.of(reportDir));
        exchange.setProperty(RUN, run);
        exchange.setProperty("contactImportName", name);
        exchange.setProperty("contactImportKey", "contacts-import:sha256:" + run.sha256);
    }

    /** After a failure: {@code <name>.error.txt} with the reason, next to where the file is moved. */
    public void failed(Exchange exchange) throws IOException {
        Run run = exchange.getProperty(RUN, Run.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String name = run != null ? run.name : exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path dir = Path.of(reportDir).resolveSibling("error");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".error.txt"), (cause == null ? "unknown failure"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage()) + "\n");
        if (run != null) {
            run.closeSpool();
            run.closeRejects();
        }
    }

    /** The valid contacts of the file, {@code chunkSize} at a time, read lazily; rejects are written as they come. */
    public Iterator<List<Map<String, Object>>> chunks(Exchange exchange) throws IOException {
        Run run = run(exchange);
        CsvRows.Rows rows = new CsvRows().read(run.file);
        return new Iterator<>() {
            List<Map<String, Object>> next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = fill(rows, run);
                }
                return !next.isEmpty();
            }

            @Override
            public List<Map<String, Object>> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Map<String, Object>> chunk = next;
                next = null;
                return chunk;
            }
        };
    }

    private List<Map<String, Object>> fill(CsvRows.Rows rows, Run run) {
        List<Map<String, Object>> chunk = new ArrayList<>(chunkSize);
        while (chunk.size() < chunkSize && rows.hasNext()) {
            run.read++;
            try {
                Map<String, Object> contact = mapper.map(rows.next());
                if (suppressions != null && suppressions.contains("suppressed:" + contact.get("phone"))) {
                    run.optedOut++; // opted out somewhere: written nowhere
                    continue;
                }
                chunk.add(contact);
                run.spool(contact);
            } catch (ContactRowMapper.RejectedRowException e) {
                run.reject(e);
            }
        }
        run.valid += chunk.size();
        run.progress(rows.position(), progressEvery);
        return chunk;
    }

    /** Text Request bulk-update items of a chunk. */
    public List<Map<String, Object>> textRequestItems(List<Map<String, Object>> chunk) {
        List<Map<String, Object>> items = new ArrayList<>(chunk.size());
        for (Map<String, Object> c : chunk) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("phone_number", c.get("phone").toString().substring(1));
            putIfPresent(item, "first_name", c.get("firstName"));
            putIfPresent(item, "last_name", c.get("lastName"));
            items.add(item);
        }
        return items;
    }

    /** Textable batch entries of a chunk (never {@code optedOut}: an opted-out contact stays opted out). */
    public List<Map<String, Object>> textableEntries(List<Map<String, Object>> chunk) {
        List<Map<String, Object>> entries = new ArrayList<>(chunk.size());
        for (Map<String, Object> c : chunk) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("phoneNumber", c.get("phone"));
            String name = (c.getOrDefault("firstName", "") + " " + c.getOrDefault("lastName", "")).strip();
            putIfPresent(entry, "fullName", name.isEmpty() ? null : name);
            putIfPresent(entry, "email", c.get("email"));
            entries.add(entry);
        }
        return entries;
    }

    /** The spooled CSV of valid rows (phone + Listrak profile fields) for the Listrak import sink; null when none. */
    public File listrakFile(Exchange exchange) throws IOException {
        Run run = run(exchange);
        return run.valid == 0 ? null : run.closeSpool();
    }

    /** Counts one target outcome of a chunk ({@code applied.textrequest}, ...). */
    public void count(Exchange exchange, String outcome, int n) {
        run(exchange).outcomes.merge(outcome, (long) n, Long::sum);
    }

    /** Writes {@code <file>.report.json} and returns the one-line summary. */
    public String finish(Exchange exchange, String status) throws IOException {
        Run run = run(exchange);
        run.closeSpool();
        run.closeRejects();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", run.file.getName());
        report.put("sha256", run.sha256);
        report.put("status", status);
        report.put("rows", run.read);
        report.put("valid", run.valid);
        report.put("rejected", run.rejected);
        report.put("optedOut", run.optedOut);
        report.put("targets", run.outcomes);
        report.put("rejectFile", run.rejected == 0 ? null : run.rejectFile.getFileName().toString());
        report.put("started", run.started.toString());
        report.put("seconds", Duration.between(run.started, Instant.now()).toMillis() / 1000.0);
        JSON.writerWithDefaultPrettyPrinter().writeValue(run.dir.resolve(run.name + ".report.json").toFile(), report);
        io.micrometer.core.instrument.MeterRegistry meters = exchange.getContext().getRegistry()
                .findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
        if (meters == null) {
            meters = Metrics.globalRegistry;
        }
        meters.counter("sms.import.rows", "outcome", "valid").increment(run.valid);
        meters.counter("sms.import.rows", "outcome", "rejected").increment(run.rejected);
        meters.counter("sms.import.rows", "outcome", "opted-out").increment(run.optedOut);
        meters.counter("sms.import.files", "status", status.startsWith("already") ? "duplicate" : status).increment();
        String summary = "%s: %s, %d rows, %d valid, %d rejected (%s), %d opted out (skipped), written %s, in %.1f s"
                .formatted(run.name, status, run.read, run.valid, run.rejected, run.rejected == 0 ? "no reject file" : run.rejectFile.getFileName(),
                run.optedOut, run.outcomes, report.get("seconds"));
        Files.writeString(run.dir.resolve(run.name + ".summary.txt"), summary + "\n");
        return summary;
    }

    private static Run run(Exchange exchange) {
        Run run = exchange.getProperty(RUN, Run.class);
        if (run == null) {
            throw new IllegalStateException("no contact import run on this exchange (call begin first)");
        }
        return run;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            map.put(key, value);
        }
    }

    static String sha256(File file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file.toPath())) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public void setMapping(String mapping) {
        mapper.setMapping(mapping);
    }

    public void setDefaultRegion(String region) {
        mapper.setDefaultRegion(region);
    }

    /**
     * The suppression list: numbers the opt-out job saw opted out anywhere are stored as {@code suppressed:<E.164>};
     * such a row is counted as opted out and written to no vendor.
     */
    public void setSuppressions(org.apache.camel.spi.IdempotentRepository repository) {
        this.suppressions = repository;
    }

    /** Interval of the progress line of a long file (ISO-8601 or Camel duration). */
    public void setProgressEvery(String every) {
        this.progressEvery = dev.smskamelets.core.job.JobDurations.parse(every);
    }

    public void setChunkSize(int size) {
        this.chunkSize = size;
    }

    public void setReportDir(String dir) {
        this.reportDir = dir;
    }

    /** One file's import. */
    static final class Run {
        final File file;
        final String name;
        final String sha256;
        final Path dir;
        final Path rejectFile;
        BufferedWriter rejects;
        final Path spoolFile;
        BufferedWriter spool;
        List<String> profileColumns;
        final Instant started = Instant.now();
        final Map<String, Long> outcomes = new LinkedHashMap<>();
        long read;
        long valid;
        long rejected;
        long optedOut;
        long lastProgress = System.nanoTime();

        /** Every {@code every}: one line with the share of the file read, rows and rows/s. */
        void progress(long position, Duration every) {
            long now = System.nanoTime();
            if (now - lastProgress < every.toNanos()) {
                return;
            }
            lastProgress = now;
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            long size = Math.max(1, file.length());
            LOG.info("contact import {}: {}% ({} rows, {} valid, {} rejected, {} rows/s)", name,
                    Math.min(100, position * 100 / size), read, valid, rejected, Math.round(read / Math.max(0.001, seconds)));
        }

        Run(File file, String name, String sha256, Path dir) throws IOException {
            this.file = file;
            this.name = name;
            this.sha256 = sha256;
            this.dir = dir;
            this.rejectFile = dir.resolve(name + ".rejects.csv");
            this.spoolFile = Files.createTempFile("contact-import-", ".csv");
        }

        void closeRejects() throws IOException {
            if (rejects != null) {
                rejects.close();
                rejects = null;
            }
            Files.deleteIfExists(spoolFile);
        }

        void reject(ContactRowMapper.RejectedRowException e) {
            rejected++;
            try {
                if (rejects == null) {
                    rejects = Files.newBufferedWriter(rejectFile, StandardCharsets.UTF_8);
                    rejects.write("row,column,value,reason\n");
                }
                rejects.write(e.row() + "," + csv(e.field()) + "," + csv(e.value()) + "," + csv(e.reason()) + "\n");
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        }

        void spool(Map<String, Object> contact) {
            try {
                if (spool == null) {
                    spool = Files.newBufferedWriter(spoolFile, StandardCharsets.UTF_8);
                    profileColumns = contact.keySet().stream().filter(k -> k.startsWith("listrak.profile.")).toList();
                    spool.write("phone" + (profileColumns.isEmpty() ? "" : "," + String.join(",", profileColumns)) + "\n");
                }
                StringBuilder line = new StringBuilder(contact.get("phone").toString());
                for (String column : profileColumns) {
                    line.append(',').append(csv(String.valueOf(contact.getOrDefault(column, ""))));
                }
                spool.write(line.append('\n').toString());
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        }

        File closeSpool() throws IOException {
            if (spool != null) {
                spool.close();
                spool = null;
            }
            return spoolFile.toFile();
        }

        static String csv(String value) {
            if (value == null) {
                return "";
            }
            return value.contains(",") || value.contains("\"") || value.contains("\n")
                    ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
        }
    }
}
