package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.core.http.pacing.AdaptivePacer;
import dev.smskamelets.core.http.pacing.Pacers;
import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Client-side pacing per account, shared by clients, adapting to the vendor's 429s. Counts, not times. */
class PacingTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().api(CoreTestApi::new);

    DefaultCamelContext camel;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    /** {@code calls} calls spread over {@code threads} threads, alternating between two clients. */
    void run(VendorClient one, VendorClient two, int threads, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<VendorResponse>> done = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            VendorClient client = i % 2 == 0 ? one : two;
            done.add(pool.submit(() -> Clients.get(client, camel, "/echo")));
        }
        for (Future<VendorResponse> f : done) {
            assertThat(f.get().status()).isEqualTo(200);
        }
        pool.shutdown();
    }

    @Test
    void clientsOfOneAccountShareOnePacer(Sandbox sandbox) {
        VendorClient a = Clients.apiKey(sandbox, c -> c.setAccount("acct-1"));
        VendorClient b = Clients.apiKey(sandbox, c -> c.setAccount("acct-1"));
        VendorClient other = Clients.apiKey(sandbox, c -> c.setAccount("acct-2"));
        Clients.get(a, camel, "/echo");
        Clients.get(b, camel, "/echo");
        Clients.get(other, camel, "/echo");

        assertThat(Pacers.of(camel).get("acct-1").acquired()).isEqualTo(2);
        Pacers.of(camel).forAccount("acct-1", 3);
        assertThat(Pacers.of(camel).get("acct-1").ceiling()).as("the lowest configured rate wins").isEqualTo(3);
        assertThat(Pacers.of(camel).get("acct-2").acquired()).isEqualTo(1);
    }

    @Test
    void pacingAtTheVendorLimitCausesNo429s(Sandbox sandbox) throws Exception {
        sandbox.faults().add(new Faults.Rule().api("core-test").operation("echo").rateLimit(20, "seconds"));
        VendorClient a = Clients.apiKey(sandbox, c -> {
            c.setAccount("at-limit");
            c.setRequestsPerSecond(20);
        });
        VendorClient b = Clients.apiKey(sandbox, c -> c.setAccount("at-limit"));

        run(a, b, 6, 120);

        assertThat(sandbox.requests().entries(e -> e.status() == 429)).isEmpty();
        assertThat(sandbox.requests().count("core-test", "echo")).isEqualTo(120);
    }

    @Test
    void pacingAboveTheVendorLimitBacksOffAndThenStaysNearlyFreeOf429s(Sandbox sandbox) throws Exception {
        sandbox.faults().add(new Faults.Rule().api("core-test").operation("echo").rateLimit(20, "seconds"));
        VendorClient a = Clients.apiKey(sandbox, c -> {
            c.setAccount("too-fast");
            c.setRequestsPerSecond(100);
            c.setMaxAttempts(10);
        });
        VendorClient b = Clients.apiKey(sandbox, c -> c.setAccount("too-fast"));

        run(a, b, 6, 240);

        List<RequestLog.Entry> calls = sandbox.requests().entries(e -> "echo".equals(e.operationId()));
        List<RequestLog.Entry> afterWarmUp = calls.subList(calls.size() / 2, calls.size());
        long throttledAfterWarmUp = afterWarmUp.stream().filter(e -> e.status() == 429).count();
        long throttled = calls.stream().filter(e -> e.status() == 429).count();
        AdaptivePacer pacer = Pacers.of(camel).get("too-fast");
        System.out.printf("pacing: %d calls, %d x 429 (%d in the second half), rate now %.1f/s%n",
                calls.size(), throttled, throttledAfterWarmUp, pacer.currentRate());
        assertThat(throttled).as("429s overall").isLessThan(calls.size() / 10);
        assertThat(throttledAfterWarmUp).as("429s after warm-up").isLessThanOrEqualTo(3);
        assertThat(pacer.currentRate()).isLessThan(100);
    }
}
