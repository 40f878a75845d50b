package dev.smskamelets.jobs.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.camel.main.Main;

/**
 * The job JVM of {@link ContactImportBenchmark}: runs {@code routes/contact-import.yaml} in the application's Camel
 * Main against a sandbox in another process, moves the CSV into the inbox, waits for its report and prints it. Args: sandbox base URL, data folder, CSV file, batch size, targets.
 */
public final class ContactImportBenchmarkMain {

    public static void main(String[] args) throws Exception {
        JsonNode apis = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(args[0] + "/sandbox/info")).build(), HttpResponse.BodyHandlers.ofString()).body()).path("apis");
        Path data = Path.of(args[1]);
        Path inbox = data.resolve("inbox");
        Main main = Application.newMain();
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:routes/contact-import.yaml");
        main.addOverrideProperty("camel.component.kamelet.location", "file:kamelets");
        main.addOverrideProperty("sandbox.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("listrak.auth-url", apis.at("/listrak-sms/tokenUrl").asText());
        main.addOverrideProperty("listrak.sms.base-url", apis.at("/listrak-sms/baseUrl").asText());
        main.addOverrideProperty("listrak.sms.client-id", apis.at("/listrak-sms/clientId").asText());
        main.addOverrideProperty("listrak.sms.client-secret", apis.at("/listrak-sms/clientSecret").asText());
        main.addOverrideProperty("textrequest.base-url", apis.at("/textrequest/baseUrl").asText());
        main.addOverrideProperty("textrequest.api-key", apis.at("/textrequest/apiKey").asText());
        main.addOverrideProperty("textable.base-url", apis.at("/textable/baseUrl").asText());
        main.addOverrideProperty("textable.token", apis.at("/textable/users/0/token").asText());
        main.addOverrideProperty("camel.beans.smsStateRepository.filePath", data.resolve("state.properties").toString());
        main.addOverrideProperty("camel.beans.smsIdempotentRepository.filePath", data.resolve("idempotent.log").toString());
        main.addOverrideProperty("camel.beans.smsDeadLetterStore.directory", data.resolve("dead-letters").toString());
        main.addOverrideProperty("contacts.inbox", inbox.toString());
        main.addOverrideProperty("contacts.demo-sample", "");
        main.addOverrideProperty("contacts.batch-size", args[3]);
        main.addOverrideProperty("contacts.targets", args[4]);
        main.addOverrideProperty("contacts.listrak.poll-interval-millis", "500");
        main.start();
        try {
            Files.createDirectories(inbox);
            Path csv = Path.of(args[2]);
            Files.move(csv, inbox.resolve(csv.getFileName()));
            Path report = null;
            while (report == null) {
                Thread.sleep(200);
                for (String dir : new String[] {"done", "error"}) {
                    if (Files.isDirectory(inbox.resolve(dir))) {
                        try (Stream<Path> files = Files.list(inbox.resolve(dir))) {
                            report = files.filter(f -> f.toString().endsWith(".report.json")).findFirst().orElse(report);
                        }
                    }
                }
            }
            System.out.println("REPORT " + Files.readString(report).replace('\n', ' '));
        } finally {
            main.stop();
        }
    }
}
