package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A plain JDK HTTP client for the Listrak sandbox APIs in tests: tokens, JSON calls, parsed answers. */
final class ListrakClient {

    /** A response with its body parsed as JSON (a missing node when the body is empty or not JSON). */
    record Answer(int status, JsonNode json, String body, HttpResponse<String> raw) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final Sandbox sandbox;

    ListrakClient(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    String base() {
        return sandbox.baseUrl();
    }

    Answer tokenRequest(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret);
        return send(HttpRequest.newBuilder(URI.create(base() + "/OAuth2/Token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A fresh token for an integration kind: sms, twowaysms or crosschannel (default sandbox credentials). */
    String token(String kind) {
        Answer a = tokenRequest("sandbox-" + kind + "-client", "sandbox-" + kind + "-secret");
        if (a.status() != 200) {
            throw new IllegalStateException("token request failed: " + a.status() + " " + a.body());
        }
        return a.json().get("access_token").asText();
    }

    Answer get(String pathOrUri, String token) {
        return send(request(pathOrUri, token).GET());
    }

    Answer call(String method, String path, String token, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.write(body));
        HttpRequest.Builder b = request(path, token).method(method, publisher);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b);
    }

    HttpRequest.Builder request(String pathOrUri, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathOrUri.startsWith("http") ? pathOrUri : base() + pathOrUri));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isEmpty() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(r.body());
            } catch (IOException e) {
                json = Json.MAPPER.missingNode();
            }
            return new Answer(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
