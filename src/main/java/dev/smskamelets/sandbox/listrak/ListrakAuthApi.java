package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.Faults;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import dev.smskamelets.sandbox.VendorApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Listrak's OAuth2 token endpoint, {@code POST /OAuth2/Token} (the real one is {@code https://auth.listrak.com}):
 * form-encoded {@code grant_type=client_credentials&client_id&client_secret} (or HTTP Basic credentials), an
 * optional {@code scope}. Answers {@code {access_token, token_type, expires_in}}; wrong credentials or a paused
 * integration get Listrak's {@code ERROR_INVALID_CREDENTIALS}. Its own API id ({@code listrak-auth}) lets fault
 * rules target the token endpoint alone.
 */
public final class ListrakAuthApi implements VendorApi {

    public static final String ID = "listrak-auth";

    private final List<ListrakIntegration> integrations;
    private final ListrakTokens tokens;
    private final Faults faults;
    private final Ledger ledger;

    public ListrakAuthApi(List<ListrakIntegration> integrations, ListrakTokens tokens, Faults faults, Ledger ledger) {
        this.integrations = List.copyOf(integrations);
        this.tokens = tokens;
        this.faults = faults;
        this.ledger = ledger;
    }

    @Override public String id() { return ID; }
    @Override public String prefix() { return "/OAuth2"; }
    @Override public String openApiResource() { return null; }
    @Override public SandboxResponse authenticate(SandboxRequest request) { return null; }

    @Override
    public void register(Router router) {
        new ListrakRoutes(router, ListrakError::response, () -> { }).add("POST", "/Token", "token", this::token);
    }

    private SandboxResponse token(SandboxRequest request) {
        String type = request.header("content-type");
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw new ListrakError(415, "ERROR_UNSUPPORTED_CONTENT_TYPE",
                    "Content-Type must be application/x-www-form-urlencoded, got '" + type + "'.");
        }
        Map<String, String> form = FormBody.parse(request.bodyAsString());
        String[] basic = basicCredentials(request.header("authorization"));
        String grantType = form.get("grant_type");
        if (!"client_credentials".equals(grantType)) {
            throw ListrakError.invalidParameter("grant_type must be 'client_credentials', got '" + grantType + "'.");
        }
        String clientId = form.getOrDefault("client_id", basic == null ? null : basic[0]);
        String secret = form.getOrDefault("client_secret", basic == null ? null : basic[1]);
        if (clientId == null || clientId.isBlank()) {
            throw ListrakError.invalidParameter("client_id is required.");
        }
        if (secret == null || secret.isBlank()) {
            throw ListrakError.invalidParameter("client_secret is required.");
        }
        ListrakIntegration integration = integrations.stream().filter(i -> i.clientId().equals(clientId))
                .findFirst().orElse(null);
        if (integration == null || !sameSecret(integration.clientSecret(), secret)) {
            throw new ListrakError(401, "ERROR_INVALID_CREDENTIALS", "Invalid client credentials.");
        }
        if (faults.paused(integration.id())) {
            throw new ListrakError(401, "ERROR_INVALID_CREDENTIALS",
                    "Inactive integration: API access for client " + clientId + " is paused.");
        }
        String scope = form.get("scope");
        ListrakTokens.Issued issued = tokens.issue(integration.id(), scope);
        ledger.record(ID, "token", "token", integration.id(), "issued", ListrakRoutes.requestId(request));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.ttlSeconds());
        if (scope != null) {
            body.put("scope", scope);
        }
        return SandboxResponse.json(200, body).header("Cache-Control", "no-store");
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SandboxResponse badRequest(String message) {
        return ListrakError.contractStatus(message) == 405
                ? ListrakError.response(405, "ERROR_UNSUPPORTED_METHOD", message)
                : ListrakError.response(400, "ERROR_INVALID_PARAMETER", message);
    }

    @Override
    public SandboxResponse notFound(String message) {
        return ListrakError.response(404, "ERROR_UNKNOWN_ROUTE", message);
    }

    @Override
    public Map<String, Object> info(String baseUrl) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("tokenUrl", baseUrl + prefix() + "/Token");
        info.put("expiresInSeconds", tokens.ttlSeconds());
        List<Object> list = new ArrayList<>();
        integrations.forEach(i -> list.add(i.info(baseUrl + prefix() + "/Token")));
        info.put("integrations", list);
        return info;
    }
}
