package dev.smskamelets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.test.SandboxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request pipeline of the sandbox, shown on a tiny API of its own: routing, auth, errors, control, spooling. */
class SandboxServerTest {

    /** An API with one echo operation, a bearer check and its own error shapes. */
    static final class EchoApi implements VendorApi {
        private final SandboxContext context;

        EchoApi(SandboxContext context) {
            this.context = context;
        }

        @Override public String id() { return "echo"; }
        @Override public String prefix() { return "/echo/v1"; }
        @Override public String openApiResource() { return null; }

        @Override
        public void register(Router router) {
            router.add("POST", "/items/{id}", "putItem", r -> {
                if (r.queryParam("fail") != null) {
                    throw new BadRequestException("fail was set to " + r.queryParam("fail"));
                }
                long size;
                try (var in = r.openBody()) {
                    size = in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                context.ledger().record(id(), r.operationId(), "item", r.pathParam("id"), "put", null);
                return SandboxResponse.json(200, Map.of("id", r.pathParam("id"), "bytes", size, "spooled", r.spooled()));
            });
        }

        @Override
        public SandboxResponse authenticate(SandboxRequest request) {
            return "Bearer ok".equals(request.header("Authorization")) ? null
                    : SandboxResponse.json(401, Map.of("error", "ERROR_UNAUTHORIZED"));
        }

        @Override public SandboxResponse badRequest(String message) { return SandboxResponse.json(400, Map.of("error", "ERROR_BAD", "message", message)); }
        @Override public SandboxResponse notFound(String message) { return SandboxResponse.json(404, Map.of("error", "ERROR_NOT_FOUND", "message", message)); }
        @Override public Map<String, Object> info(String baseUrl) { return Map.of("baseUrl", baseUrl + prefix()); }
    }

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().api(EchoApi::new);

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, byte[] body, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(SANDBOX.sandbox().baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesAuthenticatesAndRecordsTheWrite(Sandbox sandbox) throws Exception {
        HttpResponse<String> ok = send("POST", "/echo/v1/items/7", "{}".getBytes(), "Bearer ok");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"id\":\"7\"");
        assertThat(send("POST", "/echo/v1/items/7", new byte[0], "Bearer nope").statusCode()).isEqualTo(401);
        assertThat(sandbox.ledger().writes("echo", "item", "7")).isEqualTo(1);
        assertThat(sandbox.requests().count("echo", "putItem")).isEqualTo(2);
        assertThat(sandbox.requests().entries()).extracting(RequestLog.Entry::outcome).containsExactly("handler", "auth");
    }

    @Test
    void unknownPathsMethodsAndBadRequestsGetTheVendorShape() throws Exception {
        HttpResponse<String> missing = send("GET", "/echo/v1/nothing", new byte[0], "Bearer ok");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("ERROR_NOT_FOUND");
        assertThat(send("GET", "/echo/v1/items/7", new byte[0], "Bearer ok").body()).contains("does not support http method 'GET'");
        HttpResponse<String> bad = send("POST", "/echo/v1/items/7?fail=yes", new byte[0], "Bearer ok");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("fail was set to yes");
        assertThat(send("GET", "/elsewhere", new byte[0], null).statusCode()).isEqualTo(404);
    }

    @Test
    void largeBodiesAreSpooledAndFullyRead() throws Exception {
        byte[] big = new byte[SandboxRequest.MAX_BUFFERED_BODY + 1000];
        Arrays.fill(big, (byte) 'x');
        HttpResponse<String> response = send("POST", "/echo/v1/items/big", big, "Bearer ok");
        assertThat(response.body()).contains("\"bytes\":" + big.length).contains("\"spooled\":true");
    }

    @Test
    void controlApiAddsFaultRulesAndReportsInfo() throws Exception {
        HttpResponse<String> added = send("POST", "/sandbox/faults",
                "{\"api\":\"echo\",\"operation\":\"putItem\",\"errorPercent\":100,\"errorStatuses\":[503],\"maxFaults\":1}".getBytes(), null);
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(send("POST", "/echo/v1/items/1", new byte[0], "Bearer ok").statusCode()).isEqualTo(503);
        assertThat(send("POST", "/echo/v1/items/1", new byte[0], "Bearer ok").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/sandbox/faults", "{\"api\":\"nope\"}".getBytes(), null).statusCode()).isEqualTo(400);
        HttpResponse<String> info = send("GET", "/sandbox/info", new byte[0], null);
        assertThat(info.body()).contains("\"echo\"").contains(SANDBOX.sandbox().baseUrl() + "/echo/v1");
    }
}
