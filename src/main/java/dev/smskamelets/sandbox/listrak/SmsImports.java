package dev.smskamelets.sandbox.listrak;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Listrak contact imports ({@code UpdateSubscribers}): a started import is {@code Queued}, then
 * {@code Processing} after {@code listrak.import.stepMillis}, then its rows are applied (profile values of
 * existing contacts; unknown phones skipped, bad rows counted) and it is {@code Completed} after twice that.
 * State moves forward whenever any Listrak SMS request arrives, so every reader sees a consistent picture.
 */
final class SmsImports {

    /** One column mapping of the import. */
    record Mapping(String type, int segmentationFieldId, int fileColumn, String defaultValue) {
    }

    /** An import and its progress. */
    static final class Job {
        final int id;
        final int senderCodeId;
        final String fileName;
        final Path file;
        final boolean hasColumnNames;
        final String textQualifier;
        final List<Mapping> mappings;
        final long createdMillis;
        final String requestId;
        String status = "Queued";
        Instant startDate;
        Instant endDate;
        long rows;
        long updated;
        long skipped;
        long failed;
        final List<String> errors = new ArrayList<>();

        Job(int id, int senderCodeId, String fileName, Path file, boolean hasColumnNames, String textQualifier,
            List<Mapping> mappings, String requestId) {
            this.id = id;
            this.senderCodeId = senderCodeId;
            this.fileName = fileName;
            this.file = file;
            this.hasColumnNames = hasColumnNames;
            this.textQualifier = textQualifier;
            this.mappings = mappings;
            this.createdMillis = System.currentTimeMillis();
            this.requestId = requestId;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("importFileId", id);
            m.put("smsSenderCodeId", senderCodeId);
            m.put("fileName", fileName);
            m.put("startDate", ListrakDates.format(startDate));
            m.put("endDate", ListrakDates.format(endDate));
            m.put("status", status);
            return m;
        }

        Map<String, Object> details() {
            Map<String, Object> m = json();
            m.put("rows", rows);
            m.put("updated", updated);
            m.put("skipped", skipped);
            m.put("failed", failed);
            m.put("errors", errors);
            return m;
        }
    }

    private static final String OPERATION = "Contact_PostImportFileResource";

    private final SmsState state;
    private final long stepMillis;
    final long maxFileBytes;
    private final Map<Integer, Job> jobs = new TreeMap<>();
    private int nextId = 41_001;

    SmsImports(SmsState state, long stepMillis, long maxFileBytes) {
        this.state = state;
        this.stepMillis = stepMillis;
        this.maxFileBytes = maxFileBytes;
    }

    Job start(int senderCodeId, String fileName, Path file, boolean hasColumnNames, String textQualifier,
              List<Mapping> mappings, String requestId) {
        Job job = new Job(nextId++, senderCodeId, fileName, file, hasColumnNames, textQualifier, mappings, requestId);
        jobs.put(job.id, job);
        state.ledger.record(SmsState.API, OPERATION, "contactImport", Integer.toString(job.id), "queued", requestId);
        return job;
    }

    /** Any import by id, whatever its sender code (control endpoint). */
    Job job(int id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw ListrakError.notFound("ERROR_UNABLE_TO_LOCATE_RESOURCE", "importFileId " + id + " does not exist.");
        }
        return job;
    }

    Job job(int senderCodeId, int id) {
        Job job = jobs.get(id);
        if (job == null || job.senderCodeId != senderCodeId) {
            throw ListrakError.notFound("ERROR_UNABLE_TO_LOCATE_RESOURCE",
                    "importFileId " + id + " does not exist on sender code " + senderCodeId + ".");
        }
        return job;
    }

    /** Moves every import forward to where it should be by now. */
    void advance() {
        long now = System.currentTimeMillis();
        for (Job job : jobs.values()) {
            if (job.status.equals("Queued") && now >= job.createdMillis + stepMillis) {
                job.status = "Processing";
                job.startDate = Instant.now();
                state.ledger.record(SmsState.API, OPERATION, "contactImport", Integer.toString(job.id), "processing", job.requestId);
            }
            if (job.status.equals("Processing") && now >= job.createdMillis + 2 * stepMillis) {
                new ImportApplier(state, job).apply();
                job.endDate = Instant.now();
                state.ledger.record(SmsState.API, OPERATION, "contactImport", Integer.toString(job.id),
                        job.status.toLowerCase(), job.requestId);
            }
        }
    }
}
