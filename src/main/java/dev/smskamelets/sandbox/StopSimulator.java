package dev.smskamelets.sandbox;

import dev.smskamelets.sandbox.listrak.ListrakSmsApi;
import dev.smskamelets.sandbox.listrak.SmsSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the demo: every few seconds a sandbox customer texts STOP, in turn to Listrak SMS, a Text Request dashboard
 * and a Textable user, through the sandbox's control endpoints (what a real handset would cause). The numbers are
 * subscribed Listrak contacts, so every vendor has something to suppress.
 */
public final class StopSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StopSimulator.class);
    private final Sandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-stop-simulator");
        t.setDaemon(true);
        return t;
    });
    private final int dashboardId;
    private final String textableNumber;

    public StopSimulator(Sandbox sandbox, int dashboardId, String textableNumber) {
        this.sandbox = sandbox;
        this.dashboardId = dashboardId;
        this.textableNumber = textableNumber;
    }

    public StopSimulator start(Duration every) {
        timer.scheduleWithFixedDelay(this::once, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One simulated STOP; returns the vendor it went to. */
    public String once() {
        SmsSeed seed = sandbox.api(ListrakSmsApi.class).seed();
        int n = next.getAndIncrement();
        long span = Math.max(1, seed.size() - seed.optOuts());
        String phone = seed.phone(seed.optOuts() + (n * 7L) % span);
        try {
            return switch (n % 3) {
                case 0 -> post("/sandbox/listrak/sms/inbound", "{\"phoneNumber\":\"" + phone + "\",\"text\":\"STOP\"}",
                        "Listrak SMS", phone);
                case 1 -> post("/sandbox/textrequest/inbound", "{\"dashboard_id\":" + dashboardId + ",\"from\":\"" + phone
                        + "\",\"body\":\"STOP\"}", "Text Request dashboard " + dashboardId, phone);
                default -> post("/sandbox/textable/inbound", "{\"from\":\"+1" + phone + "\",\"to\":\"" + textableNumber
                        + "\",\"message\":\"STOP\"}", "Textable " + textableNumber, phone);
            };
        } catch (Exception e) {
            LOG.warn("demo: simulated STOP failed: {}", e.toString());
            return null;
        } 
    }

    private String post(String path, String json, String vendor, String phone) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        LOG.info("demo: customer +1{} texted STOP to {} (sandbox answered {})", phone, vendor, answer.statusCode());
        return vendor;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
