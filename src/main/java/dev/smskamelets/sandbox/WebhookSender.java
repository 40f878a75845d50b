package dev.smskamelets.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends the vendors' outbound webhooks (Text Request hooks, Listrak Two-Way MO, Textable relay) and remembers
 * every delivery with its answer, so tests can see what was sent and how the receiver replied.
 */
public final class WebhookSender {

    /** One delivery attempt; {@code status} is -1 when the receiver could not be reached. */
    public record Delivery(String api, String event, String method, String url, String body, int status, String error) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /** Delivers asynchronously; the future completes with the receiver's status (or -1). */
    public CompletableFuture<Integer> send(String api, String event, String method, String url,
                                           Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    int status = response == null ? -1 : response.statusCode();
                    deliveries.add(new Delivery(api, event, method, url, text, status,
                            error == null ? null : error.toString()));
                    return status;
                });
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * Waits until at least {@code count} deliveries are recorded (a delivery is recorded once the receiver has
     * answered, which can be just after the receiver saw it), or {@code max} has passed; returns what is there.
     */
    public List<Delivery> awaitDeliveries(int count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (deliveries.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return deliveries();
    }

    public void clear() {
        deliveries.clear();
    }
}
