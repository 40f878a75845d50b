package dev.smskamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}: the artifact users depend on is lean. Its entries hold no sandbox or demo class, the
 * runtime dependencies it hands on (Maven's dependency tree, written at package time to
 * {@code target/dependency-tree.txt}) hold no web server, JDBC driver, pool or metrics registry, and a kamelet starts
 * in a fresh CamelContext that has only the library jar and those inherited dependencies.
 */
class LibraryArtifactIT {

    static Path jar;
    static List<String> tree;

    @BeforeAll
    static void readArtifact() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches(KameletJarIT.LIBRARY_JAR)).findFirst()
                    .orElseThrow(() -> new AssertionError("no library jar in target/ (run mvn verify)"));
        }
        tree = Files.readAllLines(Path.of("target/dependency-tree.txt"));
    }

    @Test
    void theLibraryArtifactCarriesNoSandboxAndInheritsNoServerDriverPoolOrRegistry() throws Exception {
        assertThat(LibraryArtifactRules.violations(tree, entries(jar))).isEmpty();
        assertThat(LibraryArtifactRules.inherited(tree)).as("what the components and kamelets need is still there")
                .anyMatch(d -> d.startsWith("org.apache.camel:camel-kamelet:"))
                .anyMatch(d -> d.startsWith("org.apache.camel:camel-http:"))
                .anyMatch(d -> d.startsWith("com.googlecode.libphonenumber:libphonenumber:"));
    }

    @Test
    void theSandboxArtifactHoldsTheSandboxAndTheDemo() throws Exception {
        Path sandbox = Path.of(jar.toString().replace(".jar", "-sandbox.jar"));
        List<String> entries = entries(sandbox);
        assertThat(entries).contains("dev/smskamelets/sandbox/Sandbox.class", "dev/smskamelets/Application.class")
                .noneMatch(e -> e.startsWith("dev/smskamelets/core/") || e.startsWith("kamelets/"));
    }

    @Test
    void aKameletStartsWithOnlyTheInheritedDependencies() throws Exception {
        Set<String> inherited = LibraryArtifactRules.inherited(tree).stream()
                .map(d -> d.split(":")[1] + "-" + d.split(":")[2] + ".jar").collect(Collectors.toSet());
        List<String> used = new ArrayList<>();
        String location = KameletJarIT.probe(jar, true, lib -> {
            boolean keep = inherited.contains(lib.getFileName().toString());
            if (keep) {
                used.add(lib.getFileName().toString());
            }
            return keep;
        });
        assertThat(location).endsWith("!/kamelets/" + KameletJarIT.SAMPLE + ".kamelet.yaml");
        assertThat(used).hasSize(inherited.size()).noneMatch(j -> j.startsWith("camel-main-") || j.startsWith("vertx-"));
    }

    @Test
    void aSandboxClassOrAServerDriverPoolOrRegistryIsCaught() {
        List<String> fixture = List.of(
                "dev.smskamelets:sms-kamelets:jar:0.1.0-SNAPSHOT",
                "+- org.apache.camel:camel-kamelet:jar:4.18.0:compile",
                "+- org.apache.camel:camel-platform-http-vertx:jar:4.18.0:compile",
                "|  \\- io.vertx:vertx-core:jar:4.5.24:compile",
                "+- org.postgresql:postgresql:jar:42.7.4:compile",
                "+- com.zaxxer:HikariCP:jar:5.1.0:compile (optional)",
                "+- io.micrometer:micrometer-registry-prometheus:jar:1.15.0:runtime",
                "\\- org.assertj:assertj-core:jar:3.26.3:test");
        assertThat(LibraryArtifactRules.violations(fixture,
                List.of("kamelets/x-sink.kamelet.yaml", "dev/smskamelets/sandbox/Sandbox.class")))
                .containsExactly(
                        "jar entry dev/smskamelets/sandbox/Sandbox.class belongs to the sandbox artifact",
                        "runtime dependency org.apache.camel:camel-platform-http-vertx:4.18.0 is a web server: make it <optional> (documented per feature)",
                        "runtime dependency io.vertx:vertx-core:4.5.24 is a web server: make it <optional> (documented per feature)",
                        "runtime dependency org.postgresql:postgresql:42.7.4 is a JDBC driver: make it <optional> (documented per feature)",
                        "runtime dependency io.micrometer:micrometer-registry-prometheus:1.15.0 is a metrics registry: make it <optional> (documented per feature)");
    }

    private static List<String> entries(Path jarFile) throws Exception {
        try (JarFile file = new JarFile(jarFile.toFile())) {
            return file.stream().map(e -> e.getName()).toList();
        }
    }
}
