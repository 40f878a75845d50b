package dev.smskamelets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.test.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "Embedding the jar in Camel Main", executed: the consumer project of {@code src/it/embedding} (a user's
 * own Camel Main application) is built by an offline Maven against the library artifact this build packaged, installed
 * alone into a local repository under {@code target/embedding-it} (everything else comes from the user's local
 * repository, read as a file repository), then run against a standalone vendor sandbox with only the properties of
 * its {@code application.properties} (the README's lines) and the credentials and URLs as environment variables.
 * Its own YAML route writes every Listrak opt-out of a sender code through {@code listrak-sms-optout-source} into a
 * file (checkpoint in the file store the component creates without a bean), and the packaged job
 * {@code classpath:routes/contact-import.yaml} imports a dropped CSV into the three vendors.
 */
class EmbeddingIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int OPT_OUTS = 25;
    static final String CSV = """
            Mobile,Email,First Name,Last Name
            (220) 647-5277,ann.lee0@example.com,Ann,Lee
            2235844064,bo.lee1@example.com,Bo,Lee
            2245212851,cara.lee2@example.com,Cara,Lee
            2256371502,dan.lee3@example.com,Dan,Lee
            2286548302,eve.lee4@example.com,Eve,Lee
            not-a-number,x@example.com,X,Y
            """;

    @Test
    void theReadmeConsumerBuildsOfflineAndRunsAKameletRouteAndAPackagedJobAgainstTheSandbox() throws Exception {
        Path work = Path.of("target/embedding-it").toAbsolutePath();
        delete(work);
        Path app = Files.createDirectories(work.resolve("app"));
        copyTree(Path.of("src/it/embedding"), app);
        String version = installLibrary(work.resolve("repo"));
        Path settings = settings(work);

        Path buildLog = work.resolve("build.log");
        Process build = new ProcessBuilder(mvn(), "-o", "-B", "-q", "-s", settings.toString(),
                "-Daether.offline.protocols=file", "-Dsms-kamelets.version=" + version, "-f", app.resolve("pom.xml").toString(),
                "compile", "dependency:build-classpath", "-Dmdep.outputFile=target/classpath.txt")
                .redirectErrorStream(true).redirectOutput(buildLog.toFile()).start();
        assertThat(build.waitFor(5, TimeUnit.MINUTES)).as("consumer build finished").isTrue();
        assertThat(build.exitValue()).as("offline consumer build, see " + buildLog + ":\n" + Files.readString(buildLog))
                .isZero();
        String classpath = app.resolve("target/classes") + File.pathSeparator
                + Files.readString(app.resolve("target/classpath.txt")).trim();
        assertThat(classpath).contains("sms-kamelets-" + version + ".jar").contains("camel-main-")
                .doesNotContain("sandbox").doesNotContain("vertx");

        Path inbox = Files.createDirectories(app.resolve("contacts-inbox"));
        Files.writeString(inbox.resolve("contacts.csv"), CSV);

        try (ChildJvm.Sandbox sandbox = sandbox(work.resolve("sandbox.log"),
                "listrak.optOuts=" + OPT_OUTS, "listrak.optOutsTo=2025-06-01")) {
            JsonNode apis = JSON.readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(sandbox.base() + "/sandbox/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("apis");
            ProcessBuilder run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", classpath, "example.App").directory(app.toFile()).redirectErrorStream(true);
            Path runLog = work.resolve("app.log");
            run.redirectOutput(runLog.toFile());
            Map<String, String> env = run.environment();
            // The credentials application.properties reads with {{env:...}}, and the URLs (defaults: the real APIs).
            env.put("LISTRAK_SMS_CLIENT_ID", apis.at("/listrak-sms/clientId").asText());
            env.put("LISTRAK_SMS_CLIENT_SECRET", apis.at("/listrak-sms/clientSecret").asText());
            env.put("TEXTREQUEST_API_KEY", apis.at("/textrequest/apiKey").asText());
            env.put("TEXTABLE_TOKEN", apis.at("/textable/users/0/token").asText());
            env.put("TEXTABLE_BASE_URL", apis.at("/textable/baseUrl").asText());
            env.put("LISTRAK_AUTH_URL", apis.at("/listrak-sms/tokenUrl").asText());
            env.put("LISTRAK_SMS_BASE_URL", apis.at("/listrak-sms/baseUrl").asText());
            env.put("TEXTREQUEST_BASE_URL", apis.at("/textrequest/baseUrl").asText());
            Process consumer = run.start();
            Path optOuts = app.resolve("out/optouts.jsonl");
            Path done = inbox.resolve("done");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (consumer.isAlive() && System.nanoTime() < deadline
                        && !(lines(optOuts).size() >= OPT_OUTS && report(done).isPresent())) {
                    Thread.sleep(500);
                }
                // One more opt-out pass (every 5 s) re-reads the lookback window: nothing may be written twice.
                Thread.sleep(6000);
            } finally {
                consumer.destroy();
                consumer.waitFor(60, TimeUnit.SECONDS);
                consumer.destroyForcibly();
            }
            String log = Files.readString(runLog);
            String tail = "\n--- " + runLog + " ---\n" + log.substring(Math.max(0, log.length() - 6000));

            List<JsonNode> written = new ArrayList<>();
            for (String line : lines(optOuts)) {
                written.add(JSON.readTree(line));
            }
            assertThat(written).as("opt-outs the consumer's own kamelet route wrote" + tail).hasSize(OPT_OUTS)
                    .allSatisfy(o -> {
                        assertThat(o.path("senderCodeId").asInt()).isEqualTo(1234);
                        assertThat(o.path("phoneNumber").asText()).matches("\\+1\\d{10}");
                    });
            assertThat(written.stream().map(o -> o.path("phoneNumber").asText()).distinct()).hasSize(OPT_OUTS);
            assertThat(app.resolve("sms-kamelets-data/smsStateRepository.properties"))
                    .as("checkpoint file store created without a smsStateRepository bean").exists();

            JsonNode report = JSON.readTree(report(done).orElseThrow(() -> new AssertionError("no import report" + tail)).toFile());
            assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("imported");
            assertThat(report.path("rows").asInt()).isEqualTo(6);
            assertThat(report.path("rejected").asInt()).isEqualTo(1);
            assertThat(report.path("counts").path("applied.listrak-sms").asInt()).isEqualTo(5);
            assertThat(report.path("counts").path("applied.textrequest").asInt()).isEqualTo(5);
            assertThat(report.path("counts").path("applied.textable").asInt()).isEqualTo(5);
            assertThat(report.at("/listrak/status").asText()).isEqualTo("Completed");

            // The SLF4J provider of the consumer logs: Camel's start, the store fallback, the job's run summary.
            assertThat(log).as(tail)
                    .contains("Apache Camel 4.18.0 (sms-kamelets-consumer) started")
                    .contains("No bean 'smsStateRepository' in the registry")
                    .contains("contacts run contacts-import done: read 6")
                    .doesNotContain("SLF4J(W)").doesNotContain("No SLF4J providers")
                    .doesNotContain(" ERROR ");
        }
    }

    /**
     * The standalone sandbox from the {@code -sandbox} jar beside the library jar (its manifest class path: the library
     * jar and {@code target/lib}); failsafe's own class path holds the library jar, which has no sandbox.
     */
    private static ChildJvm.Sandbox sandbox(Path out, String... options) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("sms-kamelets-.*-sandbox\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no sandbox jar in target/ (run mvn verify)"));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", jar.toString(), "dev.smskamelets.sandbox.SandboxMain", "--port", Integer.toString(port),
                "--seed", "42"));
        for (String option : options) {
            command.addAll(List.of("--option", option));
        }
        ChildJvm.Sandbox sandbox = new ChildJvm.Sandbox(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start(), "http://127.0.0.1:" + port);
        try {
            ChildJvm.awaitSandbox(sandbox.base());
        } catch (Exception | Error e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    /** Copies the library artifact (jar and pom) into {@code repo} as {@code mvn install} would; returns its version. */
    private static String installLibrary(Path repo) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches(KameletJarIT.LIBRARY_JAR)).findFirst()
                    .orElseThrow(() -> new AssertionError("no library jar in target/ (run mvn verify)"));
        }
        String name = jar.getFileName().toString();
        String version = name.substring("sms-kamelets-".length(), name.length() - ".jar".length());
        Path dir = Files.createDirectories(repo.resolve("dev/smskamelets/sms-kamelets").resolve(version));
        Files.copy(jar, dir.resolve(name));
        Files.copy(Path.of("pom.xml"), dir.resolve("sms-kamelets-" + version + ".pom"));
        return version;
    }

    /**
     * Maven settings for the consumer build: its own local repository (holding only the library), every other
     * artifact and plugin read from this build's local repository as a file repository (allowed offline by
     * {@code -Daether.offline.protocols=file}), so nothing is written to the user's repository.
     */
    private static Path settings(Path work) throws IOException {
        String userRepo = System.getProperty("sms-kamelets.local-repository", "");
        Path from = userRepo.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(userRepo);
        String xml = "<settings>\n"
                + "  <localRepository>" + work.resolve("repo") + "</localRepository>\n"
                + "  <mirrors><mirror><id>build-local-repository</id><mirrorOf>*</mirrorOf><url>"
                + from.toAbsolutePath().toUri() + "</url></mirror></mirrors>\n"
                + "</settings>\n";
        return Files.writeString(work.resolve("settings.xml"), xml);
    }

    private static String mvn() {
        String home = System.getProperty("maven.home", "");
        if (!home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static Optional<Path> report(Path done) throws IOException {
        if (!Files.isDirectory(done)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".report.json")).findFirst();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
