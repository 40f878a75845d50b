package dev.smskamelets.core.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.http.RetryAfter;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.core.http.VendorApiException.Kind;
import dev.smskamelets.core.http.VendorErrors;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls an OAuth2 token endpoint with the client-credentials grant ({@code application/x-www-form-urlencoded},
 * {@code grant_type}, {@code client_id}, {@code client_secret}, optional {@code scope}).
 *
 * <p>It uses {@code java.net.http} rather than camel-http on purpose: the request body holds the secret, and a
 * Camel exchange would expose it to tracers, message history, the debug logger and error handlers; camel-http's
 * own OAuth2 cache is the under-keyed one (CVE-2026-85317); and token calls must not go through the API's pacing
 * and retry loop (that loop retries around them instead). Failures name the integration, the endpoint, the status
 * and the vendor's error, never the secret.
 */
public class TokenClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the endpoint issued. */
    public record Issued(String accessToken, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Issued[expiresIn=" + expiresInSeconds + "]";
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLong fetches = new AtomicLong();

    public Issued fetch(TokenRequest request) {
        TokenKey key = request.key();
        String form = "grant_type=client_credentials&client_id=" + enc(key.clientId()) + "&client_secret="
                + enc(request.clientSecret()) + (key.scope().isEmpty() ? "" : "&scope=" + enc(key.scope()));
        HttpRequest post = HttpRequest.newBuilder(URI.create(key.tokenEndpoint()))
                .timeout(request.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        String operation = "token request of integration '" + request.integration() + "' to " + key.tokenEndpoint();
        fetches.incrementAndGet();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw VendorErrors.fromIo("oauth2", operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VendorErrors.fromIo("oauth2", operation, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            VendorApiException failure = VendorErrors.fromResponse("oauth2", operation, status, response.body(),
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null)));
            // A refused grant (400 invalid_client, 401, 403: paused integration, wrong secret) is an auth error.
            Kind kind = failure.getKind() == Kind.RETRYABLE ? Kind.RETRYABLE : Kind.AUTH;
            throw new VendorApiException("oauth2", operation, status, failure.getVendorCode(),
                    failure.getVendorMessage(), kind, failure.getRetryAfter(), null);
        }
        try {
            JsonNode json = MAPPER.readTree(response.body());
            JsonNode token = json.get("access_token");
            if (token == null || token.asText().isBlank()) {
                throw new IOException("no access_token");
            }
            long expiresIn = json.hasNonNull("expires_in") ? json.get("expires_in").asLong(3600) : 3600;
            return new Issued(token.asText(), expiresIn);
        } catch (IOException e) {
            throw new VendorApiException("oauth2", operation, status, "CONTRACT",
                    "token response is not the expected JSON (" + e.getMessage() + ")", Kind.AUTH, null, null);
        }
    }

    public long fetches() {
        return fetches.get();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
