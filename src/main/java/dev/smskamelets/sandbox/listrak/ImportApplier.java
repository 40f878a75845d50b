package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Objects;

/** Applies the rows of one finished contact import to the contacts of its sender code, then deletes the file. */
final class ImportApplier {

    private static final String OPERATION = "Contact_PostImportFileResource";

    private final SmsState state;
    private final SmsImports.Job job;

    ImportApplier(SmsState state, SmsImports.Job job) {
        this.state = state;
        this.job = job;
    }

    void apply() {
        SmsImports.Mapping phoneColumn = job.mappings.stream().filter(m -> m.type().equals("Phone")).findFirst().orElseThrow();
        try (MappingIterator<String[]> rows = rows()) {
            boolean header = job.hasColumnNames;
            while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                if (header) {
                    header = false;
                    continue;
                }
                if (row.length == 0 || (row.length == 1 && row[0].isBlank())) {
                    continue;
                }
                job.rows++;
                applyRow(row, phoneColumn);
            }
            job.status = "Completed";
        } catch (IOException | RuntimeException e) {
            job.status = "Failed";
            error("file could not be read as delimited text: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(job.file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void applyRow(String[] row, SmsImports.Mapping phoneColumn) {
        String phone;
        try {
            phone = ListrakPhones.normalize("row " + job.rows + " phone", cell(row, phoneColumn));
        } catch (ListrakError e) {
            job.failed++;
            error(e.getMessage());
            return;
        }
        SmsContact contact = state.contacts.find(job.senderCodeId, phone);
        if (contact == null) {
            job.skipped++;
            return;
        }
        try {
            boolean changed = false;
            for (SmsImports.Mapping m : job.mappings) {
                if (!m.type().equals("SegmentationField")) {
                    continue;
                }
                String value = cell(row, m);
                state.catalog.writableField(m.segmentationFieldId(), value);
                if (value != null && !Objects.equals(contact.fields.get(m.segmentationFieldId()), value)) {
                    if (!changed) {
                        contact = state.contacts.forUpdate(job.senderCodeId, phone);
                        changed = true;
                    }
                    contact.fields.put(m.segmentationFieldId(), value);
                }
            }
            if (changed) {
                job.updated++;
                state.record(OPERATION, contact, "profile fields from import " + job.id, job.requestId);
            }
        } catch (ListrakError e) {
            job.failed++;
            error("row " + job.rows + ": " + e.getMessage());
        }
    }

    /** The delimited rows of the file, streamed, with the delimiter (comma, tab or pipe) sniffed from line one. */
    private MappingIterator<String[]> rows() throws IOException {
        char separator = ',';
        try (BufferedReader reader = Files.newBufferedReader(job.file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first != null && first.indexOf('\t') >= 0) {
                separator = '\t';
            } else if (first != null && first.indexOf('|') >= 0 && first.indexOf(',') < 0) {
                separator = '|';
            }
        }
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        schema = job.textQualifier.isEmpty() ? schema.withoutQuoteChar() : schema.withQuoteChar(job.textQualifier.charAt(0));
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        return mapper.readerFor(String[].class).with(schema).readValues(job.file.toFile());
    }

    private static String cell(String[] row, SmsImports.Mapping m) {
        String value = m.fileColumn() < row.length ? row[m.fileColumn()].trim() : "";
        return value.isEmpty() ? m.defaultValue() : value;
    }

    private void error(String message) {
        if (job.errors.size() < 100) {
            job.errors.add(message);
        }
    }
}
