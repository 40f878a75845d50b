package dev.smskamelets.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The library's Camel components as camel-component-maven-plugin describes them under {@code src/generated/resources}:
 * every component JSON below {@code META-INF/dev/smskamelets} and every component service file below
 * {@code META-INF/services/org/apache/camel/component}. Found by listing, so a new component needs no change here.
 */
final class ComponentCatalog {

    /** Where the plugin writes the component metadata (committed). */
    static final Path GENERATED_RESOURCES = Path.of("src/generated/resources");
    static final String METADATA_DIR = "META-INF/dev/smskamelets";
    static final String SERVICES_DIR = "META-INF/services/org/apache/camel/component";
    static final ObjectMapper JSON = new ObjectMapper();

    private ComponentCatalog() {
    }

    /** One component's metadata file and its parsed content. */
    record Component(Path file, JsonNode json) {

        String scheme() {
            return json.path("component").path("scheme").asText();
        }

        String javaType() {
            return json.path("component").path("javaType").asText();
        }
    }

    /** Every component JSON under {@code <resources>/META-INF/dev/smskamelets}, sorted by scheme. */
    static List<Component> components(Path resources) throws IOException {
        Path dir = resources.resolve(METADATA_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Component> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = read(file);
                if ("component".equals(json.path("component").path("kind").asText())) {
                    found.add(new Component(file, json));
                }
            }
        }
        found.sort((a, b) -> a.scheme().compareTo(b.scheme()));
        return found;
    }

    /** Scheme → class named by each {@code META-INF/services/org/apache/camel/component/<scheme>} file. */
    static Map<String, String> serviceFiles(Path resources) throws IOException {
        Map<String, String> services = new TreeMap<>();
        Path dir = resources.resolve(SERVICES_DIR);
        if (!Files.isDirectory(dir)) {
            return services;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                services.put(file.getFileName().toString(), serviceClass(file));
            }
        }
        return services;
    }

    /** The {@code class=} entry of a Camel service file (empty when it has none). */
    static String serviceClass(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(l -> l.startsWith("class="))
                .map(l -> l.substring("class=".length()).strip())
                .findFirst().orElse("");
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read component metadata " + file, e);
        }
    }
}
