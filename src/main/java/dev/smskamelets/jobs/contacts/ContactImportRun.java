package dev.smskamelets.jobs.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.csv.CountingFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of one CSV file's import (an exchange property of the file's exchange): the counting input, the
 * reject file, the Listrak staging file, the numbers that must not be written (opted out or suppressed), and the
 * counts that end up in the JSON report and the one-line summary. Used by one thread at a time (the file's route).
 */
public final class ContactImportRun {

    static final int MAX_LISTED = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path path;
    final String file;
    final String name;
    final String sha256;
    Path reportDir;
    final Instant started = Instant.now();
    final Set<String> doNotContact = new HashSet<>();
    final Map<String, Long> counts = new TreeMap<>();
    final List<Long> optedOutRows = new ArrayList<>();
    /** Rows whose number an earlier row of the file already had (the first row of a number is the one written). */
    final List<Long> duplicateRows = new ArrayList<>();
    /** Every number taken from this file so far: one write per distinct number per target. */
    final PhoneSet seen = new PhoneSet();
    CountingFile input;
    dev.smskamelets.core.csv.CsvRows.Rows rows;
    BufferedWriter rejects;
    BufferedWriter listrak;
    long listrakRows;
    long lastProgressNanos = System.nanoTime();
    ObjectNode listrakResult;

    ContactImportRun(Path path, String name, String sha256, Path reportDir) {
        this.path = path;
        this.file = path.getFileName().toString();
        this.name = name;
        this.sha256 = sha256;
        this.reportDir = reportDir;
    }

    public String getName() {
        return name;
    }

    public String getSha256() {
        return sha256;
    }

    void add(String outcome, long n) {
        if (n > 0) {
            counts.merge(outcome, n, Long::sum);
        }
    }

    long count(String outcome) {
        return counts.getOrDefault(outcome, 0L);
    }

    Path rejectFile() {
        return reportDir.resolve(name + ".rejects.csv");
    }

    Path reportFile() {
        return reportDir.resolve(name + ".report.json");
    }

    Path listrakFile() {
        return reportDir.resolve("." + name + ".listrak.csv");
    }

    /** One line: what was read, refused, skipped and applied where, and how fast. */
    String summary(String status) {
        Duration took = Duration.between(started, Instant.now());
        StringBuilder s = new StringBuilder("contact import ").append(file).append(' ').append(status).append(": ")
                .append(count("read")).append(" rows, ").append(count("rejected")).append(" rejected, ")
                .append(count("skipped.opted-out")).append(" opted out (not written)");
        counts.forEach((outcome, n) -> {
            if (!outcome.equals("read") && !outcome.equals("rejected") && !outcome.equals("skipped.opted-out")) {
                s.append(", ").append(outcome).append(' ').append(n);
            }
        });
        double seconds = Math.max(0.001, took.toMillis() / 1000.0);
        return s.append(String.format(" in %.1f s (%.0f rows/s)", seconds, count("read") / seconds)).toString();
    }

    /** Writes {@code <name>.report.json} next to the moved file and returns the summary line. */
    String writeReport(String status, String detail) throws IOException {
        close();
        Files.deleteIfExists(listrakFile());
        String summary = summary(status);
        ObjectNode report = JSON.createObjectNode();
        report.put("file", file).put("sha256", sha256).put("status", status);
        if (detail != null) {
            report.put("detail", detail);
        }
        report.put("started", started.toString()).put("finished", Instant.now().toString());
        report.put("rows", count("read")).put("rejected", count("rejected"))
                .put("optedOut", count("skipped.opted-out"));
        report.set("counts", JSON.valueToTree(counts));
        report.set("optedOutRows", JSON.valueToTree(optedOutRows));
        report.put("duplicates", count("duplicate"));
        report.set("duplicateRows", JSON.valueToTree(duplicateRows));
        if (listrakResult != null) {
            report.set("listrak", listrakResult);
        }
        report.put("rejectFile", Files.exists(rejectFile()) ? rejectFile().getFileName().toString() : null);
        report.put("summary", summary);
        Files.createDirectories(reportDir);
        Files.writeString(reportFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return summary;
    }

    void close() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {rows, input, rejects, listrak}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        rows = null;
        input = null;
        rejects = null;
        listrak = null;
    }
}
