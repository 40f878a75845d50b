package dev.smskamelets.core.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows of a CSV file with a header line, read lazily one row at a time with jackson-dataformat-csv (memory holds
 * one row whatever the file size). Each row is a map of header → value (empty string for an empty cell) plus
 * {@value #ROW}: the row's line number in the file (the header is line 1), for reject reports. Use it as a streaming
 * split expression: {@code split: {method: {ref: csvRows, method: read}, streaming: true}}.
 */
public class CsvRows {

    /** Key of the row's line number in every row map. */
    public static final String ROW = "_row";
    private static final CsvMapper MAPPER = new CsvMapper();
    private char delimiter = ',';

    /** The rows of a CSV given as a File, Path, InputStream, Reader, bytes or text. */
    public Rows read(Object body) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(delimiter);
        var reader = MAPPER.readerFor(Map.class).with(schema);
        MappingIterator<Map<String, String>> rows;
        if (body instanceof File file) {
            rows = reader.readValues(Files.newBufferedReader(file.toPath()));
        } else if (body instanceof Path path) {
            rows = reader.readValues(Files.newBufferedReader(path));
        } else if (body instanceof InputStream in) {
            rows = reader.readValues(in);
        } else if (body instanceof Reader in) {
            rows = reader.readValues(in);
        } else if (body instanceof byte[] bytes) {
            rows = reader.readValues(bytes);
        } else if (body instanceof String text) {
            rows = reader.readValues(new StringReader(text));
        } else {
            throw new IllegalArgumentException("A CSV input must be a File, Path, InputStream, Reader, bytes or text, got "
                    + (body == null ? "no body" : body.getClass().getName()));
        }
        return numbered(rows);
    }

    /** Rows of a CSV; {@link #position()} tells how far into the input (in characters) the reader is. */
    public interface Rows extends Iterator<Map<String, String>> {
        long position();
    }

    private static Rows numbered(MappingIterator<Map<String, String>> rows) {
        return new Rows() {
            @Override
            public long position() {
                return rows.getCurrentLocation().getCharOffset();
            }

            @Override
            public boolean hasNext() {
                try {
                    boolean more = rows.hasNextValue();
                    if (!more) {
                        rows.close();
                    }
                    return more;
                } catch (IOException e) {
                    throw new UncheckedIOException("CSV unreadable near line " + rows.getCurrentLocation().getLineNr()
                            + ": " + e.getMessage(), e);
                }
            }

            @Override
            public Map<String, String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    long line = rows.getCurrentLocation().getLineNr(); // where the row starts
                    Map<String, String> row = new LinkedHashMap<>(rows.nextValue());
                    row.put(ROW, String.valueOf(line));
                    return row;
                } catch (IOException e) {
                    throw new UncheckedIOException("CSV unreadable near line " + rows.getCurrentLocation().getLineNr()
                            + ": " + e.getMessage(), e);
                }
            }
        };
    }

    public char getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(char delimiter) {
        this.delimiter = delimiter;
    }
}
