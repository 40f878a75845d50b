package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a {@code POST .../ContactImport} body as a stream: the Base64 {@code fileStream} is decoded straight into
 * a file while the JSON is parsed, so a 185 MB import never sits in memory as a string. A decoded file over the
 * limit stops the read with Listrak's 400.
 */
final class ImportFileReader {

    /** The import request without its file (which is in {@code file}). */
    record ImportRequest(String fileName, String importType, Boolean hasColumnNames, String textQualifier,
                         JsonNode fileMappings, boolean hasFile, long fileBytes, Path file) {
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("import file too large");
        }
    }

    private ImportFileReader() {
    }

    static ImportRequest read(InputStream body, Path target, long maxFileBytes) {
        String fileName = null;
        String importType = null;
        Boolean hasColumnNames = null;
        String textQualifier = null;
        JsonNode mappings = null;
        boolean hasFile = false;
        long[] written = new long[1];
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body);
             OutputStream out = limited(Files.newOutputStream(target), maxFileBytes, written)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ListrakError.badRequest("ERROR_MALFORMED_REQUEST_BODY", "The request body must be a JSON object.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName().toLowerCase();
                JsonToken token = p.nextToken();
                switch (name) {
                    case "filestream" -> {
                        if (token != JsonToken.VALUE_STRING) {
                            throw ListrakError.invalidParameter("fileStream must be a Base64 string.");
                        }
                        p.readBinaryValue(Base64Variants.MIME_NO_LINEFEEDS, out);
                        hasFile = true;
                    }
                    case "filename" -> fileName = p.getValueAsString();
                    case "importtype" -> importType = p.getValueAsString();
                    case "hascolumnnames" -> hasColumnNames = token.isBoolean() ? p.getBooleanValue() : null;
                    case "textqualifier" -> textQualifier = p.getValueAsString();
                    case "filemappings" -> mappings = p.readValueAsTree();
                    default -> p.skipChildren();
                }
            }
        } catch (TooLarge e) {
            throw ListrakError.invalidParameter("fileStream decodes to more than " + maxFileBytes
                    + " bytes, the maximum import file size.");
        } catch (JsonProcessingException e) {
            throw ListrakError.badRequest("ERROR_MALFORMED_REQUEST_BODY",
                    "Invalid JSON body or Base64 fileStream: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ListrakError(500, "ERROR_UNHANDLED_EXCEPTION", "Could not read the import body: " + e.getMessage());
        }
        return new ImportRequest(fileName, importType, hasColumnNames, textQualifier, mappings, hasFile, written[0], target);
    }

    private static OutputStream limited(OutputStream out, long max, long[] written) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                count(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                count(len);
                out.write(b, off, len);
            }

            private void count(int n) throws TooLarge {
                written[0] += n;
                if (written[0] > max) {
                    throw new TooLarge();
                }
            }
        };
    }
}
