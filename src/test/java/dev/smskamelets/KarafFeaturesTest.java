package dev.smskamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * The Karaf features repository the build attaches ({@code src/main/feature/features.xml}, filtered into
 * {@code target/feature} at generate-resources) is valid against Karaf 4.4's {@code karaf-features-1.6.0.xsd} (from
 * org.apache.karaf.features.core, a test dependency), has every placeholder filtered, and names camel-karaf's feature
 * repository of the Camel minor the library is built with. Not boot-tested: see docs/runtimes-karaf.md.
 */
class KarafFeaturesTest {

    static final String XSD = "/org/apache/karaf/features/karaf-features-1.6.0.xsd";
    static final Path FEATURES = Path.of("target/feature/features.xml");
    static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        URL xsd = KarafFeaturesTest.class.getResource(XSD);
        assertThat(xsd).as(XSD + " on the test classpath (org.apache.karaf.features.core)").isNotNull();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        schema = factory.newSchema(xsd);
    }

    @Test
    void theAttachedFeaturesRepositoryIsValid() throws Exception {
        assertThat(FEATURES).as("filtered at generate-resources").exists();
        try (InputStream in = Files.newInputStream(FEATURES)) {
            assertThat(problems(in, Files.readString(FEATURES))).isEmpty();
        }
        String text = Files.readString(FEATURES);
        assertThat(text).contains("<feature name=\"sms-kamelets\" version=\"0.1.0-SNAPSHOT\"",
                "<bundle>mvn:dev.smskamelets/sms-kamelets/0.1.0-SNAPSHOT</bundle>",
                "<condition>camel-sql</condition>",
                "mvn:com.googlecode.libphonenumber/libphonenumber/",
                "mvn:com.fasterxml.jackson.dataformat/jackson-dataformat-csv/",
                "mvn:com.zaxxer/HikariCP/",
                "mvn:org.postgresql/postgresql/");
    }

    @Test
    void aBrokenFeaturesRepositoryFailsValidation() throws Exception {
        String text;
        try (InputStream in = KarafFeaturesTest.class.getResourceAsStream("/feature-fixtures/broken-features.xml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> problems = problems(new ByteArrayInputStream(text.getBytes(
                StandardCharsets.UTF_8)), text);
        assertThat(problems).anyMatch(p -> p.startsWith("line 8: ") && p.contains("'early'"))
                .anyMatch(p -> p.startsWith("line 9: ") && p.contains("'optional'"))
                .anyMatch(p -> p.startsWith("line 11: ") && p.contains("'name'"))
                .anyMatch(p -> p.startsWith("line 12: ") && p.contains(":bundles}"))
                .contains("no feature repository mvn:org.apache.camel.karaf/apache-camel/"
                        + camelMinor() + ".x/xml/features (camel-karaf of Camel " + camelVersion() + ")");
    }

    /** Schema errors (each with its line) and the repository rule, for one features document. */
    static List<String> problems(InputStream document, String text) throws Exception {
        List<String> problems = new ArrayList<>();
        Validator validator = schema.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        validator.validate(new StreamSource(document));
        Matcher placeholder = Pattern.compile("\\$\\{[^}]+}").matcher(text);
        while (placeholder.find()) {
            problems.add("unfiltered placeholder " + placeholder.group());
        }
        String repository = "mvn:org.apache.camel.karaf/apache-camel/" + camelMinor() + ".";
        if (!Pattern.compile("<repository>" + Pattern.quote(repository) + "\\d+/xml/features</repository>")
                .matcher(text).find()) {
            problems.add("no feature repository mvn:org.apache.camel.karaf/apache-camel/" + camelMinor()
                    + ".x/xml/features (camel-karaf of Camel " + camelVersion() + ")");
        }
        return problems;
    }

    /** The Camel version the library is built with, as its catalog says. */
    static String camelVersion() {
        return new DefaultCamelCatalog().getCatalogVersion();
    }

    static String camelMinor() {
        String[] parts = camelVersion().split("\\.");
        return parts[0] + "." + parts[1];
    }
}
