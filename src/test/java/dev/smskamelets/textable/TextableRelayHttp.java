package dev.smskamelets.textable;

import dev.smskamelets.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the sandbox's Textable control and API endpoints directly (set-up steps of the kamelet tests). */
final class TextableRelayHttp {

    private TextableRelayHttp() {
    }

    /** An inbound SMS through {@code POST /sandbox/textable/inbound}. */
    static void inbound(Sandbox sandbox, String from, String to, String message) {
        call(sandbox, "POST", "/sandbox/textable/inbound", null,
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"message\":\"" + message + "\"}");
    }

    static String call(Sandbox sandbox, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
