package dev.smskamelets.sandbox.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain JDK HTTP client speaking to the sandbox's Text Request API with the seeded API key. */
final class TrHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Sandbox sandbox;

    TrHttp(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    String key() {
        return sandbox.api(TextRequestApi.class).apiKey();
    }

    HttpResponse<String> call(String method, String path, String body) {
        return call(method, path, body, key());
    }

    HttpResponse<String> call(String method, String path, String body, String apiKey) {
        String url = path.startsWith("/sandbox") ? sandbox.baseUrl() + path : sandbox.baseUrl() + "/api/v3" + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            b.header("x-api-key", apiKey);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        }
    }

    JsonNode json(String method, String path, String body, int expectedStatus) {
        HttpResponse<String> response = call(method, path, body);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " (expected "
                    + expectedStatus + "): " + response.body());
        }
        return Json.read(response.body().getBytes());
    }

    JsonNode get(String path) {
        return json("GET", path, null, 200);
    }
}
