package dev.smskamelets.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.components.ComponentCatalog.Component;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed component reference under {@code docs/components} is exactly what {@link ComponentDocs} generates
 * from the component metadata and the kamelets. Run with {@code -Dcomponent.docs.update=true} to rewrite it (see
 * {@link ComponentDocs#REGENERATE}).
 */
class ComponentDocsTest {

    static final Path DOCS = Path.of("docs");
    static final Path KAMELETS = Path.of("kamelets");

    @Test
    void committedDocsAreUpToDate() throws IOException {
        List<Component> components = ComponentCatalog.components(ComponentCatalog.GENERATED_RESOURCES);
        assertThat(components).isNotEmpty();
        Map<String, String> generated = ComponentDocs.generate(components, kamelets(KAMELETS));
        if (Boolean.getBoolean("component.docs.update")) {
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
            if (!generated.containsKey("components/" + page.getFileName())) {
                stale.add(page + " (no such component)");
            }
        }
        assertThat(stale).as("component docs are stale; regenerate with: %s", ComponentDocs.REGENERATE).isEmpty();
    }

    @Test
    void aPageShowsOptionsHeadersCoordinatesAndAnExampleFromTheKamelets() throws IOException {
        Component sms = ComponentCatalog.components(ComponentCatalog.GENERATED_RESOURCES).stream()
                .filter(c -> c.scheme().equals("listrak-sms")).findFirst().orElseThrow();

        Map<String, String> docs = ComponentDocs.generate(List.of(sms),
                List.of(KAMELETS.resolve("listrak-sms-optout-source.kamelet.yaml")));

        assertThat(docs).containsOnlyKeys("components/README.md", "components/listrak-sms.md");
        assertThat(docs.get("components/README.md")).contains("| [`listrak-sms`](listrak-sms.md) | Listrak SMS | "
                + "`listrak-sms:resource` | Consumer and producer | Listrak SMS REST API v1");
        String page = docs.get("components/listrak-sms.md");
        assertThat(page).contains("# Listrak SMS component", "```\nlistrak-sms:resource[?options]\n```",
                "<groupId>dev.smskamelets</groupId>\n  <artifactId>sms-kamelets</artifactId>",
                // component option: name, description, default, type, required, label
                "| `clientSecret` | OAuth2 client secret of the Listrak integration. |  | string, secret | yes | security |",
                "| `maxAttempts` | Attempts per request (the first included) on 429, 5xx and I/O errors; other errors "
                        + "fail at once. | `5` | integer | no | advanced |",
                // path and query parameters
                "### Path parameters\n\n| Name | Description | Default | Type | Required | Label |\n|---|---|---|---|---|---|\n"
                        + "| `resource` | The API resource",
                "| `senderCodeId` | The Listrak sender code (short code) id. |  | integer | no |  |",
                "| `runLoggingLevel` | ", "| enum (TRACE, DEBUG, INFO, WARN, ERROR, OFF) | no | consumer,scheduler |",
                "multi-value with prefix `scheduler.`",
                // headers
                "| `phoneNumber` | The contact's phone number",
                "| `String` | producer | `dev.smskamelets.listrak.sms.ListrakSmsHeaders#PHONE_NUMBER` |",
                // usage: the account once, the example from the kamelet, the kamelets using the component
                "camel.component.listrak-sms.client-secret = {{env:LISTRAK_SMS_CLIENT_SECRET}}",
                "- route:\n    from:\n      uri: \"listrak-sms:optouts\"\n      parameters:\n"
                        + "        senderCodeId: \"1234\"\n        scheduler: \"quartz\"\n"
                        + "        scheduler.cron: \"0/30 * * * * ?\"\n      steps:\n        - to: \"log:listrak-sms\"",
                "| [`listrak-sms-optout-source`](../kamelets/listrak-sms-optout-source.md) | consumer | "
                        + "`listrak-sms:optouts` |");
        assertThat(page).doesNotContain("clientSecret: \"", "baseUrl: \"");
    }

    @Test
    void aComponentNoKameletUsesGetsAGenericExampleAndEscapedCells(@TempDir Path resources) throws IOException {
        ComponentMetadataTest.fixture("docs", resources);
        List<Component> components = ComponentCatalog.components(resources);

        String page = ComponentDocs.generate(components, List.of()).get("components/fixture-docs.md");

        assertThat(page).contains("- Producer only",
                "| `mode` | Either a \\| b, on one line. | `a` | enum (a, b) | no | producer |",
                "The component reads and sets no headers of its own.",
                "### Query parameters\n\n| Name |",
                "camel.component.fixture-docs.api-key = {{env:FIXTURE_DOCS_API_KEY}}",
                "        - to:\n            uri: \"fixture-docs:<resource>\"\n            parameters:\n"
                        + "              operation: \"{{operation}}\"\n")
                .doesNotContain("A route reading", "### Kamelets built on this component");
    }

    static List<Path> kamelets(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
    }

    private static void write(Map<String, String> generated) throws IOException {
        for (Path page : pages()) {
            if (!generated.containsKey("components/" + page.getFileName())) {
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
        Path dir = DOCS.resolve("components");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }
}
