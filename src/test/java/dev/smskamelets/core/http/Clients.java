package dev.smskamelets.core.http;

import dev.smskamelets.sandbox.Sandbox;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;

/** Builds {@link VendorClient}s against the core-test API for tests, the way a kamelet's bean section does. */
final class Clients {

    private Clients() {
    }

    static VendorClient apiKey(Sandbox sandbox, Consumer<VendorClient> extra) {
        VendorClient client = new VendorClient();
        client.setVendor("core-test");
        client.setBaseUrl(sandbox.baseUrl() + "/core");
        client.setAuthType("api-key");
        client.setApiKey(CoreTestApi.API_KEY);
        client.setRequestsPerSecond(1000);
        client.setInitialBackoffMillis(10);
        client.setMaxBackoffMillis(100);
        extra.accept(client);
        return client;
    }

    static VendorClient oauth2(Sandbox sandbox, String clientId, String secret, Consumer<VendorClient> extra) {
        VendorClient client = new VendorClient();
        client.setVendor("core-test");
        client.setBaseUrl(sandbox.baseUrl() + "/core");
        client.setAuthType("oauth2");
        client.setTokenUrl(sandbox.baseUrl() + "/core/oauth/token");
        client.setClientId(clientId);
        client.setClientSecret(secret);
        client.setRequestsPerSecond(1000);
        client.setInitialBackoffMillis(10);
        client.setMaxBackoffMillis(100);
        extra.accept(client);
        return client;
    }

    static VendorResponse get(VendorClient client, CamelContext context, String path) {
        return client.caller(context).call("test " + path, VendorRequest.get(path, null), true);
    }
}
