package dev.smskamelets.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kamelet of the catalogue follows the camel-kamelets rules of {@link KameletValidator}, and every rule is
 * proven able to fail by a deliberately broken fixture under {@code src/test/resources/kamelet-fixtures/<case>/}.
 */
class KameletConformanceTest {

    static final Path CATALOGUE = Path.of("kamelets");
    static final Path FIXTURES = Path.of("src/test/resources/kamelet-fixtures");

    static List<Path> kamelets(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
    }

    @Test
    void everyKameletOfTheCatalogueConforms() throws IOException {
        List<Path> kamelets = kamelets(CATALOGUE);
        assertThat(kamelets).as("kamelets in %s", CATALOGUE.toAbsolutePath()).isNotEmpty();

        assertThat(KameletValidator.validate(kamelets)).extracting(Object::toString).isEmpty();
    }

    @Test
    void theValidFixtureConforms() throws IOException {
        assertThat(KameletValidator.validate(kamelets(FIXTURES.resolve("valid")))).extracting(Object::toString)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "api-version,            api-version,             fixture-api-version-sink.kamelet.yaml,            apiVersion",
        "kind,                   kind,                    fixture-kind-sink.kamelet.yaml,                   kind",
        "name,                   name,                    fixture-name-sink.kamelet.yaml,                   metadata.name",
        "type-label,             type-label,              fixture-type-label-sink.kamelet.yaml,             metadata.labels.camel.apache.org/kamelet.type",
        "annotation,             annotation,              fixture-annotation-sink.kamelet.yaml,             metadata.annotations.camel.apache.org/provider",
        "icon,                   icon,                    fixture-icon-sink.kamelet.yaml,                   metadata.annotations.camel.apache.org/kamelet.icon",
        "definition,             definition,              fixture-definition-sink.kamelet.yaml,             spec.definition.description",
        "required-defined,       required-defined,        fixture-required-defined-sink.kamelet.yaml,       dashboardId",
        "property-title,         property-title,          fixture-property-title-sink.kamelet.yaml,         url",
        "property-description,   property-description,    fixture-property-description-sink.kamelet.yaml,   url",
        "property-type,          property-type,           fixture-property-type-sink.kamelet.yaml,          url",
        "credentials,            credentials,             fixture-credentials-sink.kamelet.yaml,            authToken",
        "unused-property,        unused-property,         fixture-unused-property-sink.kamelet.yaml,        timeoutMillis",
        "undeclared-placeholder, undeclared-placeholder,  fixture-undeclared-placeholder-sink.kamelet.yaml, method",
        "source-to-sink,         source-to-sink,          fixture-source-to-sink-source.kamelet.yaml,       spec.template",
        "consume-from-source,    consume-from-source,     fixture-consume-from-source-sink.kamelet.yaml,    spec.template.from.uri",
        "yaml-dsl-schema,        yaml-dsl-schema,         fixture-yaml-dsl-schema-sink.kamelet.yaml,        spec.template.from.steps[0]",
        "http-option,            http-option,             fixture-http-option-sink.kamelet.yaml,            throwExceptionOnFalure",
        "http-component-option,  http-option,             fixture-http-component-option-sink.kamelet.yaml,  automaticRetriesDisabled",
        "unique-title,           unique-title,            fixture-b-sink.kamelet.yaml,                      spec.definition.title",
        "unique-description,     unique-description,      fixture-b-sink.kamelet.yaml,                      spec.definition.description",
        "artifact-version,       artifact-version,        fixture-artifact-version-sink.kamelet.yaml,       metadata.annotations.camel.apache.org/catalog.version",
        "component-option,       component-option,        fixture-component-option-sink.kamelet.yaml,       dashbordId",
        "raw-value,              raw-value,               fixture-raw-value-sink.kamelet.yaml,              apiKey",
    })
    void eachBrokenFixtureFailsExactlyItsRule(String fixture, String rule, String file, String property)
            throws IOException {
        List<KameletValidator.Violation> violations = KameletValidator.validate(kamelets(FIXTURES.resolve(fixture)));

        assertThat(violations).as("violations of %s", fixture).hasSize(1);
        KameletValidator.Violation violation = violations.get(0);
        assertThat(violation.rule()).isEqualTo(rule);
        assertThat(violation.file()).isEqualTo(file);
        assertThat(violation.property()).isEqualTo(property);
        assertThat(violation.toString()).contains(file, property, "[" + rule + "]");
    }

    @Test
    void everyRuleHasABrokenFixture() {
        for (String rule : KameletValidator.RULES) {
            assertThat(FIXTURES.resolve(rule)).as("fixture for rule %s", rule).isDirectory();
        }
    }

    @Test
    void httpOptionsBehindABaseUrlPropertyAreChecked() throws IOException {
        Path dir = Files.createTempDirectory("kamelets");
        String name = "textrequest-contact-get-action.kamelet.yaml";
        // the first version of the sample action called camel-http directly (the catalogue's now use VendorClient)
        Files.writeString(dir.resolve(name), Files.readString(Path.of("src/test/resources/kamelet-samples").resolve(name))
                .replace("httpMethod: GET", "httpMethod: GET\n                    automaticRetriesDisabled: true"));

        assertThat(KameletValidator.validate(List.of(dir.resolve(name)))).extracting(Object::toString)
                .containsExactly(name + ": [http-option] automaticRetriesDisabled: is an http component option, not an "
                        + "endpoint option: camel-http would send it to the vendor as a query parameter (configure "
                        + "camel.component.http.automaticRetriesDisabled or an httpClientConfigurer)");
    }

    @Test
    void placeholdersAreFoundInAllTheirForms() {
        Set<String> names = new TreeSet<>();
        KameletValidator.placeholders(
                "{{a}} {{?b}} {{!c}} {{d:x}} {{e:{{f}}}} {{env:HOME}} {{g:{{?h:y}}}} ${header.x} {{ i }}", names);
        assertThat(names).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i");
    }
}
