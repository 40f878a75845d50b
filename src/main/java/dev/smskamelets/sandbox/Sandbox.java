package dev.smskamelets.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, stateful stand-in for the five SMS vendor APIs on one loopback port, the way LocalStack stands in for
 * AWS. Every test and the demo run against it.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().port(0).seed(42).option("listrak.optOuts", "1000").start()) {
 *     String listrakSms = sandbox.baseUrl() + "/sms";
 * }
 * }</pre>
 *
 * Control endpoints live under {@code /sandbox} (see {@link SandboxControl}); the same operations are on this
 * class for tests.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final SandboxConfig config;
    private final Ledger ledger;
    private final Faults faults;
    private final WebhookSender webhooks = new WebhookSender();
    private final ContractChecker contract = new ContractChecker();
    private final RequestLog requests;
    private final RateLimits rateLimits;
    private final List<VendorApi> apis;
    private final SandboxServer server;
    private volatile int port;

    private Sandbox(SandboxConfig config, List<Function<SandboxContext, VendorApi>> extraApis) {
        this.config = config;
        this.ledger = new Ledger(config.intOption("ledger.capacity", 2_000_000));
        this.requests = new RequestLog(config.intOption("requestLog.capacity", 100_000));
        this.faults = new Faults(config.seed());
        SandboxContext context = new SandboxContext(config, ledger, faults, webhooks, this::baseUrl);
        List<VendorApi> all = new ArrayList<>(SandboxApis.all(context));
        extraApis.forEach(factory -> all.add(factory.apply(context)));
        this.apis = List.copyOf(all);
        this.rateLimits = new RateLimits(config, apis.stream().map(VendorApi::id).toList());
        Router control = new Router();
        new SandboxControl(this).register(control);
        for (VendorApi api : apis) {
            if (api instanceof SandboxControl.Extension extension) {
                extension.registerControl(control);
            }
        }
        this.server = new SandboxServer(apis, control, faults, contract, requests, rateLimits, this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds and starts a sandbox. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = SandboxConfig.DEFAULT_PORT;
        private long seed = 42;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final List<Function<SandboxContext, VendorApi>> extraApis = new ArrayList<>();

        /** Serves one more API beside the five vendors (a user's own vendor, or a test double of one). */
        public Builder api(Function<SandboxContext, VendorApi> factory) {
            extraApis.add(factory);
            return this;
        }

        /** Loopback port; 0 picks a free one (tests). Default 8089. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** Seed of the deterministic data generator and of fault randomness. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** A named seed option, e.g. {@code listrak.optOuts}; see the README for the list. */
        public Builder option(String name, Object value) {
            options.put(name, String.valueOf(value));
            return this;
        }

        public Builder options(Map<String, String> values) {
            options.putAll(values);
            return this;
        }

        public SandboxConfig config() {
            return new SandboxConfig(host, port, seed, options);
        }

        public Sandbox start() {
            Sandbox sandbox = new Sandbox(config(), extraApis);
            sandbox.start();
            return sandbox;
        }
    }

    private void start() {
        try {
            port = server.start(config.host(), config.port());
        } catch (IOException e) {
            throw new UncheckedIOException("Sandbox could not listen on " + config.host() + ":" + config.port(), e);
        }
        LOG.info("Vendor sandbox listening on {} ({} APIs, seed {})", baseUrl(), apis.size(), config.seed());
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:<port>}; append an API's prefix to get its base URL. */
    public String baseUrl() {
        return "http://" + config.host() + ":" + port;
    }

    public int port() {
        return port;
    }

    public SandboxConfig config() {
        return config;
    }

    public Ledger ledger() {
        return ledger;
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requests() {
        return requests;
    }

    /** The per-account request-rate limits ({@code rateLimit.*} options) and their counters. */
    public RateLimits rateLimits() {
        return rateLimits;
    }

    public ContractChecker contract() {
        return contract;
    }

    public WebhookSender webhooks() {
        return webhooks;
    }

    public List<VendorApi> apis() {
        return apis;
    }

    /** The API with this id, typed, e.g. {@code sandbox.api(ListrakSmsApi.class)}. */
    public <T extends VendorApi> T api(Class<T> type) {
        return apis.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No sandbox API of type " + type.getName()));
    }

    public Optional<VendorApi> api(String id) {
        return apis.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** What {@code GET /sandbox/info} answers (read under the state lock the vendor handlers write under). */
    public synchronized Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("baseUrl", baseUrl());
        info.put("seed", config.seed());
        Map<String, Object> perApi = new LinkedHashMap<>();
        for (VendorApi api : apis) {
            perApi.put(api.id(), api.info(baseUrl()));
        }
        info.put("apis", perApi);
        return info;
    }

    /** Forgets requests, ledger, violations, deliveries, fault rules and rate counters (not the vendor state). */
    public void resetObservations() {
        requests.clear();
        rateLimits.resetCounters();
        ledger.clear();
        contract.clear();
        webhooks.clear();
        faults.clear();
    }
}
