package dev.smskamelets.core.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows of a CSV file with a header line, read lazily one record at a time with jackson-dataformat-csv (memory
 * holds one row whatever the file size). Each row is a map of header → value (empty string for an empty cell) plus
 * {@value #ROW}: the CSV record number (the header is record 1) and {@value #LINE}: the physical line the record
 * starts on (they differ once a quoted field held a line break). A record whose number of fields is not the
 * header's is still returned, with the fields it has and {@value #ERROR} saying why it is not a row ("the row has 8
 * fields, the header has 7"): one ragged record is the caller's reject, not the end of the file. A UTF-8 byte order
 * mark before the header is ignored, CRLF and LF line ends are both read, blank lines are skipped.
 */
public class CsvRows {

    /** Key of the row's CSV record number (header = 1) in every row map. */
    public static final String ROW = "_row";
    /** Key of the physical line (1-based) the record starts on. */
    public static final String LINE = "_line";
    /** Key present only on a record whose field count is not the header's: the reason. */
    public static final String ERROR = "_error";
    private static final CsvMapper MAPPER = new CsvMapper();
    private char delimiter = ',';

    /** The rows of a CSV given as a File, Path, InputStream, Reader, bytes or text. */
    public Rows read(Object body) throws IOException {
        CsvParser parser;
        if (body instanceof File file) {
            parser = MAPPER.getFactory().createParser(Files.newBufferedReader(file.toPath()));
        } else if (body instanceof Path path) {
            parser = MAPPER.getFactory().createParser(Files.newBufferedReader(path));
        } else if (body instanceof InputStream in) {
            parser = MAPPER.getFactory().createParser(in);
        } else if (body instanceof Reader in) {
            parser = MAPPER.getFactory().createParser(in);
        } else if (body instanceof byte[] bytes) {
            parser = MAPPER.getFactory().createParser(bytes);
        } else if (body instanceof String text) {
            parser = MAPPER.getFactory().createParser(new StringReader(text));
        } else {
            throw new IllegalArgumentException("A CSV input must be a File, Path, InputStream, Reader, bytes or text, got "
                    + (body == null ? "no body" : body.getClass().getName()));
        }
        parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
        parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        return new Records(parser);
    }

    /** Rows of a CSV; {@link #header()} is its header, {@link #position()} how far into the input the reader is. */
    public interface Rows extends Iterator<Map<String, String>>, java.io.Closeable {
        /** The column names of the header line (empty for an empty input). */
        List<String> header();

        long position();

        @Override
        void close() throws IOException;
    }

    private static final class Records implements Rows {
        private final CsvParser parser;
        private final List<String> header;
        private long record = 1;
        private Map<String, String> next;
        private boolean done;

        Records(CsvParser parser) throws IOException {
            this.parser = parser;
            List<String> names = fields();
            if (names == null) {
                header = List.of();
                done = true;
                parser.close();
            } else {
                if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
                    names.set(0, names.get(0).substring(1));
                }
                header = List.copyOf(names);
            }
        }

        /** The fields of the next record (null at the end); {@link #startLine} is where it starts. */
        private long startLine;

        private List<String> fields() throws IOException {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new IOException("unexpected " + token);
            }
            List<String> values = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; t = parser.nextToken()) {
                if (values.isEmpty()) {
                    startLine = parser.currentTokenLocation().getLineNr(); // where the record's first field starts
                }
                values.add(parser.getText());
            }
            if (values.size() == 1 && values.get(0).isBlank()) {
                return fields(); // a blank line
            }
            return values;
        }

        @Override
        public List<String> header() {
            return header;
        }

        @Override
        public long position() {
            return parser.currentLocation().getCharOffset();
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            try {
                List<String> values = fields();
                if (values == null) {
                    done = true;
                    parser.close();
                    return false;
                }
                record++;
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < values.size() ? values.get(i) : "");
                }
                row.put(ROW, String.valueOf(record));
                row.put(LINE, String.valueOf(startLine));
                if (values.size() != header.size()) {
                    row.put(ERROR, "the row has " + values.size() + " fields, the header has " + header.size());
                }
                next = row;
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("CSV unreadable near line " + parser.currentLocation().getLineNr()
                        + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Map<String, String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map<String, String> row = next;
            next = null;
            return row;
        }

        @Override
        public void close() throws IOException {
            done = true;
            parser.close();
        }
    }

    public char getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(char delimiter) {
        this.delimiter = delimiter;
    }
}
