package dev.smskamelets.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.smskamelets.components.ComponentCatalog.Component;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Generates the component reference from the metadata camel-component-maven-plugin writes
 * ({@code src/generated/resources/META-INF/dev/smskamelets/**}/{@code <scheme>.json}): {@code docs/components/README.md}
 * (index) and one {@code docs/components/<scheme>.md} page per component with its URI syntax, Maven coordinates,
 * component options, endpoint options (path and query), headers and a YAML usage example. The example and the list
 * of kamelets built on the component come from the kamelets of the catalogue that use its scheme.
 */
public final class ComponentDocs {

    static final String REGENERATE =
            "mvn -o test -Dtest=ComponentDocsTest -Dcomponent.docs.update=true -Dsurefire.failIfNoSpecifiedTests=false";
    static final String INDEX = "components/README.md";

    private ComponentDocs() {
    }

    /** An endpoint of the component in a kamelet's template. */
    record Use(String kamelet, boolean consumer, String uri, Map<String, String> parameters, JsonNode properties) {

        String resource() {
            int colon = uri.indexOf(':');
            int query = uri.indexOf('?');
            return uri.substring(colon + 1, query < 0 ? uri.length() : query);
        }
    }

    /** Relative path (under the docs folder) → file content, for the components and kamelets given. */
    public static Map<String, String> generate(List<Component> components, List<Path> kamelets) throws IOException {
        List<JsonNode> templates = new ArrayList<>();
        for (Path file : kamelets) {
            templates.add(new YAMLMapper().readTree(file.toFile()));
        }
        StringBuilder index = new StringBuilder("# Component reference\n\n").append(generatedNote())
                .append("The library's Camel components, one per vendor API. Each kamelet of the catalogue ")
                .append("([kamelet reference](../kamelets.md)) is a thin wrapper over one of them; routes can also ")
                .append("use the components directly.\n\n")
                .append("| Scheme | Title | Syntax | Consumer / producer | Summary |\n|---|---|---|---|---|\n");
        Map<String, String> pages = new LinkedHashMap<>();
        for (Component component : components) {
            JsonNode c = component.json().path("component");
            String scheme = component.scheme();
            index.append("| [`").append(scheme).append("`](").append(scheme).append(".md) | ")
                    .append(cell(c.path("title").asText())).append(" | `").append(c.path("syntax").asText())
                    .append("` | ").append(roles(c)).append(" | ")
                    .append(cell(firstSentence(c.path("description").asText()))).append(" |\n");
            pages.put("components/" + scheme + ".md", page(component.json(), uses(scheme, templates)));
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put(INDEX, index.toString());
        all.putAll(pages);
        return all;
    }

    private static String generatedNote() {
        return "<!-- Generated from the component metadata in src/generated/resources (camel-component-maven-plugin) "
                + "and kamelets/*.kamelet.yaml.\n     Do not edit: regenerate with\n     " + REGENERATE + " -->\n\n";
    }

    private static String page(JsonNode json, List<Use> uses) {
        JsonNode c = json.path("component");
        String scheme = c.path("scheme").asText();
        StringBuilder page = new StringBuilder("# ").append(c.path("title").asText()).append(" component\n\n")
                .append(generatedNote())
                .append("- Scheme: `").append(scheme).append("`\n")
                .append("- ").append(roles(c)).append("\n")
                .append("- Support level: ").append(c.path("supportLevel").asText()).append(", since ")
                .append(c.path("firstVersion").asText()).append("\n")
                .append("- Labels: ").append(c.path("label").asText().replace(",", ", ")).append("\n")
                .append("- Component class: `").append(c.path("javaType").asText()).append("`\n\n")
                .append(c.path("description").asText().strip()).append("\n\n")
                .append("## URI format\n\n```\n").append(c.path("syntax").asText()).append("[?options]\n```\n\n")
                .append("Options go in the query or, in a YAML route, under `parameters:`. Placeholders ")
                .append("(`{{name}}`) keep secrets out of the route.\n\n")
                .append("## Maven coordinates\n\n```xml\n<dependency>\n  <groupId>").append(c.path("groupId").asText())
                .append("</groupId>\n  <artifactId>").append(c.path("artifactId").asText())
                .append("</artifactId>\n  <version>").append(c.path("version").asText())
                .append("</version>\n</dependency>\n```\n\n");

        page.append("## Component options\n\nSet on the component (`camel.component.").append(scheme)
                .append(".<option-in-kebab-case>` in `application.properties`), an option is the default of every ")
                .append("endpoint of the component; options of the account's configuration can also be set per ")
                .append("endpoint.\n\n");
        options(page, json.path("componentProperties"), o -> true);
        page.append("\n## Endpoint options\n\n### Path parameters\n\n");
        options(page, json.path("properties"), o -> "path".equals(o.path("kind").asText()));
        page.append("\n### Query parameters\n\n");
        options(page, json.path("properties"), o -> !"path".equals(o.path("kind").asText()));
        page.append("\n## Message headers\n\n");
        if (json.path("headers").isEmpty()) {
            page.append("The component reads and sets no headers of its own.\n");
        } else {
            page.append("| Name | Description | Type | Label | Constant |\n|---|---|---|---|---|\n");
            json.path("headers").fields().forEachRemaining(e -> {
                JsonNode h = e.getValue();
                page.append("| `").append(e.getKey()).append("` | ").append(cell(h.path("description").asText()))
                        .append(" | `").append(h.path("javaType").asText()).append("` | ")
                        .append(cell(h.path("label").asText())).append(" | ")
                        .append(h.path("constantName").asText().isEmpty() ? ""
                                : "`" + h.path("constantName").asText() + "`")
                        .append(" |\n");
            });
        }
        return page.append("\n").append(usage(json, uses)).toString();
    }

    private static void options(StringBuilder page, JsonNode options, Predicate<JsonNode> which) {
        StringBuilder rows = new StringBuilder();
        options.fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            if (!which.test(o)) {
                return;
            }
            rows.append("| `").append(e.getKey()).append("` | ").append(cell(o.path("description").asText()))
                    .append(" | ").append(code(o.path("defaultValue"))).append(" | ").append(type(o)).append(" | ")
                    .append(o.path("required").asBoolean() ? "yes" : "no").append(" | ")
                    .append(cell(o.path("label").asText())).append(" |\n");
        });
        if (rows.isEmpty()) {
            page.append("None.\n");
        } else {
            page.append("| Name | Description | Default | Type | Required | Label |\n|---|---|---|---|---|---|\n")
                    .append(rows);
        }
    }

    private static String type(JsonNode option) {
        StringBuilder type = new StringBuilder(option.path("type").asText());
        if (option.has("enum")) {
            List<String> values = new ArrayList<>();
            option.path("enum").forEach(v -> values.add(v.asText()));
            type.append(" (").append(String.join(", ", values)).append(")");
        }
        if (option.path("multiValue").asBoolean()) {
            type.append(", multi-value with prefix `").append(option.path("prefix").asText()).append("`");
        }
        if (option.path("secret").asBoolean()) {
            type.append(", secret");
        }
        return cell(type.toString());
    }

    // ---- usage: from the kamelets that use the component

    /** Every endpoint of {@code scheme} in the kamelets' templates: the template's {@code from} and any step. */
    static List<Use> uses(String scheme, List<JsonNode> kamelets) {
        List<Use> uses = new ArrayList<>();
        for (JsonNode kamelet : kamelets) {
            String name = kamelet.path("metadata").path("name").asText();
            JsonNode properties = kamelet.path("spec").path("definition").path("properties");
            JsonNode from = kamelet.path("spec").path("template").path("from");
            if (from.path("uri").asText().startsWith(scheme + ":")) {
                uses.add(use(name, properties, true, from.path("uri").asText(), from.path("parameters")));
            }
            collect(name, properties, scheme, from.path("steps"), uses);
        }
        return uses;
    }

    private static void collect(String kamelet, JsonNode properties, String scheme, JsonNode node, List<Use> uses) {
        if (node.isArray()) {
            node.forEach(n -> collect(kamelet, properties, scheme, n, uses));
        } else if (node.isObject()) {
            if (node.path("uri").asText().startsWith(scheme + ":")) {
                uses.add(use(kamelet, properties, false, node.path("uri").asText(), node.path("parameters")));
            }
            node.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && !"uri".equals(e.getKey())
                        && e.getValue().asText().startsWith(scheme + ":")) {
                    uses.add(use(kamelet, properties, false, e.getValue().asText(), null));
                } else {
                    collect(kamelet, properties, scheme, e.getValue(), uses);
                }
            });
        }
    }

    private static Use use(String kamelet, JsonNode properties, boolean consumer, String uri, JsonNode parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        int query = uri.indexOf('?');
        if (query >= 0) {
            for (String pair : uri.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                values.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        if (parameters != null) {
            parameters.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        return new Use(kamelet, consumer, query < 0 ? uri : uri.substring(0, query), values, properties);
    }

    private static String usage(JsonNode json, List<Use> uses) {
        JsonNode c = json.path("component");
        String scheme = c.path("scheme").asText();
        StringBuilder usage = new StringBuilder("## Usage\n\n");
        List<String> credentials = new ArrayList<>();
        json.path("componentProperties").fields().forEachRemaining(e -> {
            if (e.getValue().path("required").asBoolean() || e.getValue().path("secret").asBoolean()) {
                credentials.add(e.getKey());
            }
        });
        if (!credentials.isEmpty()) {
            usage.append("The account's settings once for every endpoint, in `application.properties` (secrets from ")
                    .append("the environment):\n\n```properties\n");
            for (String option : credentials) {
                usage.append("camel.component.").append(scheme).append(".").append(kebab(option)).append(" = {{env:")
                        .append(scheme.toUpperCase(Locale.ROOT).replace('-', '_')).append("_")
                        .append(kebab(option).toUpperCase(Locale.ROOT).replace('-', '_')).append("}}\n");
            }
            usage.append("```\n\n");
        }
        Use consumer = uses.stream().filter(Use::consumer).findFirst().orElse(null);
        Use producer = uses.stream().filter(u -> !u.consumer()).findFirst().orElse(null);
        boolean consumes = !c.path("producerOnly").asBoolean();
        boolean produces = !c.path("consumerOnly").asBoolean();
        if (consumes && (consumer != null || producer == null)) {
            usage.append("A route reading ").append(consumer != null ? "`" + consumer.resource() + "`" : "a resource")
                    .append(" (one exchange per record; `batch=true` hands a page as one list):\n\n```yaml\n")
                    .append("- route:\n    from:\n      uri: \"")
                    .append(consumer != null ? consumer.uri() : scheme + ":<resource>").append("\"\n")
                    .append(parameters(json, consumer, 6))
                    .append("      steps:\n        - to: \"log:").append(scheme).append("\"\n```\n\n");
        }
        if (produces && (producer != null || consumer == null)) {
            usage.append("A route calling ").append(producer != null && producer.parameters().containsKey("operation")
                            ? "operation `" + producer.parameters().get("operation") + "` of `" + producer.resource() + "`"
                            : "the API")
                    .append(" for each message:\n\n```yaml\n- route:\n    from:\n      uri: \"direct:start\"\n")
                    .append("      steps:\n        - to:\n            uri: \"")
                    .append(producer != null ? producer.uri() : scheme + ":<resource>").append("\"\n")
                    .append(parameters(json, producer, 12)).append("```\n\n");
        }
        if (!uses.isEmpty()) {
            usage.append("### Kamelets built on this component\n\n| Kamelet | Role | Endpoint |\n|---|---|---|\n");
            for (Use use : uses) {
                String operation = use.parameters().get("operation");
                usage.append("| [`").append(use.kamelet()).append("`](../kamelets/").append(use.kamelet())
                        .append(".md) | ").append(use.consumer() ? "consumer" : "producer").append(" | `")
                        .append(use.uri()).append(operation != null ? "?operation=" + operation : "").append("` |\n");
            }
        }
        return usage.toString();
    }

    /**
     * The example's parameters: those a kamelet sets on the endpoint that are not the account's (component options)
     * and that matter, i.e. required, without a default in the resource's group {@code common}, a literal other than
     * the default, or no option of their own (a prefixed one such as {@code scheduler.cron}). A {@code {{property}}}
     * placeholder becomes the kamelet property's example or default; secrets stay placeholders.
     */
    private static String parameters(JsonNode json, Use use, int indent) {
        Map<String, String> chosen = new LinkedHashMap<>();
        JsonNode options = json.path("properties");
        if (use != null) {
            use.parameters().forEach((name, value) -> {
                JsonNode option = options.path(name);
                if (json.path("componentProperties").has(name) || "path".equals(option.path("kind").asText())) {
                    return;
                }
                boolean literal = !value.contains("{{");
                boolean matters = option.isMissingNode() || option.path("required").asBoolean()
                        || (!option.has("defaultValue") && "common".equals(option.path("group").asText()))
                        || (literal && !value.equals(option.path("defaultValue").asText()));
                if (matters) {
                    chosen.put(name, literal || option.path("secret").asBoolean() ? value : example(value, use));
                }
            });
        } else {
            options.fields().forEachRemaining(e -> {
                if (e.getValue().path("required").asBoolean() && !"path".equals(e.getValue().path("kind").asText())
                        && !json.path("componentProperties").has(e.getKey())) {
                    chosen.put(e.getKey(), "{{" + e.getKey() + "}}");
                }
            });
        }
        if (chosen.isEmpty()) {
            return "";
        }
        String pad = " ".repeat(indent);
        StringBuilder out = new StringBuilder(pad).append("parameters:\n");
        chosen.forEach((k, v) -> out.append(pad).append("  ").append(k).append(": \"").append(v).append("\"\n"));
        return out.toString();
    }

    /** {@code {{property}}} → the kamelet property's example, else its default, else the placeholder itself. */
    private static String example(String value, Use use) {
        if (value.startsWith("RAW(") && value.endsWith(")")) {
            // a kamelet passes string placeholders RAW; the example keeps RAW only where the value needs it
            String example = example(value.substring(4, value.length() - 1), use);
            return example.matches(".*[+&%].*|\\{\\{.*}}") ? "RAW(" + example + ")" : example;
        }
        java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\{\\{([^}]+)}}").matcher(value);
        if (!placeholder.matches()) {
            return value;
        }
        JsonNode property = use.properties().path(placeholder.group(1));
        if ("password".equals(property.path("format").asText())) {
            return value;
        }
        return property.path("example").asText(property.path("default").asText(value));
    }

    // ---- text helpers

    private static String roles(JsonNode component) {
        if (component.path("consumerOnly").asBoolean()) {
            return "Consumer only";
        }
        return component.path("producerOnly").asBoolean() ? "Producer only" : "Consumer and producer";
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String code(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : "`" + cell(value.asText()) + "`";
    }

    static String cell(String text) {
        return text.strip().replace("|", "\\|").replaceAll("\\s*\\n\\s*", " ");
    }

    private static String firstSentence(String text) {
        String flat = cell(text);
        int end = flat.indexOf(". ");
        return end > 0 ? flat.substring(0, end + 1) : flat;
    }
}
