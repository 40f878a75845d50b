package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.smskamelets.core.http.VendorApiException.Kind;
import dev.smskamelets.core.http.auth.TokenCache;
import dev.smskamelets.core.http.auth.TokenClient;
import dev.smskamelets.core.http.auth.TokenKey;
import dev.smskamelets.core.http.auth.TokenRequest;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OAuth2 client credentials: keying (CVE-2026-85317 class), single flight, refresh, 401 retry, paused integration. */
class OAuth2Test {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().api(CoreTestApi::new);

    static final String ALICE = CoreTestApi.SECRETS.get("alice");
    static final String BOB = CoreTestApi.SECRETS.get("bob");

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

    String whoami(VendorClient client) {
        var json = Clients.get(client, camel, "/whoami").json();
        return json.get("clientId").asText() + "/" + json.get("scope").asText();
    }

    @Test
    void clientsSharingATokenEndpointNeverReceiveEachOthersToken(Sandbox sandbox) {
        VendorClient alice = Clients.oauth2(sandbox, "alice", ALICE, c -> { });
        VendorClient bob = Clients.oauth2(sandbox, "bob", BOB, c -> { });
        VendorClient aliceScoped = Clients.oauth2(sandbox, "alice", ALICE, c -> c.setScope("sms.read"));
        VendorClient aliceOtherScope = Clients.oauth2(sandbox, "alice", ALICE, c -> c.setScope("sms.write"));

        for (int round = 0; round < 2; round++) { // the second round is served from the cache
            assertThat(whoami(alice)).isEqualTo("alice/");
            assertThat(whoami(bob)).isEqualTo("bob/");
            assertThat(whoami(aliceScoped)).isEqualTo("alice/sms.read");
            assertThat(whoami(aliceOtherScope)).isEqualTo("alice/sms.write");
        }
        assertThat(sandbox.requests().count("core-test", "token")).isEqualTo(4);
    }

    @Test
    void sameClientIdWithAnotherSecretGetsNoCachedToken(Sandbox sandbox) {
        assertThat(whoami(Clients.oauth2(sandbox, "alice", ALICE, c -> { }))).isEqualTo("alice/");
        VendorClient impostor = Clients.oauth2(sandbox, "alice", "not-alices-secret", c -> c.setAccount("other"));

        VendorApiException e = catchThrowableOfType(() -> whoami(impostor), VendorApiException.class);

        assertThat(e.getKind()).isEqualTo(Kind.AUTH);
        assertThat(e.getVendorCode()).isEqualTo("invalid_client");
        assertThat(e.getMessage()).doesNotContain("not-alices-secret");
        assertThat(sandbox.requests().count("core-test", "whoami")).isEqualTo(1);
    }

    @Test
    void concurrentCallersWaitForOneTokenRequest(Sandbox sandbox) throws Exception {
        VendorClient alice = Clients.oauth2(sandbox, "alice", ALICE, c -> { });
        sandbox.faults().add(new dev.smskamelets.sandbox.Faults.Rule().api("core-test").operation("token").delay(300));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(pool.submit((Callable<String>) () -> {
                go.await();
                return whoami(alice);
            }));
        }
        go.countDown();
        for (Future<String> answer : answers) {
            assertThat(answer.get()).isEqualTo("alice/");
        }
        pool.shutdown();
        assertThat(sandbox.requests().count("core-test", "token")).isEqualTo(1);
    }

    @Test
    void revokedTokenMidRunIsReplacedAfterOne401(Sandbox sandbox) {
        VendorClient alice = Clients.oauth2(sandbox, "alice", ALICE, c -> { });
        whoami(alice);
        sandbox.faults().revokeTokens("alice");

        assertThat(whoami(alice)).isEqualTo("alice/");

        assertThat(sandbox.requests().count("core-test", "token")).isEqualTo(2);
        assertThat(sandbox.requests().entries(e -> "whoami".equals(e.operationId())))
                .extracting(e -> e.status()).containsExactly(200, 401, 200);
    }

    @Test
    void tokenIsRefreshedTheMarginBeforeItExpires(Sandbox sandbox) {
        MutableClock clock = new MutableClock();
        TokenCache cache = new TokenCache(new TokenClient(), clock);
        TokenRequest request = new TokenRequest(TokenKey.of(sandbox.baseUrl() + "/core/oauth/token", "alice", ALICE,
                null), ALICE, "alice", Duration.ofSeconds(5));
        Duration margin = Duration.ofSeconds(60);

        String first = cache.token(request, margin);
        clock.now = clock.now.plusSeconds(3600 - 61);
        assertThat(cache.token(request, margin)).as("still outside the margin").isEqualTo(first);
        clock.now = clock.now.plusSeconds(2);
        assertThat(cache.token(request, margin)).as("inside the margin").isNotEqualTo(first);
        assertThat(cache.fetches()).isEqualTo(2);
    }

    @Test
    void pausedIntegrationIsOneClearAuthErrorWithoutRetryLoop(Sandbox sandbox) {
        sandbox.faults().pause("alice", true);
        VendorClient alice = Clients.oauth2(sandbox, "alice", ALICE, c -> c.setIntegration("alice-prod-sync"));

        VendorApiException e = catchThrowableOfType(() -> whoami(alice), VendorApiException.class);

        assertThat(e.getKind()).isEqualTo(Kind.AUTH);
        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("alice-prod-sync", sandbox.baseUrl() + "/core/oauth/token", "401",
                "unauthorized_client", "paused").doesNotContain(ALICE);
        assertThat(sandbox.requests().count("core-test", "token")).isEqualTo(1);
        assertThat(sandbox.requests().count("core-test", "whoami")).isZero();
    }

    @Test
    void pausedWhileRunningEndsAfterOneReauthentication(Sandbox sandbox) {
        VendorClient alice = Clients.oauth2(sandbox, "alice", ALICE, c -> { });
        whoami(alice);
        sandbox.faults().pause("alice", true);

        VendorApiException e = catchThrowableOfType(() -> whoami(alice), VendorApiException.class);

        assertThat(e.getKind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains("paused");
        assertThat(sandbox.requests().count("core-test", "token")).isEqualTo(2);
        assertThat(sandbox.requests().count("core-test", "whoami")).isEqualTo(2);
    }

    @Test
    void fingerprintDiffersPerSecretAndHidesIt() {
        Set<TokenKey> keys = ConcurrentHashMap.newKeySet();
        keys.add(TokenKey.of("https://auth/x", "a", "s1", null));
        keys.add(TokenKey.of("https://auth/x", "a", "s2", null));
        keys.add(TokenKey.of("https://auth/x", "b", "s1", null));
        keys.add(TokenKey.of("https://auth/x", "a", "s1", "scope"));
        keys.add(TokenKey.of("https://auth/x", "a", "s1", null));
        assertThat(keys).hasSize(4);
        assertThat(TokenKey.of("https://auth/x", "a", "s3cr3t-value", null).toString()).doesNotContain("s3cr3t");
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.now();

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
