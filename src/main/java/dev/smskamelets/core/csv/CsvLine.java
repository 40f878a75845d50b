package dev.smskamelets.core.csv;

/** One CSV line (RFC 4180): values with a comma, quote or line break quoted, quotes doubled, ending in a newline. */
public final class CsvLine {

    private CsvLine() {
    }

    public static String of(String... values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            String v = values[i] == null ? "" : values[i];
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                s.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                s.append(v);
            }
        }
        return s.append('\n').toString();
    }
}
