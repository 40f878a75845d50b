package dev.smskamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.util.FileUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, scripted: the packaged jar started the way the README starts it, in a fresh working
 * folder holding what a clone has (application.properties, routes/, kamelets/), watched for up to 90 s. Within that
 * time the console must show simulated STOPs, opt-outs propagated by polling and by web hook, and run summaries, and
 * no ERROR line; then a stop signal (as Ctrl-C) must end it cleanly within 30 s. Same check for humans:
 * {@code .ci/demo-check}.
 */
class DemoIT {

    static final Duration WATCH = Duration.ofSeconds(90);

    @Test
    void theDemoPropagatesOptOutsAndStopsCleanly(@TempDir Path work) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches(KameletJarIT.LIBRARY_JAR.replace("\\.jar", "-sandbox\\.jar")))
                    .findFirst().orElseThrow(() -> new AssertionError("no packaged jar in target/ (run mvn verify)"));
        }
        Files.copy(Path.of("application.properties"), work.resolve("application.properties"));
        copyTree(Path.of("routes"), work.resolve("routes"));
        copyTree(Path.of("kamelets"), work.resolve("kamelets"));
        copyTree(Path.of("samples"), work.resolve("samples"));

        Path log = work.resolve("console.log");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toAbsolutePath().toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + WATCH.toNanos();
        try {
            while (System.nanoTime() < deadline && demo.isAlive() && !allSeen(Files.readAllLines(log))) {
                Thread.sleep(500);
            }
        } finally {
            demo.destroy(); // SIGTERM, what Ctrl-C's SIGINT also triggers: Camel Main's graceful shutdown
        }
        boolean ended = demo.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            demo.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        String console = String.join("\n", lines);
        assertThat(ended).as("stopped within 30 s of the stop signal").isTrue();
        assertThat(console).as("demo console")
                .contains("demo: customer", "Apache Camel (Main) 4.18.0 is shutdown")
                .containsPattern("run optout-[a-z-]+ done: read [1-9]")
                .containsPattern("opt-out \\+1\\d{10} from listrak-sms")
                .containsPattern("opt-out \\+1\\d{10} from (textrequest \\(web hook|textable)");
        // Until the stop signal: no ERROR. (Ctrl-C waits camel.main.shutdown-timeout for records in flight, then stops
        // them; Camel reports those as errors, and they are read again at the next start.)
        int stop = lines.stream().filter(l -> l.contains("is shutting down")).findFirst().map(lines::indexOf).orElse(lines.size());
        assertThat(lines.subList(0, stop)).as("no ERROR line before the stop signal").noneMatch(l -> l.contains(" ERROR "));
    }

    private static boolean allSeen(List<String> lines) {
        String console = String.join("\n", lines);
        return console.contains("demo: customer") && console.matches("(?s).*run optout-[a-z-]+ done: read [1-9].*")
                && console.matches("(?s).*opt-out \\+1\\d{10} from listrak-sms.*")
                && console.matches("(?s).*opt-out \\+1\\d{10} from (textrequest \\(web hook|textable).*");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        FileUtil.normalizePath(to.toString());
    }
}
