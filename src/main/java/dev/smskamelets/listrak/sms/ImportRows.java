package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.csv.CsvRows;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a contact import input, read lazily: a CSV file (with a header line, read one row at a time by
 * {@link CsvRows}), or contact records (a
 * {@link List} or JSON array of objects, or Maps). Records name the phone {@code phoneColumn} or
 * {@code phoneNumber}.
 */
final class ImportRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportRows() {
    }

    @SuppressWarnings("unchecked")
    static Iterator<Map<String, String>> of(Object body, char delimiter, String phoneColumn) throws IOException {
        if (body instanceof List<?> list) {
            return list.stream().map(r -> record(r, phoneColumn)).iterator();
        }
        if (body instanceof String text && text.stripLeading().startsWith("[")) {
            Iterator<JsonNode> nodes = JSON.readTree(text).elements();
            return new Iterator<>() {
                @Override public boolean hasNext() { return nodes.hasNext(); }
                @Override public Map<String, String> next() { return record(nodes.next(), phoneColumn); }
            };
        }
        CsvRows csv = new CsvRows();
        csv.setDelimiter(delimiter);
        return csv.read(body);
    }

    private static Map<String, String> record(Object raw, String phoneColumn) {
        JsonNode node = raw instanceof JsonNode n ? n : raw instanceof String s ? read(s) : JSON.valueToTree(raw);
        if (!node.isObject()) {
            throw new IllegalArgumentException("A contact record must be a JSON object, got: " + node);
        }
        Map<String, String> row = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        if (!row.containsKey(phoneColumn) && row.containsKey("phoneNumber")) {
            row.put(phoneColumn, row.get("phoneNumber"));
        }
        return row;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("A contact record is not JSON: " + e.getMessage(), e);
        }
    }
}
