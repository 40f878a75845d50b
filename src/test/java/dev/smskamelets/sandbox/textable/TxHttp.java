package dev.smskamelets.sandbox.textable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain JDK HTTP client for the sandbox's Textable instance (paths are absolute: {@code /api/...}). */
final class TxHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Sandbox sandbox;

    TxHttp(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    String token() {
        return sandbox.api(TextableApi.class).apiToken();
    }

    HttpResponse<String> call(String method, String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    HttpResponse<String> call(String method, String path, String body) {
        return call(method, path, body, "Bearer " + token());
    }

    JsonNode json(String method, String path, String body, int expected) {
        HttpResponse<String> response = call(method, path, body);
        if (response.statusCode() != expected) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " (expected " + expected
                    + "): " + response.body());
        }
        return Json.read(response.body().getBytes());
    }
}
