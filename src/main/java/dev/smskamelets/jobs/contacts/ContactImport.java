package dev.smskamelets.jobs.contacts;

import dev.smskamelets.core.csv.CountingFile;
import dev.smskamelets.core.csv.CsvLine;
import dev.smskamelets.core.csv.CsvRows;
import dev.smskamelets.core.job.JobRuns;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.GroupIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code routes/contact-import.yaml} that Camel has no EIP for: open a dropped CSV as a counted
 * stream of rows, map and validate a batch of rows ({@link ContactRowMapper}; refused rows appended to the reject
 * file, opted-out numbers left out), count outcomes (the file's report and the job's {@link JobRuns}), log progress
 * (percent of the file, rows/s) and write the JSON report. The file's state is the exchange property {@value #RUN}.
 */
public class ContactImport {

    public static final String RUN = "contactImportRun";
    private static final Logger LOG = LoggerFactory.getLogger(ContactImport.class);

    private ContactRowMapper mapper = new ContactRowMapper();
    private JobRuns jobRuns;
    private char delimiter = ',';
    private long progressEveryNanos = 10_000_000_000L;

    /** Starts the import of the exchange's file: its checksum and report name; the body stays the file. */
    public ContactImportRun begin(Exchange exchange, String name, String doneDir) throws IOException {
        Path file = exchange.getIn().getBody(File.class).toPath();
        ContactImportRun run = new ContactImportRun(file, name, CountingFile.sha256(file), Path.of(doneDir));
        exchange.setProperty(RUN, run);
        return run;
    }

    /**
     * Opens the file's rows and checks its header before anything is read from or written to a vendor: a header
     * without the mapping's phone column fails the file (it goes to {@code error/} with the column named).
     */
    public void open(Exchange exchange) throws IOException {
        ContactImportRun run = run(exchange);
        run.input = new CountingFile(run.path);
        CsvRows csv = new CsvRows();
        csv.setDelimiter(delimiter);
        run.rows = csv.read(run.input);
        mapper.checkHeader(run.rows.header());
    }

    /**
     * The file's rows in batches of {@code size} (lists of row maps), read lazily: the streaming split's body. A new
     * Camel {@link GroupIterator} per file (the simple language's {@code ${collate(n)}} re-wraps its expression on
     * every evaluation in Camel 4.18, so only the first file after a start got flat batches).
     */
    public Iterator<Object> batches(Exchange exchange, int size) throws IOException {
        ContactImportRun run = run(exchange);
        if (run.rows == null) {
            open(exchange);
        }
        return new GroupIterator(run.rows, size);
    }

    /** A batch of raw rows → the valid contacts to write; refused rows go to the reject file, opt-outs are left out. */
    public List<Map<String, Object>> mapBatch(Exchange exchange, List<Map<String, String>> rows) throws IOException {
        ContactImportRun run = run(exchange);
        List<Map<String, Object>> valid = new ArrayList<>(rows.size());
        long rejected = 0;
        long optedOut = 0;
        long duplicates = 0;
        for (Map<String, String> row : rows) {
            try {
                Map<String, Object> contact = mapper.map(row);
                String phone = (String) contact.get("phone");
                if (run.doNotContact.contains(phone)) {
                    optedOut++;
                    if (run.optedOutRows.size() < ContactImportRun.MAX_LISTED) {
                        run.optedOutRows.add(Long.parseLong(contact.get("row").toString()));
                    }
                } else if (!run.seen.add(phone)) { // the first valid row of a number wins
                    duplicates++;
                    if (run.duplicateRows.size() < ContactImportRun.MAX_LISTED) {
                        run.duplicateRows.add(Long.parseLong(contact.get("row").toString()));
                    }
                } else {
                    valid.add(contact);
                }
            } catch (ContactRowMapper.RejectedRowException e) {
                reject(run, e);
                rejected++;
            }
        }
        count(exchange, "read", rows.size());
        count(exchange, "rejected", rejected);
        count(exchange, "skipped.opted-out", optedOut);
        count(exchange, "duplicate", duplicates);
        progress(run);
        return valid;
    }

    private void reject(ContactImportRun run, ContactRowMapper.RejectedRowException e) throws IOException {
        String reason = e.reason().replaceFirst(" \\(row \\d+\\)$", "");
        rejectRow(run, e.row(), e.line(), e.field(), e.value() == null ? "" : String.valueOf(e.value()), reason);
    }

    /** Appends a line to the file's reject file: CSV record number, physical line, column, value, reason. */
    static void rejectRow(ContactImportRun run, String row, String line, String column, String value, String reason)
            throws IOException {
        if (run.rejects == null) {
            Files.createDirectories(run.reportDir);
            run.rejects = Files.newBufferedWriter(run.rejectFile(), StandardCharsets.UTF_8);
            run.rejects.write("row,line,column,value,reason\n");
        }
        run.rejects.write(CsvLine.of(row, line, column, value, reason));
    }

    private void progress(ContactImportRun run) {
        long now = System.nanoTime();
        if (now - run.lastProgressNanos >= progressEveryNanos && run.input != null) {
            run.lastProgressNanos = now;
            double seconds = Math.max(0.001, java.time.Duration.between(run.started, java.time.Instant.now()).toMillis() / 1000.0);
            LOG.info("contact import {}: {}% read, {} rows ({} rows/s), {} rejected, {} opted out", run.file,
                    String.format("%.1f", run.input.percent()), run.count("read"),
                    String.format("%.0f", run.count("read") / seconds), run.count("rejected"), run.count("skipped.opted-out"));
        }
    }

    /** Counts {@code n} records with one outcome, in the file's report and in the job's run. */
    public void count(Exchange exchange, String outcome, long n) {
        ContactImportRun run = exchange.getProperty(RUN, ContactImportRun.class);
        if (run != null) { // the sync counts in its job only
            run.add(outcome, n);
        }
        if (jobRuns != null) {
            for (long i = 0; i < n; i++) {
                exchange.removeProperty(JobRuns.NOTES); // per-record notes make no sense for a batch
                jobRuns.count(exchange, outcome);
            }
            exchange.removeProperty(JobRuns.NOTES);
        }
    }

    /** Ends the file: writes its report ({@code imported}, {@code duplicate} or {@code failed}); returns the summary. */
    public String finish(Exchange exchange, String status, String reportDir, String detail) throws IOException {
        ContactImportRun run = run(exchange);
        run.close();
        if (!Path.of(reportDir).equals(run.reportDir) && Files.exists(run.rejectFile())) {
            Files.createDirectories(Path.of(reportDir));
            Files.move(run.rejectFile(), Path.of(reportDir).resolve(run.rejectFile().getFileName()));
        }
        Files.deleteIfExists(run.listrakFile());
        run.reportDir = Path.of(reportDir);
        return run.writeReport(status, detail);
    }

    /** Copies the demo's sample file into the inbox (write, then rename: the inbox never sees half a file). */
    public void dropSample(String sample, String inbox) throws IOException {
        Path from = Path.of(sample);
        if (!Files.isRegularFile(from)) {
            LOG.info("No contact import sample at {}: nothing dropped into {}", from.toAbsolutePath(), inbox);
            return;
        }
        Path dir = Files.createDirectories(Path.of(inbox));
        Path part = dir.resolve(".part-" + from.getFileName());
        Files.copy(from, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, dir.resolve(from.getFileName()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Contact import sample {} dropped into {}", from, inbox);
    }

    /** Fails the exchange again with the exception a doCatch caught (after the failure report was written). */
    public void rethrow(Exchange exchange) throws Exception {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw e != null ? e : new IllegalStateException("contact import failed");
    }

    static ContactImportRun run(Exchange exchange) {
        ContactImportRun run = exchange.getProperty(RUN, ContactImportRun.class);
        if (run == null) {
            throw new IllegalStateException("No contact import in progress on this exchange (property " + RUN + ")");
        }
        return run;
    }

    public void setMapping(String mapping) {
        mapper.setMapping(mapping);
    }

    public void setDefaultRegion(String region) {
        mapper.setDefaultRegion(region);
    }

    public void setJobRuns(JobRuns jobRuns) {
        this.jobRuns = jobRuns;
    }

    public void setDelimiter(String delimiter) {
        if (delimiter == null || delimiter.length() != 1) {
            throw new IllegalArgumentException("contacts delimiter must be one character, got '" + delimiter + "'");
        }
        this.delimiter = delimiter.charAt(0);
    }

    /** ISO-8601 or Camel duration between two progress lines of a file. */
    public void setProgressEvery(String every) {
        this.progressEveryNanos = dev.smskamelets.core.job.JobDurations.parse(every).toNanos();
    }
}
