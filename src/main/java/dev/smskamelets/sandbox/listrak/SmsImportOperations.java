package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Listrak SMS contact imports: start one from a Base64 file with column mappings, and read its status. */
final class SmsImportOperations {

    private final SmsState state;

    SmsImportOperations(SmsState state) {
        this.state = state;
    }

    void register(ListrakRoutes routes) {
        routes.add("POST", "/v1/ShortCode/{senderCodeId}/ContactImport", "Contact_PostImportFileResource", this::start)
                .add("GET", "/v1/ShortCode/{senderCodeId}/ContactImport/{importFileId}", "Contact_GetImportFileResource",
                        r -> {
                            int id = SmsState.intParam("importFileId", r.pathParam("importFileId"));
                            return SmsAccountOperations.resource(state.imports.job(state.senderCode(r), id).json());
                        });
    }

    private SandboxResponse start(SandboxRequest r) throws IOException {
        int senderCode = state.senderCode(r);
        Path file = Files.createTempFile("listrak-import-", ".csv");
        file.toFile().deleteOnExit(); // an import still queued when the sandbox stops
        try {
            ImportFileReader.ImportRequest request;
            try (InputStream body = r.openBody()) {
                request = ImportFileReader.read(body, file, state.imports.maxFileBytes);
            }
            List<SmsImports.Mapping> mappings = validate(request);
            SmsImports.Job job = state.imports.start(senderCode, request.fileName(), file, request.hasColumnNames(),
                    request.textQualifier(), mappings, ListrakRoutes.requestId(r));
            return SandboxResponse.json(201, Map.of("status", 201, "resourceId", Integer.toString(job.id)));
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private List<SmsImports.Mapping> validate(ImportFileReader.ImportRequest request) {
        if (request.fileName() == null || request.fileName().isBlank()) {
            throw ListrakError.invalidParameter("fileName is required.");
        }
        if (!request.hasFile()) {
            throw ListrakError.invalidParameter("fileStream is required.");
        }
        if (!"UpdateSubscribers".equals(request.importType())) {
            throw ListrakError.invalidParameter("importType '" + request.importType() + "' is not allowed; use UpdateSubscribers.");
        }
        if (request.hasColumnNames() == null) {
            throw ListrakError.invalidParameter("hasColumnNames is required (true or false).");
        }
        String q = request.textQualifier();
        if (q == null || !(q.isEmpty() || q.equals("\"") || q.equals("'"))) {
            throw ListrakError.invalidParameter("textQualifier '" + q + "' is not allowed; use ', \" or blank.");
        }
        JsonNode nodes = request.fileMappings();
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            throw ListrakError.invalidParameter("fileMappings must list at least the Phone column.");
        }
        List<SmsImports.Mapping> mappings = new ArrayList<>();
        for (JsonNode m : nodes) {
            String type = m.path("fileColumnType").asText();
            int fieldId = m.path("segmentationFieldId").asInt(-1);
            int column = m.path("fileColumn").asInt(-1);
            if (column < 0) {
                throw ListrakError.invalidParameter("fileMappings[].fileColumn " + m.get("fileColumn") + " must be 0 or more.");
            }
            if (type.equals("Phone")) {
                if (fieldId != 0) {
                    throw ListrakError.invalidParameter("fileMappings[].segmentationFieldId must be 0 for the Phone column, got " + fieldId + ".");
                }
            } else if (type.equals("SegmentationField")) {
                state.catalog.writableField(fieldId, null);
            } else {
                throw ListrakError.invalidParameter("fileMappings[].fileColumnType '" + type + "' must be Phone or SegmentationField.");
            }
            String defaultValue = m.path("defaultValue").isTextual() ? m.path("defaultValue").asText() : null;
            mappings.add(new SmsImports.Mapping(type, fieldId, column, defaultValue));
        }
        if (mappings.stream().filter(m -> m.type().equals("Phone")).count() != 1) {
            throw ListrakError.invalidParameter("fileMappings must map exactly one Phone column.");
        }
        return mappings;
    }
}
