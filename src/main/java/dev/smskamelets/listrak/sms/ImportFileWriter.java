package dev.smskamelets.listrak.sms;

import dev.smskamelets.core.phone.InvalidPhoneNumberException;
import dev.smskamelets.core.phone.PhoneNormalizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Listrak contact import files from rows, streaming to disk: column 0 the phone in E.164, then one column
 * per mapped profile field, every value quoted with {@code "}, a header line. A file never exceeds
 * {@code maxFileBytes}: the next row starts a new part (or, without splitting, the input is refused naming its size
 * and the limit). Rows whose phone cannot be read or is not a US (+1) number (Listrak SMS refuses those row by row,
 * and its import status does not say so), and ragged CSV records, are not written; they are returned as
 * {@link Rejected} with the field, the value and the reason.
 */
public final class ImportFileWriter {

    /** One import file: where it is, how many rows and bytes. */
    public record Part(Path file, long rows, long bytes) {
    }

    /** A row left out: its number in the input (1 = first data row), the field, the value and why. */
    public record Rejected(long row, String field, String value, String reason) {
    }

    /** The parts written and the rows left out. */
    public record Result(List<Part> parts, List<Rejected> rejected, long rejectedCount) {
    }

    static final int MAX_REJECTED_KEPT = 1000;
    private final String phoneColumn;
    private final Map<String, Integer> fields;
    private final long maxFileBytes;
    private final boolean split;
    private final PhoneNormalizer phones;

    public ImportFileWriter(String phoneColumn, Map<String, Integer> fields, long maxFileBytes, boolean split,
                            PhoneNormalizer phones) {
        this.phoneColumn = phoneColumn;
        this.fields = new LinkedHashMap<>(fields);
        this.maxFileBytes = maxFileBytes;
        this.split = split;
        this.phones = phones;
    }

    /** Writes {@code rows} (column name → value) into parts under {@code dir}, named {@code <base>-<n>.csv}. */
    public Result write(Iterator<Map<String, String>> rows, Path dir, String base) throws IOException {
        List<Part> parts = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        long rejectedCount = 0;
        byte[] header = line(headerValues());
        OutputStream out = null;
        Path file = null;
        long bytes = 0;
        long partRows = 0;
        long rowNumber = 0;
        try {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                rowNumber++;
                String rawPhone = row.get(phoneColumn);
                if (row.containsKey(dev.smskamelets.core.csv.CsvRows.ERROR)) {
                    if (rejected.size() < MAX_REJECTED_KEPT) {
                        rejected.add(new Rejected(rowNumber, "", "", row.get(dev.smskamelets.core.csv.CsvRows.ERROR)));
                    }
                    rejectedCount++;
                    continue;
                }
                String phone;
                try {
                    phone = phones.normalize(phoneColumn, rawPhone);
                    if (!phone.startsWith("+1")) {
                        throw new InvalidPhoneNumberException(phoneColumn, rawPhone, "listrak",
                                "10-digit US number expected (Listrak SMS imports take US numbers only)");
                    }
                } catch (InvalidPhoneNumberException e) {
                    if (rejected.size() < MAX_REJECTED_KEPT) {
                        rejected.add(new Rejected(rowNumber, phoneColumn, rawPhone, e.getMessage()));
                    }
                    rejectedCount++;
                    continue;
                }
                List<String> values = new ArrayList<>();
                values.add(phone);
                fields.keySet().forEach(column -> values.add(row.getOrDefault(column, "")));
                byte[] line = line(values);
                if (header.length + line.length > maxFileBytes) {
                    throw new IllegalArgumentException("Import row " + rowNumber + " (" + phoneColumn + " '" + rawPhone
                            + "') alone is " + line.length + " bytes: no file of at most " + maxFileBytes + " bytes holds it");
                }
                if (out != null && bytes + line.length > maxFileBytes) {
                    if (!split) {
                        throw new IllegalArgumentException("The import file exceeds Listrak's limit of " + maxFileBytes
                                + " bytes at row " + rowNumber + " (splitLargeFiles is false): split the input or enable splitting");
                    }
                    out.close();
                    parts.add(new Part(file, partRows, bytes));
                    out = null;
                }
                if (out == null) {
                    file = dir.resolve(base + "-" + (parts.size() + 1) + ".csv");
                    out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                    out.write(header);
                    bytes = header.length;
                    partRows = 0;
                }
                out.write(line);
                bytes += line.length;
                partRows++;
            }
            if (out != null) {
                out.close();
                parts.add(new Part(file, partRows, bytes));
                out = null;
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        return new Result(parts, rejected, rejectedCount);
    }

    private List<String> headerValues() {
        List<String> names = new ArrayList<>();
        names.add(phoneColumn);
        names.addAll(fields.keySet());
        return names;
    }

    /** One CSV line, every value quoted, quotes doubled, CRLF-free (line breaks inside values become spaces). */
    static byte[] line(List<String> values) {
        StringBuilder s = new StringBuilder();
        for (String v : values) {
            if (s.length() > 0) {
                s.append(',');
            }
            String clean = v == null ? "" : v.replace('\r', ' ').replace('\n', ' ').replace("\"", "\"\"");
            s.append('"').append(clean).append('"');
        }
        return s.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The file mappings of the import: Phone at column 0 (segmentationFieldId 0), then each profile field. */
    public List<Map<String, Object>> mappings() {
        List<Map<String, Object>> mappings = new ArrayList<>();
        mappings.add(Map.of("fileColumnType", "Phone", "segmentationFieldId", 0, "fileColumn", 0));
        int column = 1;
        for (Integer id : fields.values()) {
            mappings.add(Map.of("fileColumnType", "SegmentationField", "segmentationFieldId", id, "fileColumn", column++));
        }
        return mappings;
    }
}
