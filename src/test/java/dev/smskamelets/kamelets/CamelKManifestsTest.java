package dev.smskamelets.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Camel K side of the catalogue: every Kamelet of {@code kamelets/} passes the Kamelet CRD schema and every Pipe
 * of {@code src/main/camel-k/pipes/} the Pipe CRD schema of Camel 4.18 (from the npm package
 * {@code @kaoto/camel-catalog} the build fetches) and the Pipe rules of {@link CamelKManifests}; each rule is proven
 * able to fail by a broken fixture under {@code src/test/resources/camel-k-fixtures/<rule>/}.
 */
class CamelKManifestsTest {

    static final Path FIXTURES = Path.of("src/test/resources/camel-k-fixtures");

    static List<Path> catalogue() throws IOException {
        return CamelKManifests.files(KameletConformanceTest.CATALOGUE, ".kamelet.yaml");
    }

    @Test
    void theSchemasAreThoseOfTheCamelVersionBuiltWith() {
        KaotoCamelCatalog catalog = KaotoCamelCatalog.get();
        String minor = catalog.camelVersion.replaceFirst("^(\\d+\\.\\d+)\\..*$", "$1");

        assertThat(catalog.catalogName).startsWith("Camel Main " + minor + ".");
        assertThat(catalog.kameletSchema.path("description").asText()).contains("Kamelet");
        assertThat(catalog.pipeSchema.path("properties").path("spec").path("properties").fieldNames())
                .toIterable().contains("source", "sink", "steps", "integration");
        assertThat(catalog.apacheKamelets).containsKeys("predicate-filter-action", "insert-header-action",
                "set-body-action", "simple-filter-action");
    }

    @Test
    void everyKameletOfTheCataloguePassesTheKameletCrdSchema() throws IOException {
        List<Path> kamelets = catalogue();
        assertThat(kamelets).hasSizeGreaterThanOrEqualTo(38);

        assertThat(CamelKManifests.validateKamelets(kamelets)).extracting(Object::toString).isEmpty();
    }

    @Test
    void everyPipeIsValid() throws IOException {
        List<Path> pipes = CamelKManifests.files(CamelKManifests.PIPES, ".pipe.yaml");
        // the job patterns docs/runtimes-camel-k.md lists
        assertThat(pipes).extracting(p -> p.getFileName().toString()).contains(
                "listrak-optout-to-textrequest-suppress.pipe.yaml", "textrequest-webhook-to-listrak-optout.pipe.yaml",
                "textable-relay-to-listrak-optout.pipe.yaml", "listrak-contacts-to-textable.pipe.yaml");

        assertThat(CamelKManifests.validatePipes(pipes, catalogue())).extracting(Object::toString).isEmpty();
    }

    @Test
    void theValidFixturePasses() throws IOException {
        assertThat(CamelKManifests.validatePipes(CamelKManifests.files(FIXTURES.resolve("valid"), ".pipe.yaml"),
                catalogue())).extracting(Object::toString).isEmpty();
    }

    @Test
    void aBrokenKameletFailsTheKameletCrdSchema() throws IOException {
        List<KameletValidator.Violation> violations = CamelKManifests.validateKamelets(
                CamelKManifests.files(FIXTURES.resolve("crd-schema"), ".kamelet.yaml"));

        assertThat(violations).hasSize(1);
        KameletValidator.Violation violation = violations.get(0);
        assertThat(violation.file()).isEqualTo("fixture-crd-schema-action.kamelet.yaml");
        assertThat(violation.property()).isEqualTo("spec.dependencies");
        assertThat(violation.rule()).isEqualTo("crd-schema");
        assertThat(violation.toString()).contains("fixture-crd-schema-action.kamelet.yaml", "spec.dependencies",
                "Kamelet CRD schema", "array");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "crd-schema,        fixture-crd-schema.pipe.yaml,        spec.source.ref,                    object",
        "pipe-kind,         fixture-pipe-kind.pipe.yaml,         apiVersion,                         KameletBinding",
        "pipe-name,         fixture-pipe-name.pipe.yaml,         metadata.name,                      fixture-other-name",
        "pipe-ref,          fixture-pipe-ref.pipe.yaml,          spec.steps[0].ref.name,             simple-filtre-action",
        "pipe-secret,       fixture-pipe-secret.pipe.yaml,       spec.source.properties.sharedSecret, placeholder",
        "artifact-version,  fixture-artifact-version.pipe.yaml,  spec.integration.dependencies[0],   sms-kamelets:0.0.1",
    })
    void eachBrokenPipeFailsExactlyItsRule(String rule, String file, String path, String detail) throws IOException {
        List<KameletValidator.Violation> violations = CamelKManifests.validatePipes(
                CamelKManifests.files(FIXTURES.resolve(rule), ".pipe.yaml"), catalogue());

        assertThat(violations).as("violations of %s", rule).hasSize(1);
        KameletValidator.Violation violation = violations.get(0);
        assertThat(violation.rule()).isEqualTo(rule);
        assertThat(violation.file()).isEqualTo(file);
        assertThat(violation.property()).isEqualTo(path);
        assertThat(violation.toString()).contains(file, path, "[" + rule + "]", detail);
    }

    @Test
    void aMisspelledPropertyIsUndeclaredAndLeavesTheRequiredOneUnset() throws IOException {
        assertThat(CamelKManifests.validatePipes(CamelKManifests.files(FIXTURES.resolve("pipe-property"), ".pipe.yaml"),
                catalogue())).extracting(Object::toString).containsExactly(
                "fixture-pipe-property.pipe.yaml: [pipe-property] spec.sink.properties.senderCodeID: "
                        + "'listrak-sms-contact-optout-sink' has no property 'senderCodeID' (it has [baseUrl, authUrl, "
                        + "clientId, clientSecret, senderCodeId, requestsPerSecond, defaultRegion])",
                "fixture-pipe-property.pipe.yaml: [pipe-property] spec.sink.properties.senderCodeId: is required by "
                        + "'listrak-sms-contact-optout-sink' and has no default");
    }

    @Test
    void everyRuleHasABrokenFixture() {
        for (String rule : CamelKManifests.PIPE_RULES) {
            assertThat(FIXTURES.resolve(rule)).as("fixture for rule %s", rule).isDirectory();
        }
    }
}
