package dev.smskamelets.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates the kamelet reference from the YAML definitions: {@code docs/kamelets.md} (index) and one
 * {@code docs/kamelets/<name>.md} page per kamelet with its properties table and YAML/Java usage snippets.
 * Properties whose description says "unverified" are flagged, because their vendor behaviour is not confirmed.
 */
public final class KameletDocs {

    static final String REGENERATE =
            "mvn -o test -Dtest=KameletDocsTest -Dkamelet.docs.update=true -Dsurefire.failIfNoSpecifiedTests=false";
    private static final String UNVERIFIED = "⚠️ **unverified**";

    private KameletDocs() {
    }

    /** Relative path (under the docs folder) → file content, for every kamelet file given. */
    public static Map<String, String> generate(List<Path> kamelets) throws IOException {
        Map<String, String> pages = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder()
                .append("# Kamelet reference\n\n")
                .append(generatedNote())
                .append("| Kamelet | Type | Group | Title | Summary |\n|---|---|---|---|---|\n");
        for (Path file : kamelets) {
            JsonNode kamelet = new YAMLMapper().readTree(file.toFile());
            String name = kamelet.path("metadata").path("name").asText();
            JsonNode definition = kamelet.path("spec").path("definition");
            index.append("| [`").append(name).append("`](kamelets/").append(name).append(".md) | ")
                    .append(type(kamelet)).append(" | ")
                    .append(cell(kamelet.path("metadata").path("annotations").path("camel.apache.org/kamelet.group")
                            .asText())).append(" | ")
                    .append(cell(definition.path("title").asText())).append(" | ")
                    .append(cell(firstSentence(definition.path("description").asText()))).append(" |\n");
            pages.put("kamelets/" + name + ".md", page(name, kamelet));
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("kamelets.md", index.toString());
        all.putAll(pages);
        return all;
    }

    private static String generatedNote() {
        return "<!-- Generated from kamelets/*.kamelet.yaml. Do not edit: regenerate with\n     " + REGENERATE
                + " -->\n\n";
    }

    private static String page(String name, JsonNode kamelet) {
        JsonNode metadata = kamelet.path("metadata");
        JsonNode definition = kamelet.path("spec").path("definition");
        JsonNode annotations = metadata.path("annotations");
        Set<String> required = new TreeSet<>();
        definition.path("required").forEach(r -> required.add(r.asText()));
        StringBuilder page = new StringBuilder("# ").append(definition.path("title").asText()).append("\n\n")
                .append(generatedNote())
                .append("- Name: `").append(name).append("`\n")
                .append("- Type: ").append(type(kamelet)).append("\n")
                .append("- Group: ").append(annotations.path("camel.apache.org/kamelet.group").asText()).append("\n")
                .append("- Support level: ").append(annotations.path("camel.apache.org/kamelet.support.level").asText())
                .append("\n\n")
                .append(definition.path("description").asText().strip()).append("\n\n")
                .append("## Properties\n\n");
        List<String> unverified = new ArrayList<>();
        page.append("| Property | Title | Description | Type | Required | Default | Example |\n")
                .append("|---|---|---|---|---|---|---|\n");
        definition.path("properties").fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            String description = p.path("description").asText();
            boolean flagged = description.toLowerCase().contains("unverified");
            if (flagged) {
                unverified.add(e.getKey());
            }
            String type = p.path("type").asText() + (p.has("format") ? " (" + p.path("format").asText() + ")" : "");
            page.append("| `").append(e.getKey()).append("` | ").append(cell(p.path("title").asText())).append(" | ")
                    .append(flagged ? UNVERIFIED + " " : "").append(cell(description)).append(" | ")
                    .append(type).append(" | ").append(required.contains(e.getKey()) ? "yes" : "no").append(" | ")
                    .append(code(p.path("default"))).append(" | ").append(code(p.path("example"))).append(" |\n");
        });
        if (!unverified.isEmpty()) {
            page.append("\n").append(UNVERIFIED).append(": the vendor behaviour behind ")
                    .append(String.join(", ", unverified.stream().map(n -> "`" + n + "`").toList()))
                    .append(" is not confirmed by the vendor's documentation; check it against the real API.\n");
        }
        return page.append("\n").append(usage(name, type(kamelet), definition, required)).toString();
    }

    private static String usage(String name, String type, JsonNode definition, Set<String> required) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String property : required) {
            JsonNode p = definition.path("properties").path(property);
            boolean secret = "password".equals(p.path("format").asText());
            String example = p.path("example").asText(p.path("default").asText(""));
            parameters.put(property, secret || example.isEmpty() ? "{{" + property + "}}" : example);
        }
        StringBuilder yaml = new StringBuilder("## Usage\n\nSecrets come from properties or the environment "
                + "(`{{name}}` placeholders), never literals.\n\n### YAML route\n\n```yaml\n- route:\n    from:\n");
        StringBuilder uri = new StringBuilder("kamelet:").append(name);
        String separator = "?";
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            uri.append(separator).append(e.getKey()).append("=").append(e.getValue());
            separator = "&";
        }
        if ("source".equals(type)) {
            yaml.append("      uri: \"kamelet:").append(name).append("\"\n").append(yamlParameters(parameters, 6))
                    .append("      steps:\n        - to: \"log:").append(name).append("\"\n```\n\n");
            yaml.append("### Java DSL\n\n```java\nfrom(\"").append(uri).append("\")\n    .to(\"log:").append(name)
                    .append("\");\n```\n");
        } else {
            yaml.append("      uri: \"direct:start\"\n      steps:\n        - to:\n            uri: \"kamelet:")
                    .append(name).append("\"\n").append(yamlParameters(parameters, 12)).append("```\n\n");
            yaml.append("### Java DSL\n\n```java\nfrom(\"direct:start\")\n    .to(\"").append(uri).append("\")")
                    .append("sink".equals(type) ? ";" : "\n    .log(\"${body}\");").append("\n```\n");
        }
        return yaml.toString();
    }

    private static String yamlParameters(Map<String, String> parameters, int indent) {
        if (parameters.isEmpty()) {
            return "";
        }
        String pad = " ".repeat(indent);
        StringBuilder out = new StringBuilder(pad).append("parameters:\n");
        parameters.forEach((k, v) -> out.append(pad).append("  ").append(k).append(": \"").append(v).append("\"\n"));
        return out.toString();
    }

    private static String type(JsonNode kamelet) {
        return kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
    }

    private static String code(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : "`" + value.asText() + "`";
    }

    private static String cell(String text) {
        return text.strip().replace("|", "\\|").replaceAll("\\s*\\n\\s*", " ");
    }

    private static String firstSentence(String text) {
        String flat = cell(text);
        int end = flat.indexOf(". ");
        return end > 0 ? flat.substring(0, end + 1) : flat;
    }
}
