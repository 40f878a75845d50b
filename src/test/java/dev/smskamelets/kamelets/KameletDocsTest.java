package dev.smskamelets.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed kamelet reference under {@code docs/} is exactly what {@link KameletDocs} generates from
 * {@code kamelets/}. Run with {@code -Dkamelet.docs.update=true} to rewrite it (see {@link KameletDocs#REGENERATE}).
 */
class KameletDocsTest {

    static final Path DOCS = Path.of("docs");

    @Test
    void committedDocsAreUpToDate() throws IOException {
        Map<String, String> generated = KameletDocs.generate(KameletConformanceTest.kamelets(Path.of("kamelets")));
        if (Boolean.getBoolean("kamelet.docs.update")) {
            write(generated);
        }
        List<String> stale = new ArrayList<>();
        generated.forEach((file, content) -> {
            Path path = DOCS.resolve(file);
            try {
                if (!Files.exists(path) || !Files.readString(path, StandardCharsets.UTF_8).equals(content)) {
                    stale.add(path + " (out of date)");
                }
            } catch (IOException e) {
                stale.add(path + " (" + e + ")");
            }
        });
        for (Path page : pages()) {
            if (!generated.containsKey("kamelets/" + page.getFileName())) {
                stale.add(page + " (no such kamelet)");
            }
        }
        assertThat(stale).as("kamelet docs are stale; regenerate with: %s", KameletDocs.REGENERATE).isEmpty();
    }

    @Test
    void pagesShowPropertiesUsageAndFlagUnverifiedProperties() throws IOException {
        Path dir = Files.createTempDirectory("kamelet-docs");
        Path kamelet = dir.resolve("fixture-valid-sink.kamelet.yaml");
        String yaml = Files.readString(Path.of("src/test/resources/kamelet-fixtures/valid/fixture-valid-sink.kamelet.yaml"))
                .replace("Where the message is posted.", "Where the message is posted (unverified, vendor docs are silent).");
        Files.writeString(kamelet, yaml);

        String page = KameletDocs.generate(List.of(kamelet)).get("kamelets/fixture-valid-sink.md");

        assertThat(page).contains("| `url` | Target URL | ⚠️ **unverified** Where the message is posted",
                "| string | yes | `https://example.com/hook` |", "uri: \"kamelet:fixture-valid-sink\"",
                ".to(\"kamelet:fixture-valid-sink?url=https://example.com/hook\");");
    }

    private static void write(Map<String, String> generated) throws IOException {
        for (Path page : pages()) {
            if (!generated.containsKey("kamelets/" + page.getFileName())) {
                Files.delete(page);
            }
        }
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path path = DOCS.resolve(e.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static List<Path> pages() throws IOException {
        Path dir = DOCS.resolve("kamelets");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }
}
