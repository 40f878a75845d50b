package dev.smskamelets.jobs.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.SandboxWiring;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.test.JobRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** What the contact job tests read from the sandbox: seeded numbers, vendor state and the writes in the ledger. */
final class ContactSandbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Sandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    ContactSandbox(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The properties that run the contact jobs against this sandbox, stores and inbox under {@code data}. */
    Map<String, String> jobProperties(Path data, String routes) {
        Map<String, String> p = JobRuntime.properties("routes/contact-import.yaml", sandbox, data, JobRuntime.freePort());
        p.put("camel.main.routes-include-pattern", routes);
        p.put("contacts.inbox", data.resolve("inbox").toString());
        p.put("contacts.demo-sample", "");
        p.put("contacts.listrak.poll-interval-millis", "200");
        p.put("contacts.progress-every", "PT1S");
        return p;
    }

    /** The i-th subscribed contact of Listrak sender code 1234 (10 digits). */
    String listrakSubscribed(int i) {
        var seed = sandbox.api(ListrakSmsApi.class).seed();
        return seed.phone(seed.optOuts() + i);
    }

    /** The i-th opted-out contact of Listrak sender code 1234 (10 digits). */
    String listrakOptedOut(int i) {
        return sandbox.api(ListrakSmsApi.class).seed().phone(i);
    }

    /** Text Request contacts of a dashboard matching a filter ({@code is_suppressed=true}), 11-digit numbers. */
    List<JsonNode> textRequestContacts(int dashboard, String filter) throws Exception {
        String key = SandboxWiring.properties(sandbox).get("textrequest.api-key");
        String base = SandboxWiring.properties(sandbox).get("textrequest.base-url");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboards/" + dashboard
                        + "/contacts?page=0&page_size=1000&" + filter)).header("x-api-key", key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(answer.body()).path("items").forEach(out::add);
        return out;
    }

    /** Text Request contact keys ({@code 101/1XXXXXXXXXX}) written since a ledger mark. */
    Set<String> textRequestWrites(long mark) {
        return sandbox.ledger().since(mark).stream().filter(e -> "textrequest".equals(e.api()) && "contact".equals(e.entity()))
                .map(Ledger.Entry::key).collect(Collectors.toSet());
    }

    /** E.164 numbers Textable batch-upserted since a ledger mark. */
    List<String> textableBatchWrites(long mark) {
        return sandbox.ledger().since(mark).stream().filter(e -> "textable".equals(e.api()) && e.change().startsWith("batch upsert "))
                .map(e -> e.change().substring("batch upsert ".length())).toList();
    }

    /** Listrak contact keys ({@code 1234:XXXXXXXXXX}) whose profile fields an import changed since a mark. */
    List<String> listrakImportWrites(long mark) {
        return sandbox.ledger().since(mark).stream().filter(e -> "listrak-sms".equals(e.api()) && "contact".equals(e.entity())
                && e.change().startsWith("profile fields from import")).map(Ledger.Entry::key).toList();
    }

    /** Ledger writes of any vendor touching this 10-digit number since a mark. */
    List<Ledger.Entry> writesOf(long mark, String phone10) {
        return sandbox.ledger().since(mark).stream().filter(e -> e.key().endsWith(phone10) || e.change().contains(phone10))
                .toList();
    }

    /** Whether Textable's contact with this number is opted out. */
    boolean textableOptedOut(String phone10) throws Exception {
        String token = JSON.valueToTree(sandbox.info()).at("/apis/textable/users/0/token").asText();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/api/contacts?phoneNumber=%2B1" + phone10)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(answer.body());
        JsonNode list = body.isArray() ? body : body.path("data").isArray() ? body.path("data") : body.path("contacts");
        return list.path(0).path("optedOut").asBoolean(false);
    }

    /** A customer texts STOP to a Text Request dashboard or to the Textable user (sandbox control endpoints). */
    void stopAtTextRequest(int dashboard, String phone10) throws Exception {
        control("/sandbox/textrequest/inbound", "{\"dashboard_id\":" + dashboard + ",\"from\":\"" + phone10 + "\",\"body\":\"STOP\"}");
    }

    void stopAtTextable(String phone10) throws Exception {
        control("/sandbox/textable/inbound", "{\"from\":\"+1" + phone10 + "\",\"to\":\"+15125550100\",\"message\":\"STOP\"}");
    }

    private void control(String path, String json) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    Sandbox sandbox() {
        return sandbox;
    }

    /** Polls until the condition holds (fails after the timeout: a test that cannot pass must not hang). */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
