package dev.smskamelets.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.tooling.model.BaseOptionModel;
import org.apache.camel.tooling.model.ComponentModel;

/**
 * The catalogue rules every {@code kamelets/*.kamelet.yaml} must follow (Apache camel-kamelets conventions plus the
 * checks this library adds). {@link #validate(List)} returns one {@link Violation} per broken rule, naming the file,
 * the property (or YAML path) and the rule id; an empty list means the files conform.
 */
public final class KameletValidator {

    /** Rule ids, as printed in violations and used by the broken fixtures in {@code kamelet-fixtures/<rule>/}. */
    public static final List<String> RULES = List.of("api-version", "kind", "name", "type-label", "annotation",
            "icon", "definition", "required-defined", "property-title", "property-description", "property-type",
            "credentials", "unused-property", "undeclared-placeholder", "source-to-sink", "consume-from-source",
            "yaml-dsl-schema", "http-option", "unique-title", "unique-description", "artifact-version",
            "component-option", "raw-value");

    /** One broken rule. */
    public record Violation(String file, String property, String rule, String message) {
        @Override
        public String toString() {
            return file + ": [" + rule + "] " + property + ": " + message;
        }
    }

    private static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
    private static final String ICON = "camel.apache.org/kamelet.icon";
    private static final List<String> ANNOTATIONS = List.of("camel.apache.org/kamelet.support.level",
            "camel.apache.org/catalog.version", ICON, "camel.apache.org/provider", "camel.apache.org/kamelet.group");
    private static final Pattern ARTICLE = Pattern.compile("^(The|A|An)\\b.*");
    private static final Pattern SECRET_WORD = Pattern.compile("(?i)\\b(secrets?|passwords?|tokens?|keys?)\\b");
    /** Placeholder prefixes that are property functions, not kamelet properties. */
    private static final Set<String> FUNCTIONS = Set.of("env", "sys", "sysenv", "service", "service.host",
            "service.port", "bean", "ref");
    /** Parameters the kamelet component supplies to every template itself. */
    private static final Set<String> IMPLICIT = Set.of("routeId", "templateId");
    /** Endpoint keys whose value is an endpoint URI (string or {uri, parameters}). */
    private static final Set<String> ENDPOINT_KEYS = Set.of("from", "to", "toD", "wireTap", "enrich", "pollEnrich");
    /**
     * http component options that HttpComponent.createEndpoint also reads from the endpoint URI although the catalog
     * lists them as component options only (per-endpoint timeouts and binding).
     */
    private static final Set<String> HTTP_COMPONENT_OPTIONS_READ_PER_ENDPOINT = Set.of("connectTimeout",
            "connectionRequestTimeout", "responseTimeout", "soTimeout", "httpBinding");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static JsonSchema dslSchema;
    private static ComponentModel httpModel;

    private final List<Violation> violations = new ArrayList<>();
    private String file;

    /** Validates the files together: per-file rules, then the catalogue-wide uniqueness rules. */
    public static List<Violation> validate(List<Path> files) {
        KameletValidator validator = new KameletValidator();
        Map<String, String> titles = new HashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        for (Path path : files) {
            validator.file = path.getFileName().toString();
            JsonNode kamelet;
            try {
                kamelet = YAML.readTree(path.toFile());
            } catch (IOException e) {
                validator.fail("-", "yaml", "not readable YAML: " + e.getMessage());
                continue;
            }
            validator.check(kamelet);
            JsonNode definition = kamelet.path("spec").path("definition");
            validator.unique(titles, definition.path("title").asText(""), "unique-title", "spec.definition.title");
            validator.unique(descriptions, definition.path("description").asText(""), "unique-description",
                    "spec.definition.description");
        }
        return List.copyOf(validator.violations);
    }

    private void fail(String property, String rule, String message) {
        violations.add(new Violation(file, property, rule, message));
    }

    private void unique(Map<String, String> seen, String value, String rule, String property) {
        if (value.isBlank()) {
            return;
        }
        String other = seen.putIfAbsent(value.strip(), file);
        if (other != null) {
            fail(property, rule, "same as in " + other + " (\"" + abbreviate(value) + "\")");
        }
    }

    private void check(JsonNode kamelet) {
        String expectedName = file.replaceFirst("\\.kamelet\\.yaml$", "");
        if (!"camel.apache.org/v1".equals(kamelet.path("apiVersion").asText())) {
            fail("apiVersion", "api-version", "must be camel.apache.org/v1, is '" + kamelet.path("apiVersion").asText() + "'");
        }
        if (!"Kamelet".equals(kamelet.path("kind").asText())) {
            fail("kind", "kind", "must be Kamelet, is '" + kamelet.path("kind").asText() + "'");
        }
        JsonNode metadata = kamelet.path("metadata");
        String name = metadata.path("name").asText();
        if (!expectedName.equals(name)) {
            fail("metadata.name", "name", "must equal the file name '" + expectedName + "', is '" + name + "'");
        }
        String type = metadata.path("labels").path(TYPE_LABEL).asText();
        if (!Set.of("source", "sink", "action").contains(type) || !expectedName.endsWith("-" + type)) {
            fail("metadata.labels." + TYPE_LABEL, "type-label",
                    "must be source|sink|action and match the name suffix, is '" + type + "'");
        }
        checkAnnotations(metadata.path("annotations"));
        JsonNode spec = kamelet.path("spec");
        Map<String, JsonNode> properties = checkDefinition(spec.path("definition"));
        JsonNode template = spec.path("template");
        checkPlaceholders(template, properties);
        checkSourceAndSink(type, template);
        checkSchema(name, template);
        checkHttpOptions(template, properties);
        checkComponentOptions(template, properties);
        checkArtifact(metadata.path("annotations"), spec.path("dependencies"), template);
    }

    /**
     * The catalogue names the artifact it ships in, at the version the pom builds: {@code catalog.version} equals the
     * project version, every {@code mvn:dev.smskamelets:...} dependency is this artifact at this version, and a
     * template that uses a class of this library declares that dependency (so Camel K / JBang resolve it).
     */
    private void checkArtifact(JsonNode annotations, JsonNode dependencies, JsonNode template) {
        String version = ProjectArtifact.version();
        String catalogVersion = annotations.path("camel.apache.org/catalog.version").asText("");
        if (!catalogVersion.isBlank() && !catalogVersion.equals(version)) {
            fail("metadata.annotations.camel.apache.org/catalog.version", "artifact-version",
                    "is '" + catalogVersion + "', the pom builds " + version);
        }
        String coordinates = "mvn:" + ProjectArtifact.GROUP_ID + ":" + ProjectArtifact.ARTIFACT_ID + ":" + version;
        boolean declared = false;
        for (JsonNode dependency : dependencies) {
            String value = dependency.asText();
            if (value.startsWith("mvn:" + ProjectArtifact.GROUP_ID + ":")) {
                declared |= value.equals(coordinates);
                if (!value.equals(coordinates)) {
                    fail("spec.dependencies", "artifact-version", "'" + value + "' must be " + coordinates);
                }
            }
        }
        if (!declared && template.toString().contains(ProjectArtifact.GROUP_ID + ".")) {
            fail("spec.dependencies", "artifact-version", "uses a class of " + ProjectArtifact.GROUP_ID
                    + " but does not declare " + coordinates);
        }
    }

    private void checkAnnotations(JsonNode annotations) {
        for (String annotation : ANNOTATIONS) {
            if (annotations.path(annotation).asText("").isBlank()) {
                fail("metadata.annotations." + annotation, "annotation", "missing");
            }
        }
        String icon = annotations.path(ICON).asText("");
        String prefix = "data:image/svg+xml;base64,";
        if (!icon.isBlank() && !(icon.startsWith(prefix) && decodesToSvg(icon.substring(prefix.length())))) {
            fail("metadata.annotations." + ICON, "icon", "must be an inline " + prefix + "… SVG image");
        }
    }

    private static boolean decodesToSvg(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8).contains("<svg");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Map<String, JsonNode> checkDefinition(JsonNode definition) {
        for (String key : List.of("title", "description")) {
            if (definition.path(key).asText("").isBlank()) {
                fail("spec.definition." + key, "definition", "missing");
            }
        }
        if (!"object".equals(definition.path("type").asText())) {
            fail("spec.definition.type", "definition", "must be object");
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        definition.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        for (JsonNode required : definition.path("required")) {
            if (!properties.containsKey(required.asText())) {
                fail(required.asText(), "required-defined", "is required but not defined under properties");
            }
        }
        properties.forEach(this::checkProperty);
        return properties;
    }

    private void checkProperty(String name, JsonNode property) {
        String title = property.path("title").asText("");
        if (title.isBlank() || !Character.isUpperCase(title.charAt(0)) || ARTICLE.matcher(title).matches()) {
            fail(name, "property-title", "title must be capitalised and not start with The/A/An, is '" + title + "'");
        }
        String description = property.path("description").asText("");
        if (description.isBlank()) {
            fail(name, "property-description", "missing description");
        }
        if (property.path("type").asText("").isBlank()) {
            fail(name, "property-type", "missing type");
        }
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        if (SECRET_WORD.matcher(words).find() || SECRET_WORD.matcher(description).find()) {
            boolean password = "password".equals(property.path("format").asText());
            boolean credentials = property.path("x-descriptors").toString().contains("\"urn:camel:group:credentials\"");
            if (!password || !credentials) {
                fail(name, "credentials", "looks secret: needs format: password and "
                        + "x-descriptors: [urn:camel:group:credentials]");
            }
        }
    }

    private void checkPlaceholders(JsonNode template, Map<String, JsonNode> properties) {
        Set<String> beans = new LinkedHashSet<>();
        template.path("beans").forEach(bean -> beans.add(bean.path("name").asText()));
        Set<String> used = new TreeSet<>();
        strings(template, (path, text) -> placeholders(text, used));
        for (String name : used) {
            if (!properties.containsKey(name) && !beans.contains(name) && !IMPLICIT.contains(name)) {
                fail(name, "undeclared-placeholder", "{{" + name + "}} is used in the template but not declared");
            }
        }
        for (String name : properties.keySet()) {
            if (!used.contains(name)) {
                fail(name, "unused-property", "declared but never used in the template");
            }
        }
    }

    /** Collects the property names of every {{name}}, {{?name}}, {{!name}} and {{name:default}}, nested too. */
    static void placeholders(String text, Set<String> names) {
        int start = text.indexOf("{{");
        while (start >= 0) {
            int depth = 0;
            int end = -1;
            for (int i = start; i < text.length() - 1; i++) {
                if (text.startsWith("{{", i)) {
                    depth++;
                    i++;
                } else if (text.startsWith("}}", i)) {
                    if (--depth == 0) {
                        end = i;
                        break;
                    }
                    i++;
                }
            }
            if (end < 0) {
                return;
            }
            String inner = text.substring(start + 2, end);
            int colon = inner.indexOf(':');
            String name = (colon >= 0 ? inner.substring(0, colon) : inner).strip().replaceFirst("^[?!]", "");
            if (!FUNCTIONS.contains(name) && !name.contains("{{")) {
                names.add(name);
            }
            placeholders(inner.substring(colon >= 0 ? colon + 1 : inner.length()), names);
            start = text.indexOf("{{", end + 2);
        }
    }

    private void checkSourceAndSink(String type, JsonNode template) {
        String fromUri = uriOf(template.path("from"));
        if ("source".equals(type)) {
            List<String> targets = new ArrayList<>();
            endpoints(template, (key, node) -> {
                if (!"from".equals(key)) {
                    targets.add(uriOf(node));
                }
            });
            if (targets.stream().noneMatch(uri -> uri.startsWith("kamelet:sink"))) {
                fail("spec.template", "source-to-sink", "a source must send to kamelet:sink");
            }
        } else if (!fromUri.startsWith("kamelet:source")) {
            fail("spec.template.from.uri", "consume-from-source",
                    "a " + type + " must consume from kamelet:source, consumes from '" + fromUri + "'");
        }
    }

    private void checkSchema(String name, JsonNode template) {
        ObjectNode routeTemplate = YAML.createObjectNode().put("id", name.isBlank() ? "kamelet" : name);
        if (template.isObject()) {
            routeTemplate.setAll((ObjectNode) template.deepCopy());
        }
        ArrayNode document = YAML.createArrayNode();
        document.addObject().set("routeTemplate", routeTemplate);
        Map<String, List<String>> byLocation = new LinkedHashMap<>();
        for (ValidationMessage message : dslSchema().validate(document)) {
            String location = message.getInstanceLocation().toString()
                    .replaceFirst("^\\$\\[0]\\.routeTemplate", "spec.template");
            byLocation.computeIfAbsent(location, k -> new ArrayList<>())
                    .add(message.getMessage().replace("$[0].routeTemplate", "spec.template"));
        }
        // oneOf failures report every alternative; the deepest location is where the template is wrong.
        byLocation.keySet().stream().max((a, b) -> Integer.compare(a.length(), b.length())).ifPresent(location ->
                fail(location, "yaml-dsl-schema", "not valid Camel YAML DSL: " + byLocation.get(location)));
    }

    private void checkHttpOptions(JsonNode template, Map<String, JsonNode> properties) {
        endpoints(template, (key, node) -> {
            String uri = uriOf(node);
            if (!isHttp(uri, properties)) {
                return;
            }
            Set<String> options = new LinkedHashSet<>();
            int query = uri.indexOf('?');
            if (query >= 0) {
                for (String pair : uri.substring(query + 1).split("&")) {
                    options.add(pair.split("=", 2)[0]);
                }
            }
            node.path("parameters").fieldNames().forEachRemaining(options::add);
            options.stream().filter(option -> !option.isBlank()).forEach(this::checkHttpOption);
        });
    }

    /**
     * An endpoint of one of this library's components ({@code listrak-sms:}, {@code textrequest:}, ...) takes only the
     * options its generated metadata lists ({@code component-option}); and a string property handed to it as a bare
     * placeholder must be wrapped in {@code RAW(...)} ({@code raw-value}): the placeholder is resolved after the
     * parameters became the endpoint URI, so a {@code +} in a secret or a phone number would arrive as a space and an
     * {@code &} would cut the value.
     */
    private void checkComponentOptions(JsonNode template, Map<String, JsonNode> properties) {
        endpoints(template, (key, node) -> {
            String uri = uriOf(node);
            int colon = uri.indexOf(':');
            JsonNode model = colon < 0 ? null : componentModel(uri.substring(0, colon));
            if (model == null) {
                return;
            }
            Set<String> options = new LinkedHashSet<>();
            model.path("properties").fieldNames().forEachRemaining(options::add);
            int query = uri.indexOf('?');
            Map<String, String> given = new LinkedHashMap<>();
            if (query >= 0) {
                for (String pair : uri.substring(query + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    given.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            node.path("parameters").fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().asText()));
            given.forEach((option, value) -> {
                String base = option.contains(".") ? option.substring(0, option.indexOf('.')) : option;
                boolean prefixed = model.path("properties").path(base).path("prefix").isTextual()
                        || ("scheduler".equals(base) && option.startsWith("scheduler."));
                if (!options.contains(option) && !prefixed) {
                    fail(option, "component-option", "is not an option of the " + uri.substring(0, colon)
                            + " component (see its metadata in src/generated/resources)");
                    return;
                }
                java.util.regex.Matcher bare = java.util.regex.Pattern.compile("^\\{\\{([A-Za-z0-9_.-]+)\\}\\}$").matcher(value);
                if (bare.matches() && properties.containsKey(bare.group(1))
                        && "string".equals(properties.get(bare.group(1)).path("type").asText())
                        && !properties.get(bare.group(1)).has("enum")) {
                    fail(option, "raw-value", "string property {{" + bare.group(1) + "}} must be passed as \"RAW({{"
                            + bare.group(1) + "}})\": it is resolved after the URI is built, so + and & in it would be read"
                            + " as URI syntax");
                }
            });
        });
    }

    private static final Map<String, JsonNode> COMPONENT_MODELS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The generated metadata of this library's component {@code scheme}, or null for any other scheme. */
    private static JsonNode componentModel(String scheme) {
        if (!scheme.matches("[a-z][a-z-]*")) {
            return null;
        }
        return COMPONENT_MODELS.computeIfAbsent(scheme, s -> {
            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/generated/resources/META-INF/dev/smskamelets"))) {
                java.nio.file.Path json = files.filter(f -> f.getFileName().toString().equals(s + ".json")).findFirst()
                        .orElse(null);
                return json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                        : new ObjectMapper().readTree(json.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).isMissingNode() ? null : COMPONENT_MODELS.get(scheme);
    }

    private void checkHttpOption(String option) {
        ComponentModel model = httpModel();
        boolean endpointOption = model.getEndpointOptions().stream().anyMatch(o -> o.getName().equals(option)
                || (o.isMultiValue() && o.getPrefix() != null && option.startsWith(o.getPrefix())));
        if (endpointOption || HTTP_COMPONENT_OPTIONS_READ_PER_ENDPOINT.contains(option)) {
            return;
        }
        boolean componentOption = model.getComponentOptions().stream().map(BaseOptionModel::getName)
                .anyMatch(option::equals);
        fail(option, "http-option", componentOption
                ? "is an http component option, not an endpoint option: camel-http would send it to the vendor as a "
                        + "query parameter (configure camel.component.http." + option + " or an httpClientConfigurer)"
                : "is not an option of the http component (camel-http would send it to the vendor as a query "
                        + "parameter)");
    }

    private static boolean isHttp(String uri, Map<String, JsonNode> properties) {
        if (uri.startsWith("http:") || uri.startsWith("https:")) {
            return true;
        }
        if (uri.startsWith("{{")) {
            Set<String> names = new LinkedHashSet<>();
            placeholders(uri.substring(0, uri.indexOf("}}") + 2), names);
            JsonNode property = names.isEmpty() ? null : properties.get(names.iterator().next());
            return property != null && (property.path("default").asText().startsWith("http")
                    || property.path("example").asText().startsWith("http"));
        }
        return false;
    }

    private static String uriOf(JsonNode endpoint) {
        return endpoint.isTextual() ? endpoint.asText() : endpoint.path("uri").asText("");
    }

    /** Calls back with every endpoint (from/to/toD/...) anywhere in the template. */
    private static void endpoints(JsonNode node, BiConsumer<String, JsonNode> callback) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (ENDPOINT_KEYS.contains(e.getKey()) && (e.getValue().isTextual() || e.getValue().has("uri"))) {
                    callback.accept(e.getKey(), e.getValue());
                }
                endpoints(e.getValue(), callback);
            }
        } else if (node.isArray()) {
            node.forEach(child -> endpoints(child, callback));
        }
    }

    /** Calls back with every string (keys and values) in the tree. */
    private static void strings(JsonNode node, BiConsumer<String, String> callback) {
        if (node.isTextual()) {
            callback.accept("", node.asText());
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                callback.accept("", e.getKey());
                strings(e.getValue(), callback);
            });
        } else if (node.isArray()) {
            node.forEach(child -> strings(child, callback));
        }
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }

    private static synchronized JsonSchema dslSchema() {
        if (dslSchema == null) {
            try (InputStream in = KameletValidator.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
                if (in == null) {
                    throw new IllegalStateException("schema/camelYamlDsl.json not found: camel-yaml-dsl missing");
                }
                JsonNode schema = new ObjectMapper().readTree(in);
                dslSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dslSchema;
    }

    private static synchronized ComponentModel httpModel() {
        if (httpModel == null) {
            httpModel = new DefaultCamelCatalog().componentModel("http");
        }
        return httpModel;
    }

    private KameletValidator() {
    }
}
