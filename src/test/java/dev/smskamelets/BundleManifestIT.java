package dev.smskamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}: the library artifact is an OSGi bundle Karaf can wire (see {@link BundleManifestRules}
 * and docs/runtimes-karaf.md), and the third-party bundles the Karaf feature installs are the versions this build uses
 * and carry OSGi headers of their own. Nothing here boots Karaf.
 */
class BundleManifestIT {

    static final Path COMPONENT_FACTORIES = Path.of("src/generated/resources/META-INF/services/org/apache/camel/component");
    static Path jar;

    @BeforeAll
    static void findJar() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches(KameletJarIT.LIBRARY_JAR)).findFirst()
                    .orElseThrow(() -> new AssertionError("no library jar in target/ (run mvn verify)"));
        }
    }

    @Test
    void theLibraryJarIsABundleKarafCanWire() throws Exception {
        Manifest manifest;
        List<String> entries;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
            entries = file.stream().map(e -> e.getName()).toList();
        }
        Map<String, String> dependencyPackages = dependencyPackages();
        assertThat(dependencyPackages).as("the Camel jars' packages were read").containsKey("org.apache.camel.spi");
        List<String> components = components();
        assertThat(components).contains("textrequest", "textable", "listrak-sms");

        assertThat(BundleManifestRules.violations(manifest, entries, dependencyPackages, components)).isEmpty();

        // What the rules take for granted, seen on the real manifest.
        Map<String, String> exports = BundleManifestRules.clauses(manifest.getMainAttributes().getValue("Export-Package"));
        Map<String, String> imports = BundleManifestRules.clauses(manifest.getMainAttributes().getValue("Import-Package"));
        assertThat(exports).containsKeys("dev.smskamelets.component", "dev.smskamelets.core.http",
                "dev.smskamelets.textrequest", "dev.smskamelets.jobs.optout");
        assertThat(exports.keySet()).allMatch(p -> p.startsWith("dev.smskamelets."));
        assertThat(imports).containsKeys("org.apache.camel", "org.apache.camel.spi",
                "com.google.i18n.phonenumbers", "com.fasterxml.jackson.dataformat.csv");
        assertThat(imports.get("com.zaxxer.hikari")).as("HikariCP is optional (cluster mode)")
                .contains("resolution:=optional");
        assertThat(imports.keySet()).noneMatch(p -> p.startsWith("com.atlassian") || p.startsWith("io.swagger"));
    }

    @Test
    void aBrokenManifestIsCaught() throws Exception {
        Manifest manifest;
        try (InputStream in = BundleManifestIT.class.getResourceAsStream("/bundle-fixtures/broken-MANIFEST.MF")) {
            manifest = new Manifest(in);
        }
        List<String> entries = List.of(
                "dev/smskamelets/core/http/HttpClient.class",
                "dev/smskamelets/core/csv/Csv.class",
                "dev/smskamelets/core/phone/Phones.class",
                "dev/smskamelets/sandbox/Sandbox.class",
                "org/apache/camel/support/Patched.class",
                "routes/contact-import.yaml");
        assertThat(BundleManifestRules.violations(manifest, entries,
                Map.of("org.apache.camel.support", "camel-support-4.18.0.jar"), List.of("textrequest")))
                .containsExactly(
                        "Bundle-SymbolicName is sms-kamelets, not dev.smskamelets.sms-kamelets",
                        "package dev.smskamelets.core.phone is in the jar but not in Export-Package",
                        "package dev.smskamelets.sandbox is in the jar: the sandbox ships in the -sandbox artifact only",
                        "package org.apache.camel.support is split: in this bundle and in camel-support-4.18.0.jar",
                        "Export-Package dev.smskamelets.core.csv has no version",
                        "Export-Package dev.smskamelets.sandbox is the sandbox's",
                        "Import-Package org.apache.camel.spi has version null, not [4.18,5)",
                        "Import-Package org.apache.camel.support.service has version [4.0,5), not [4.18,5)",
                        "Import-Package dev.smskamelets.sandbox.listrak is the sandbox's",
                        "the jar holds no kamelets/*.kamelet.yaml",
                        "the jar holds no META-INF/services/org/apache/camel/component/textrequest: Camel cannot discover component textrequest");
    }

    @Test
    void theFeaturesThirdPartyBundlesAreTheBuildsAndCarryOsgiHeaders() throws Exception {
        String features = Files.readString(Path.of("target/feature/features.xml"));
        Matcher bundle = Pattern.compile("<bundle[^>]*>mvn:([^/<]+)/([^/<]+)/([^/<]+)</bundle>").matcher(features);
        List<String> checked = new ArrayList<>();
        while (bundle.find()) {
            if (bundle.group(1).equals("dev.smskamelets")) {
                continue; // this build's own bundle, checked above
            }
            Path file = Path.of("target/lib", bundle.group(2) + "-" + bundle.group(3) + ".jar");
            assertThat(file).as("features.xml bundle " + bundle.group() + " is the version this build resolves").exists();
            try (JarFile jarFile = new JarFile(file.toFile())) {
                assertThat(jarFile.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
                        .as(file + " is an OSGi bundle").isNotBlank();
                assertThat(jarFile.getManifest().getMainAttributes().getValue("Export-Package"))
                        .as(file + " exports its packages").isNotBlank();
            }
            checked.add(bundle.group(2));
        }
        assertThat(checked).contains("libphonenumber", "jackson-dataformat-csv", "HikariCP", "postgresql");
    }

    /** Package name to the name of the target/lib jar (the runtime dependencies, Camel's included) that holds it. */
    private static Map<String, String> dependencyPackages() throws Exception {
        Map<String, String> packages = new TreeMap<>();
        try (Stream<Path> lib = Files.list(Path.of("target/lib"))) {
            for (Path dependency : lib.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                try (JarFile file = new JarFile(dependency.toFile())) {
                    List<String> entries = file.stream().map(e -> e.getName())
                            .filter(e -> !e.startsWith("META-INF/versions/")).toList();
                    for (String pkg : BundleManifestRules.packages(entries)) {
                        packages.putIfAbsent(pkg, dependency.getFileName().toString());
                    }
                }
            }
        }
        return packages;
    }

    private static List<String> components() throws Exception {
        try (Stream<Path> files = Files.list(COMPONENT_FACTORIES)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
