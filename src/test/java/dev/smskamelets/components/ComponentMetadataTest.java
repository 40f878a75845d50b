package dev.smskamelets.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.components.ComponentCatalog.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata camel-component-maven-plugin generates for every component of the library (found by listing
 * {@code src/generated/resources}, see {@link ComponentCatalog}): every option and header is described, credentials
 * are secret, the committed files are what this build generated, and Camel resolves each scheme to its class. Each
 * check is proven able to fail on a fixture under {@code src/test/resources/component-fixtures/}.
 */
class ComponentMetadataTest {

    /** What rewrites {@code src/generated} (then commit it). */
    static final String REGENERATE = "mvn -o process-classes";
    /**
     * {@code src/generated} as it was when this build started, copied by the pom (maven-resources-plugin, execution
     * {@code generated-before-regeneration}) before camel-component-maven-plugin rewrote it at process-classes. The
     * plugin also writes its JSON into target/classes, so only this copy shows what the checkout held.
     */
    static final Path BEFORE_REGENERATION = Path.of("target/generated-before-regeneration");
    static final Path GENERATED = Path.of("src/generated");
    static final Path FIXTURES = Path.of("src/test/resources/component-fixtures");
    static final List<String> OPTION_SECTIONS = List.of("componentProperties", "properties", "headers");
    /** Option names that hold a credential: they must be {@code "secret": true}. */
    static final Pattern CREDENTIAL = Pattern.compile("(?i).*(secret|password|apikey|token)");

    @Test
    void theCatalogueFindsTheComponents() throws IOException {
        assertThat(ComponentCatalog.components(ComponentCatalog.GENERATED_RESOURCES))
                .as("component JSON files under %s/%s", ComponentCatalog.GENERATED_RESOURCES,
                        ComponentCatalog.METADATA_DIR)
                .extracting(Component::scheme).contains("listrak-sms").doesNotHaveDuplicates();
    }

    // (a) every option and header has a description

    @Test
    void everyOptionAndHeaderHasADescription() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Component component : ComponentCatalog.components(ComponentCatalog.GENERATED_RESOURCES)) {
            problems.addAll(undocumented(component.json()));
        }
        assertThat(problems).as("options without a description (add description = \"...\" to their @UriParam, "
                + "@UriPath or @Metadata, then run %s)", REGENERATE).isEmpty();
    }

    @Test
    void anUndescribedOptionFailsNamingSchemeAndOption(@TempDir Path resources) throws IOException {
        fixture("undocumented", resources);

        List<Component> components = ComponentCatalog.components(resources);

        assertThat(components).extracting(Component::scheme).containsExactly("fixture-undocumented");
        assertThat(undocumented(components.get(0).json())).containsExactly(
                "fixture-undocumented: component option 'apiKey' has no description",
                "fixture-undocumented: endpoint option 'resource' has no description",
                "fixture-undocumented: endpoint option 'pageSize' has no description",
                "fixture-undocumented: header 'phoneNumber' has no description");
    }

    /** One line per option or header of {@code component} whose description is missing or blank. */
    static List<String> undocumented(JsonNode component) {
        String scheme = component.path("component").path("scheme").asText();
        List<String> problems = new ArrayList<>();
        for (String section : OPTION_SECTIONS) {
            component.path(section).fields().forEachRemaining(option -> {
                if (option.getValue().path("description").asText().isBlank()) {
                    problems.add(scheme + ": " + kind(section) + " '" + option.getKey() + "' has no description");
                }
            });
        }
        return problems;
    }

    // (b) the committed generated files are what this build generated

    @Test
    void committedGeneratedFilesAreCurrent() throws IOException {
        assertThat(BEFORE_REGENERATION).as("%s is missing: run the test through Maven (mvn -o test "
                + "-Dtest=ComponentMetadataTest), whose generate-sources phase copies src/generated there before "
                + "camel-component-maven-plugin regenerates it", BEFORE_REGENERATION).isDirectory();
        assertThat(rewritten(BEFORE_REGENERATION, GENERATED))
                .as("camel-component-maven-plugin rewrote these files of %s in this build, so the ones the build "
                        + "started from were stale: regenerate with `%s` and commit %s", GENERATED, REGENERATE,
                        GENERATED)
                .isEmpty();
    }

    @Test
    void aFileTheBuildRewroteOrAddedIsReported(@TempDir Path dir) throws IOException {
        Path before = dir.resolve("before");
        Path after = dir.resolve("after");
        fixture("undocumented", before.resolve("resources"));
        fixture("undocumented", after.resolve("resources"));
        Path json = Path.of("resources", ComponentCatalog.METADATA_DIR, "fixture", "fixture-undocumented.json");
        assertThat(rewritten(before, after)).isEmpty();

        Files.writeString(after.resolve(json), Files.readString(after.resolve(json)).replace("\"pageSize\"",
                "\"pageLimit\""));
        Path service = Path.of("resources", ComponentCatalog.SERVICES_DIR, "fixture-undocumented");
        Files.createDirectories(after.resolve(service).getParent());
        Files.writeString(after.resolve(service), "class=dev.example.FixtureComponent\n");

        assertThat(rewritten(before, after)).containsExactly(after.resolve(json) + " (changed)",
                after.resolve(service) + " (new)");
    }

    /** Files under {@code after} (named by their path there) that differ from, or are missing in, {@code before}. */
    static List<String> rewritten(Path before, Path after) throws IOException {
        Set<Path> files = new TreeSet<>(relativeFiles(before));
        files.addAll(relativeFiles(after));
        List<String> changed = new ArrayList<>();
        for (Path file : files) {
            Path old = before.resolve(file);
            Path now = after.resolve(file);
            if (!Files.exists(old)) {
                changed.add(now + " (new)");
            } else if (!Files.exists(now)) {
                changed.add(now + " (gone)");
            } else if (!Arrays.equals(Files.readAllBytes(old), Files.readAllBytes(now))) {
                changed.add(now + " (changed)");
            }
        }
        return changed;
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).toList();
        }
    }

    // (c) service files and resolution by a Camel context

    @Test
    void everyComponentHasItsServiceFileAndCamelResolvesItsScheme() throws Exception {
        List<Component> components = ComponentCatalog.components(ComponentCatalog.GENERATED_RESOURCES);
        Map<String, String> services = ComponentCatalog.serviceFiles(ComponentCatalog.GENERATED_RESOURCES);
        assertThat(services.keySet()).as("component service files under %s/%s, one per component JSON",
                        ComponentCatalog.GENERATED_RESOURCES, ComponentCatalog.SERVICES_DIR)
                .containsExactlyInAnyOrderElementsOf(components.stream().map(Component::scheme).toList());
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            for (Component component : components) {
                String scheme = component.scheme();
                assertThat(services.get(scheme)).as("class of %s/%s", ComponentCatalog.SERVICES_DIR, scheme)
                        .isEqualTo(component.javaType());
                for (String generated : List.of("configurer/" + scheme + "-component",
                        "configurer/" + scheme + "-endpoint", "urifactory/" + scheme + "-endpoint")) {
                    assertThat(ComponentCatalog.GENERATED_RESOURCES
                            .resolve("META-INF/services/org/apache/camel/" + generated)).isRegularFile();
                }

                org.apache.camel.Component resolved = context.getComponent(scheme);
                assertThat(resolved).as("context.getComponent(\"%s\")", scheme).isNotNull();
                assertThat(resolved.getClass().getName()).as("class of component %s", scheme)
                        .isEqualTo(component.javaType());
                assertThat(ComponentCatalog.JSON.readTree(context.getComponentParameterJsonSchema(scheme)))
                        .as("the metadata Camel reads for %s", scheme).isEqualTo(component.json());
                assertThat(PluginHelper.getConfigurerResolver(context)
                        .resolvePropertyConfigurer(scheme + "-component", context))
                        .as("component configurer of %s", scheme).isNotNull();
                EndpointUriFactory uris = context.getCamelContextExtension().getEndpointUriFactory(scheme);
                assertThat(uris).as("endpoint URI factory of %s", scheme).isNotNull();
                Set<String> options = new LinkedHashSet<>();
                Set<String> secrets = new LinkedHashSet<>();
                component.json().path("properties").fields().forEachRemaining(o -> {
                    options.add(o.getKey());
                    if (o.getValue().path("secret").asBoolean()) {
                        secrets.add(o.getKey());
                    }
                });
                assertThat(uris.propertyNames()).as("endpoint options of %s's URI factory", scheme)
                        .containsExactlyInAnyOrderElementsOf(options);
                assertThat(uris.secretPropertyNames()).as("secret endpoint options of %s's URI factory", scheme)
                        .containsExactlyInAnyOrderElementsOf(secrets);
            }
        }
    }

    // (d) credentials are secret

    @Test
    void credentialsAreSecret() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Component component : ComponentCatalog.components(ComponentCatalog.GENERATED_RESOURCES)) {
            problems.addAll(unmarkedSecrets(component.json()));
        }
        assertThat(problems).as("credential options must be @UriParam(secret = true, label = \"security\") (then "
                + "run %s)", REGENERATE).isEmpty();
    }

    @Test
    void aCredentialNotMarkedSecretFailsNamingSchemeAndOption(@TempDir Path resources) throws IOException {
        fixture("insecure", resources);

        List<Component> components = ComponentCatalog.components(resources);

        assertThat(components).extracting(Component::scheme).containsExactly("fixture-insecure");
        assertThat(unmarkedSecrets(components.get(0).json())).containsExactly(
                "fixture-insecure: component option 'apiKey' holds a credential but is not \"secret\": true",
                "fixture-insecure: component option 'clientId' is secret but not labelled security",
                "fixture-insecure: endpoint option 'token' holds a credential but is not \"secret\": true",
                "fixture-insecure: endpoint option 'clientId' is not secret, but the component option of that "
                        + "name is");
    }

    /**
     * Credentials (option names ending in secret, password, apiKey or token) not marked secret; secret options
     * without the security label; an option secret at one level (component or endpoint) but not at the other (e.g.
     * a clientId a vendor treats as a secret).
     */
    static List<String> unmarkedSecrets(JsonNode component) {
        String scheme = component.path("component").path("scheme").asText();
        List<String> problems = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties")) {
            String other = section.equals("properties") ? "componentProperties" : "properties";
            component.path(section).fields().forEachRemaining(option -> {
                String name = option.getKey();
                JsonNode o = option.getValue();
                boolean secret = o.path("secret").asBoolean();
                String where = scheme + ": " + kind(section) + " '" + name + "'";
                if (!secret && CREDENTIAL.matcher(name).matches()) {
                    problems.add(where + " holds a credential but is not \"secret\": true");
                } else if (secret && !Arrays.asList(o.path("label").asText().split(",")).contains("security")) {
                    problems.add(where + " is secret but not labelled security");
                }
                JsonNode twin = component.path(other).path(name);
                if (!secret && !CREDENTIAL.matcher(name).matches() && twin.path("secret").asBoolean()) {
                    problems.add(where + " is not secret, but the " + kind(other) + " of that name is");
                }
            });
        }
        return problems;
    }

    private static String kind(String section) {
        return switch (section) {
            case "componentProperties" -> "component option";
            case "properties" -> "endpoint option";
            default -> "header";
        };
    }

    /** Copies fixture {@code name}'s JSON to where the plugin would write it under {@code resources}. */
    static void fixture(String name, Path resources) throws IOException {
        Path dir = resources.resolve(ComponentCatalog.METADATA_DIR).resolve("fixture");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(FIXTURES.resolve(name))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }
}
