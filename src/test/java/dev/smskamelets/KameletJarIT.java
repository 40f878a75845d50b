package dev.smskamelets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}: the built jar carries the catalogue ({@code kamelets/}) and the jobs ({@code routes/}),
 * and a fresh CamelContext that sees kamelets only through the jar resolves one by name with the kamelet
 * component's default {@code classpath:kamelets} location, as in any Camel 4 runtime the jar is added to.
 */
class KameletJarIT {

    static final String SAMPLE = "textrequest-contact-get-action";
    /** The library artifact's file name (not the {@code -sandbox} jar beside it). */
    static final String LIBRARY_JAR = "sms-kamelets-[^-]+(-SNAPSHOT)?\\.jar";
    static Path jar;

    @BeforeAll
    static void findJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().matches(LIBRARY_JAR))
                    .toList();
            assertThat(jars).as("the packaged jar in target/ (run mvn verify)").hasSize(1);
            jar = jars.get(0);
        }
    }

    @Test
    void jarContainsEveryKameletAndRoute() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> entries = file.stream().map(e -> e.getName()).toList();
            assertThat(entries.stream().filter(e -> e.matches("kamelets/[^/]+\\.kamelet\\.yaml")))
                    .isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(checkout("kamelets", ".kamelet.yaml"));
            assertThat(entries.stream().filter(e -> e.matches("routes/[^/]+\\.yaml")))
                    .containsExactlyInAnyOrderElementsOf(checkout("routes", ".yaml"));
        }
    }

    @Test
    void freshRuntimeResolvesAKameletFromTheJar() throws Exception {
        assertThat(probe(true)).isEqualTo("jar:" + jar.toAbsolutePath().toUri().toURL() + "!/kamelets/" + SAMPLE + ".kamelet.yaml");
    }

    @Test
    void withoutTheJarTheKameletIsNotFound() {
        assertThatThrownBy(() -> probe(false)).hasStackTraceContaining("kamelets/" + SAMPLE + ".kamelet.yaml");
    }

    /**
     * Runs {@link KameletJarProbe} in a class loader holding only the runtime jars of {@code target/lib} (what
     * {@code java -jar} uses), the probe class itself and, if asked, the built jar; nothing from target/classes.
     */
    private static String probe(boolean withJar) throws Exception {
        return probe(jar, withJar, dependency -> true);
    }

    /** The same probe with only the {@code target/lib} jars that {@code libraryJars} accepts. */
    static String probe(Path jar, boolean withJar, Predicate<Path> libraryJars) throws Exception {
        List<URL> urls = new ArrayList<>();
        if (withJar) {
            urls.add(jar.toUri().toURL());
        }
        try (Stream<Path> lib = Files.list(Path.of("target/lib"))) {
            for (Path dependency : lib.filter(libraryJars).sorted().toList()) {
                urls.add(dependency.toUri().toURL());
            }
        }
        urls.add(probeClassesOnly());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("kamelets/" + SAMPLE + ".kamelet.yaml") != null).isEqualTo(withJar);
            Thread.currentThread().setContextClassLoader(loader);
            @SuppressWarnings("unchecked")
            Callable<String> probe = (Callable<String>) loader.loadClass(KameletJarProbe.class.getName())
                    .getConstructor().newInstance();
            return probe.call();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** A directory holding just the compiled probe classes (KameletJarProbe and its inner route builder). */
    private static URL probeClassesOnly() throws IOException {
        Path dir = Files.createTempDirectory("kamelet-jar-probe");
        Path source = Path.of("target/test-classes", KameletJarProbe.class.getPackageName().replace('.', '/'));
        Path target = Files.createDirectories(dir.resolve(KameletJarProbe.class.getPackageName().replace('.', '/')));
        try (Stream<Path> classes = Files.list(source)) {
            for (Path type : classes.filter(f -> f.getFileName().toString().startsWith("KameletJarProbe")).toList()) {
                Files.copy(type, target.resolve(type.getFileName()));
            }
        }
        return dir.toUri().toURL();
    }

    private static List<String> checkout(String dir, String suffix) throws IOException {
        if (!Files.isDirectory(Path.of(dir))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.map(f -> dir + "/" + f.getFileName()).filter(f -> f.endsWith(suffix)).toList();
        }
    }
}
