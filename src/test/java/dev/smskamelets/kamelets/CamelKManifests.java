package dev.smskamelets.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.smskamelets.kamelets.KameletValidator.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks the Kubernetes manifests a Camel K user applies: every Kamelet against the Kamelet CRD schema and every Pipe
 * against the Pipe CRD schema of the Camel version this project builds with ({@link KaotoCamelCatalog}), plus what the
 * schema cannot see in a Pipe (the rules of {@link #PIPE_RULES}). Each failure is a {@link Violation} naming the file,
 * the path in it and the rule.
 */
final class CamelKManifests {

    /** Where the Pipes a user deploys live (see docs/runtimes-camel-k.md). */
    static final Path PIPES = Path.of("src/main/camel-k/pipes");

    /**
     * {@code crd-schema}: the resource against its CRD schema. {@code pipe-kind}: apiVersion camel.apache.org/v1,
     * kind Pipe. {@code pipe-name}: metadata.name is the file name. {@code pipe-ref}: source, steps and sink name a
     * Kamelet (camel.apache.org/v1) of this catalogue or Apache's, of the type its place needs. {@code pipe-property}:
     * every property is one the Kamelet declares, every required one without a default is set. {@code pipe-secret}: a
     * credential property is a {@code {{...}}} placeholder (a Secret's key), never a literal.
     * {@code artifact-version}: an {@code mvn:dev.smskamelets:...} dependency is this project's artifact and version.
     */
    static final List<String> PIPE_RULES = List.of("crd-schema", "pipe-kind", "pipe-name", "pipe-ref",
            "pipe-property", "pipe-secret", "artifact-version");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
    private static JsonSchema kameletSchema;
    private static JsonSchema pipeSchema;

    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, JsonNode> kamelets;
    private String file;

    private CamelKManifests(Map<String, JsonNode> kamelets) {
        this.kamelets = kamelets;
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Every Kamelet file against the Kamelet CRD schema. */
    static List<Violation> validateKamelets(List<Path> files) {
        CamelKManifests validator = new CamelKManifests(Map.of());
        for (Path path : files) {
            validator.file = path.getFileName().toString();
            JsonNode kamelet = validator.read(path);
            if (kamelet != null) {
                validator.schema(kameletSchema(), kamelet);
            }
        }
        return List.copyOf(validator.violations);
    }

    /**
     * Every Pipe file against the Pipe CRD schema and {@link #PIPE_RULES}; Kamelet refs resolve against {@code
     * catalogue} (this project's Kamelets) and then Apache's Kamelets of the same Camel catalogue.
     */
    static List<Violation> validatePipes(List<Path> files, List<Path> catalogue) {
        Map<String, JsonNode> kamelets = new HashMap<>(KaotoCamelCatalog.get().apacheKamelets);
        for (Path path : catalogue) {
            try {
                JsonNode kamelet = YAML.readTree(path.toFile());
                kamelets.put(kamelet.path("metadata").path("name").asText(), kamelet);
            } catch (IOException e) {
                throw new IllegalStateException(path + " is not readable YAML: " + e.getMessage(), e);
            }
        }
        CamelKManifests validator = new CamelKManifests(kamelets);
        for (Path path : files) {
            validator.file = path.getFileName().toString();
            JsonNode pipe = validator.read(path);
            if (pipe != null) {
                validator.schema(pipeSchema(), pipe);
                validator.pipe(pipe);
            }
        }
        return List.copyOf(validator.violations);
    }

    private JsonNode read(Path path) {
        try {
            return YAML.readTree(path.toFile());
        } catch (IOException e) {
            fail("-", "crd-schema", "not readable YAML: " + e.getMessage());
            return null;
        }
    }

    private void fail(String path, String rule, String message) {
        violations.add(new Violation(file, path, rule, message));
    }

    private void schema(JsonSchema schema, JsonNode resource) {
        // one violation per location (sorted by path), with every message the schema gave for it
        Map<String, List<String>> byLocation = new TreeMap<>();
        for (ValidationMessage message : schema.validate(resource)) {
            String location = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
            byLocation.computeIfAbsent(location.isEmpty() ? "$" : location, k -> new ArrayList<>())
                    .add(message.getMessage());
        }
        byLocation.forEach((location, messages) -> fail(location, "crd-schema", "not valid against the "
                + resource.path("kind").asText("resource") + " CRD schema of " + KaotoCamelCatalog.get().catalogName
                + " (Camel K " + KaotoCamelCatalog.get().crdVersion + "): " + messages));
    }

    private void pipe(JsonNode pipe) {
        if (!"camel.apache.org/v1".equals(pipe.path("apiVersion").asText()) || !"Pipe".equals(pipe.path("kind").asText())) {
            fail("apiVersion", "pipe-kind", "must be apiVersion camel.apache.org/v1, kind Pipe, is '"
                    + pipe.path("apiVersion").asText() + "', '" + pipe.path("kind").asText() + "'");
        }
        String expected = file.replaceFirst("\\.pipe\\.yaml$", "");
        String name = pipe.path("metadata").path("name").asText();
        if (!expected.equals(name)) {
            fail("metadata.name", "pipe-name", "must equal the file name '" + expected + "', is '" + name + "'");
        }
        JsonNode spec = pipe.path("spec");
        endpoint(spec.path("source"), "spec.source", Set.of("source"));
        JsonNode steps = spec.path("steps");
        for (int i = 0; i < steps.size(); i++) {
            endpoint(steps.get(i), "spec.steps[" + i + "]", Set.of("action"));
        }
        endpoint(spec.path("sink"), "spec.sink", Set.of("sink", "action"));
        artifacts(pipe, "");
    }

    private void endpoint(JsonNode endpoint, String at, Set<String> types) {
        if (endpoint.isMissingNode()) {
            fail(at, "pipe-ref", "is missing");
            return;
        }
        JsonNode ref = endpoint.path("ref");
        if (!ref.isObject()) {
            if (endpoint.has("uri") || !ref.isMissingNode()) {
                return; // a plain Camel URI: nothing to resolve; a ref that is no object: the CRD schema's failure
            }
            fail(at + ".ref", "pipe-ref", "must name a Kamelet (ref: {apiVersion, kind, name})");
            return;
        }
        if (!"Kamelet".equals(ref.path("kind").asText()) || !"camel.apache.org/v1".equals(ref.path("apiVersion").asText())) {
            fail(at + ".ref", "pipe-ref", "must be kind Kamelet, apiVersion camel.apache.org/v1, is '"
                    + ref.path("kind").asText() + "', '" + ref.path("apiVersion").asText() + "'");
            return;
        }
        String name = ref.path("name").asText();
        JsonNode kamelet = kamelets.get(name);
        if (kamelet == null) {
            fail(at + ".ref.name", "pipe-ref", "'" + name + "' is no Kamelet of kamelets/ nor of Apache's catalogue");
            return;
        }
        String type = kamelet.path("metadata").path("labels").path(TYPE_LABEL).asText();
        if (!types.contains(type)) {
            fail(at + ".ref.name", "pipe-ref", "'" + name + "' is a " + type + " Kamelet, here a " + String.join(" or ", types)
                    + " is needed");
        }
        JsonNode definition = kamelet.path("spec").path("definition");
        JsonNode declared = definition.path("properties");
        JsonNode properties = endpoint.path("properties");
        properties.fieldNames().forEachRemaining(property -> {
            JsonNode schema = declared.path(property);
            if (schema.isMissingNode()) {
                fail(at + ".properties." + property, "pipe-property", "'" + name + "' has no property '" + property
                        + "' (it has " + fieldNames(declared) + ")");
                return;
            }
            boolean credential = "password".equals(schema.path("format").asText())
                    || schema.path("x-descriptors").toString().contains("urn:camel:group:credentials");
            String value = properties.path(property).asText();
            if (credential && !value.strip().matches("\\{\\{[^{}]+}}")) {
                fail(at + ".properties." + property, "pipe-secret", "is a credential of '" + name
                        + "': give a {{key}} placeholder of a mounted Secret, not a literal value");
            }
        });
        for (JsonNode required : definition.path("required")) {
            String property = required.asText();
            if (!properties.has(property) && !declared.path(property).has("default")) {
                fail(at + ".properties." + property, "pipe-property", "is required by '" + name + "' and has no default");
            }
        }
    }

    private void artifacts(JsonNode node, String at) {
        if (node.isTextual()) {
            String value = node.asText();
            String coordinates = "mvn:" + ProjectArtifact.GROUP_ID + ":" + ProjectArtifact.ARTIFACT_ID + ":"
                    + ProjectArtifact.version();
            if (value.startsWith("mvn:" + ProjectArtifact.GROUP_ID + ":") && !value.equals(coordinates)) {
                fail(at, "artifact-version", "'" + value + "' must be " + coordinates);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                artifacts(node.get(i), at + "[" + i + "]");
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> artifacts(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey()));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static synchronized JsonSchema kameletSchema() {
        if (kameletSchema == null) {
            kameletSchema = crdSchemas().getSchema(KaotoCamelCatalog.get().kameletSchema);
        }
        return kameletSchema;
    }

    private static synchronized JsonSchema pipeSchema() {
        if (pipeSchema == null) {
            pipeSchema = crdSchemas().getSchema(KaotoCamelCatalog.get().pipeSchema);
        }
        return pipeSchema;
    }

    /**
     * CRD schemas are OpenAPI v3 structural schemas: JSON Schema draft 7 keywords plus Kubernetes' x-kubernetes-*
     * markers, which the API server (not the schema) interprets; they are known here as non-validating keywords.
     */
    private static JsonSchemaFactory crdSchemas() {
        JsonMetaSchema.Builder meta = JsonMetaSchema.builder(JsonMetaSchema.getV7());
        for (String keyword : List.of("x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
                "x-kubernetes-list-map-keys", "x-kubernetes-list-type", "x-kubernetes-map-type",
                "x-kubernetes-embedded-resource", "x-kubernetes-validations", "x-descriptors")) {
            meta.keyword(new NonValidationKeyword(keyword));
        }
        JsonMetaSchema crd = meta.build();
        return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
                .metaSchema(crd).defaultMetaSchemaIri(crd.getIri()).build();
    }
}
