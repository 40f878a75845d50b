package dev.smskamelets.jobs.optout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.SandboxWiring;
import dev.smskamelets.sandbox.textrequest.TrSignature;
import dev.smskamelets.test.JobRuntime;
import dev.smskamelets.test.SandboxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's own Camel Main (root {@code application.properties}, {@code routes/optout-propagation.yaml})
 * as an operator runs it: which addresses its web hook and management servers listen on, that an idle connection
 * is closed, that a signed web hook cannot be replayed after a restart, and that the health endpoint shows the
 * job checks without any secret.
 */
class OptOutWebhookServerTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.contacts", 5)
            .option("textrequest.contacts", 5).option("textable.contacts", 5);

    static final String RELAY_SECRET = "relay-secret-0123456789abcdef";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path data;

    Map<String, String> properties(Sandbox sandbox, int port) {
        Map<String, String> p = new OptOutSandbox(sandbox).jobProperties(data, port, RELAY_SECRET, "0 0 3 * * ?");
        p.put("optout.textrequest.webhook-url", "");
        return p;
    }

    @Test
    void aSignedWebHookIsNotAcceptedAgainAfterARestart(Sandbox sandbox) throws Exception {
        int port = JobRuntime.freePort();
        Map<String, String> p = properties(sandbox, port);
        String apiKey = SandboxWiring.properties(sandbox).get("textrequest.api-key");
        byte[] body = "{\"phone_number\":\"12125550100\",\"dashboard_id\":101,\"is_suppressed\":false}"
                .getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        HttpRequest delivery = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/textrequest/webhook/contact_updated"))
                .header(TrSignature.TIMESTAMP_HEADER, String.valueOf(now))
                .header(TrSignature.SIGNATURE_HEADER, TrSignature.sign(apiKey, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try (JobRuntime job = JobRuntime.start(p)) {
            assertThat(HTTP.send(delivery, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(HTTP.send(delivery, HttpResponse.BodyHandlers.ofString()).statusCode()).as("replay").isEqualTo(401);
        }
        try (JobRuntime restarted = JobRuntime.start(p)) {
            HttpResponse<String> replay = HTTP.send(delivery, HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).as("replay after a restart").isEqualTo(401);
            assertThat(replay.body()).contains("replay");
        }
    }

    @Test
    void bothServersListenOnLoopbackOnlyUnlessTheWebHookServerIsExposed(Sandbox sandbox) throws Exception {
        InetAddress external = nonLoopbackAddress().orElse(null);
        Assumptions.assumeTrue(external != null, "this host has no non-loopback IPv4 address to test with");
        int port = JobRuntime.freePort();
        int management = JobRuntime.freePort();
        Map<String, String> p = properties(sandbox, port);
        p.put("camel.management.enabled", "true");
        p.put("camel.management.port", String.valueOf(management));
        try (JobRuntime job = JobRuntime.start(p)) {
            assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("web hooks on loopback").isTrue();
            assertThat(connects(InetAddress.getLoopbackAddress(), management)).as("management on loopback").isTrue();
            assertThatThrownBy(() -> connects(external, port)).as("web hooks on " + external)
                    .isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> connects(external, management)).as("management on " + external)
                    .isInstanceOf(ConnectException.class);
        }
        p.put("camel.server.host", "0.0.0.0");
        try (JobRuntime job = JobRuntime.start(p)) {
            assertThat(connects(external, port)).as("web hooks exposed on " + external).isTrue();
            assertThatThrownBy(() -> connects(external, management)).as("management still on loopback")
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void anIdleConnectionIsClosedByTheServer(Sandbox sandbox) throws Exception {
        int port = JobRuntime.freePort();
        Map<String, String> p = properties(sandbox, port);
        p.put("server.idle-timeout", "PT1S");
        try (JobRuntime job = JobRuntime.start(p); Socket slow = new Socket()) {
            slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            slow.setSoTimeout(60_000); // far above the idle timeout: only reached when the server never closes
            OutputStream out = slow.getOutputStream();
            out.write("POST /textrequest/webhook/contact_updated HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = slow.getInputStream();
            assertThat(in.read()).as("the server closed the idle connection").isEqualTo(-1);
        }
    }

    @Test
    void theHealthEndpointShowsTheJobChecksByDefaultWithoutSecrets(Sandbox sandbox) throws Exception {
        int management = JobRuntime.freePort();
        Map<String, String> p = properties(sandbox, JobRuntime.freePort());
        p.put("camel.management.enabled", "true");
        p.put("camel.management.port", String.valueOf(management));
        try (JobRuntime job = JobRuntime.start(p)) {
            String health = get("http://127.0.0.1:" + management + "/observe/health");
            assertThat(health).contains("{\"name\":\"job:optout-propagation\",\"status\":\"UP\"}");
            String details = get("http://127.0.0.1:" + management + "/observe/health?data=true");
            assertThat(details).contains("job:optout-propagation", "max.age", "last.success");
            Map<String, String> wiring = SandboxWiring.properties(sandbox);
            for (String secret : new String[] {wiring.get("textrequest.api-key"), wiring.get("textable.token"),
                    wiring.get("listrak.sms.client-secret"), RELAY_SECRET}) {
                assertThat(health).doesNotContain(secret);
                assertThat(details).doesNotContain(secret);
            }
        }
    }

    static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static boolean connects(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            return true;
        }
    }

    static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
