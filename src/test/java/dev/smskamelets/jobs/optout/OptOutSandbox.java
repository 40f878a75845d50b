package dev.smskamelets.jobs.optout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import dev.smskamelets.test.JobRuntime;
import java.util.function.BooleanSupplier;

/**
 * What the opt-out job tests do to and read from the sandbox: customers texting STOP (through the sandbox's control
 * endpoints, as a handset would), and the opt-out writes each vendor's ledger recorded.
 */
final class OptOutSandbox {

    static final String TEXTABLE_USER_NUMBER = "+15125550100";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Sandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    OptOutSandbox(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * The properties that run {@code routes/optout-propagation.yaml} against this sandbox: the stores and the inbox
     * under {@code data}, the web hook server on {@code port} (registered as Text Request's hook target, Textable's
     * relay secret as given), the polling passes on {@code schedule}.
     */
    Map<String, String> jobProperties(Path data, int port, String relaySecret, String schedule) {
        Map<String, String> p = JobRuntime.properties("routes/optout-propagation.yaml", sandbox, data, port);
        p.put("optout.schedule", schedule);
        // the full re-read of the dashboards (slow in production) on the same schedule: a test sees it work
        p.put("optout.textrequest.full-read-schedule", schedule);
        p.put("optout.inbox", data.resolve("inbox").toString());
        p.put("optout.textrequest.webhook-url", "http://127.0.0.1:" + port + "/textrequest/webhook/contact_updated");
        p.put("optout.textable.relay-secret", relaySecret);
        return p;
    }

    /** The i-th subscribed contact of Listrak sender code 1234 (10 digits). */
    String listrakSubscribed(int i) {
        var seed = sandbox.api(ListrakSmsApi.class).seed();
        return seed.phone(seed.optOuts() + i);
    }

    void stopAtListrak(String phone10) throws Exception {
        post("/sandbox/listrak/sms/inbound", "{\"phoneNumber\":\"" + phone10 + "\",\"text\":\"STOP\"}");
    }

    void stopAtTextRequest(int dashboard, String phone10) throws Exception {
        post("/sandbox/textrequest/inbound", "{\"dashboard_id\":" + dashboard + ",\"from\":\"" + phone10 + "\",\"body\":\"STOP\"}");
    }

    void stopAtTextable(String phone10) throws Exception {
        post("/sandbox/textable/inbound", "{\"from\":\"+1" + phone10 + "\",\"to\":\"" + TEXTABLE_USER_NUMBER
                + "\",\"message\":\"STOP\"}");
    }

    /** A customer texts {@code message} to the Textable user (relayed to the job as an inbound message). */
    void textAtTextable(String phone10, String message) throws Exception {
        post("/sandbox/textable/inbound", JSON.writeValueAsString(Map.of("from", "+1" + phone10, "to", TEXTABLE_USER_NUMBER,
                "message", message)));
    }

    /** Listrak opt-out writes of a number on a sender code. */
    List<Ledger.Entry> listrakOptOuts(int senderCode, String phone10) {
        return sandbox.ledger().entries(e -> "listrak-sms".equals(e.api()) && e.key().equals(senderCode + ":" + phone10)
                && e.change().startsWith("opted-out"));
    }

    /** True when {@code dashboard} has an enabled {@code contact_updated} hook posting to {@code targetUrl}. */
    boolean textRequestHookRegistered(int dashboard, String targetUrl) {
        for (JsonNode d : JSON.valueToTree(sandbox.info()).at("/apis/textrequest/dashboards")) {
            if (d.path("id").asInt() == dashboard) {
                for (JsonNode hook : d.path("hooks")) {
                    if ("contact_updated".equals(hook.path("event").asText()) && hook.path("enabled").asBoolean()
                            && targetUrl.equals(hook.path("targetUrl").asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Text Request writes that suppressed a number in a dashboard. */
    List<Ledger.Entry> textRequestSuppressions(int dashboard, String phone10) {
        return sandbox.ledger().entries(e -> "textrequest".equals(e.api()) && e.key().equals(dashboard + "/1" + phone10)
                && e.change().contains("is_suppressed=true"));
    }

    /** Textable writes that opted a number out (found through its contact id). */
    List<Ledger.Entry> textableOptOuts(String phone10) throws Exception {
        String id = textableContactId(phone10);
        return id == null ? List.of() : sandbox.ledger().entries(e -> "textable".equals(e.api()) && e.key().equals(id)
                && e.change().contains("optedOut=true"));
    }

    /**
     * Whether the opt-out of {@code phone10} was written exactly once at each Text Request dashboard given and at
     * Textable (for {@code await}: a failed look-up is an {@link IllegalStateException}).
     */
    boolean writtenOnceAtTextRequestAndTextable(String phone10, int... dashboards) {
        try {
            for (int dashboard : dashboards) {
                if (textRequestSuppressions(dashboard, phone10).size() != 1) {
                    return false;
                }
            }
            return textableOptOuts(phone10).size() == 1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String textableContactId(String phone10) throws Exception {
        JsonNode info = JSON.valueToTree(sandbox.info()).at("/apis/textable");
        String token = info.at("/users/0/token").asText();
        HttpResponse<String> answer = null;
        for (int attempt = 0; attempt < 20 && (answer == null || answer.statusCode() != 200); attempt++) {
            try { // a test may inject faults into the vendor API the probe uses too
                answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/contacts?phoneNumber="
                                + URLEncoder.encode("+1" + phone10, StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + token).header("x-request-id", "test-probe").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                answer = null;
            }
        }
        if (answer == null || answer.statusCode() != 200) {
            throw new IllegalStateException("Textable contact probe failed");
        }
        JsonNode body = JSON.readTree(answer.body());
        JsonNode list = body.isArray() ? body : body.path("data").isArray() ? body.path("data") : body.path("contacts");
        return list.isArray() && !list.isEmpty() ? list.get(0).path("id").asText(null) : null;
    }

    /** Polls until the condition holds (fails after the timeout). */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        dev.smskamelets.test.Await.until(what, timeout, condition);
    }

    /** Posts to a control endpoint; tries again when a fault rule of the test refused or dropped it. */
    /**
     * Suppresses a contact at a Text Request dashboard by hand (as a user of the web app would, through the API, not
     * through the job), with its own reason; fails unless Text Request answered 200.
     */
    void suppressAtTextRequestByHand(int dashboard, String phone10, String reason) throws Exception {
        HttpResponse<String> written = http.send(textRequest(dashboard, phone10).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("is_suppressed", true, "suppressed_reason", reason)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (written.statusCode() != 200) {
            throw new IllegalStateException("Text Request answered " + written.statusCode() + ": " + written.body());
        }
    }

    /** The Text Request contact of a number at a dashboard, as Text Request answers it. */
    JsonNode textRequestContact(int dashboard, String phone10) throws Exception {
        return JSON.readTree(http.send(textRequest(dashboard, phone10).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpRequest.Builder textRequest(int dashboard, String phone10) {
        return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v3/dashboards/" + dashboard + "/contacts/1"
                + phone10)).header("x-api-key", sandbox.api(dev.smskamelets.sandbox.textrequest.TextRequestApi.class).apiKey());
    }

    /** The job's dead letters under its data folder, as JSON (every stored record must be valid JSON). */
    static List<JsonNode> deadLetters(Path data) {
        Path letters = data.resolve("dead-letters");
        if (!java.nio.file.Files.isDirectory(letters)) {
            return List.of();
        }
        try (var files = java.nio.file.Files.list(letters)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).map(f -> {
                try {
                    return JSON.readTree(java.nio.file.Files.readString(f));
                } catch (java.nio.file.NoSuchFileException e) {
                    return null;
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("dead letter " + f + " is not JSON", e);
                }
            }).filter(java.util.Objects::nonNull).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the first dead letter of the job under {@code data} that matches. */
    static JsonNode awaitDeadLetter(Path data, String what, Duration timeout, java.util.function.Predicate<JsonNode> match)
            throws Exception {
        JsonNode[] found = new JsonNode[1];
        await("a dead letter for " + what, timeout, () -> {
            found[0] = deadLetters(data).stream().filter(match).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private void post(String path, String json) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + ": " + answer.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(path + " failed: " + last);
    }
}
