package dev.smskamelets.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.sandbox.ContractChecker;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.SandboxContext;
import dev.smskamelets.sandbox.VendorApi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one sandbox per test class on a free port and hands it to tests as a parameter, then asserts after every
 * test that the library sent no request breaking a vendor contract. Register it as a field to pass seed options:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SandboxExtension SANDBOX = SandboxExtension.withOption("listrak.optOuts", 5000);
 * }</pre>
 *
 * A test that sends invalid requests on purpose calls {@link #expectViolations()} first. Fault rules and
 * observations are reset before each test; vendor state lives for the whole class.
 */
public final class SandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<Function<SandboxContext, VendorApi>> extraApis = new ArrayList<>();
    private long seed = 42;
    private Sandbox sandbox;
    private boolean violationsExpected;

    public SandboxExtension() {
    }

    public static SandboxExtension withOption(String name, Object value) {
        return new SandboxExtension().option(name, value);
    }

    public SandboxExtension option(String name, Object value) {
        options.put(name, String.valueOf(value));
        return this;
    }

    /** Serves one more API beside the five vendors (see {@link Sandbox.Builder#api(Function)}). */
    public SandboxExtension api(Function<SandboxContext, VendorApi> factory) {
        extraApis.add(factory);
        return this;
    }

    public SandboxExtension seed(long value) {
        this.seed = value;
        return this;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** The current test sends contract-breaking requests on purpose: skip the zero-violation check once. */
    public void expectViolations() {
        violationsExpected = true;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Sandbox.Builder builder = Sandbox.builder().port(0).seed(seed).options(options);
        extraApis.forEach(builder::api);
        sandbox = builder.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        violationsExpected = false;
        sandbox.resetObservations();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!violationsExpected && context.getExecutionException().isEmpty()) {
            assertNoContractViolations(sandbox);
        }
    }

    /** Fails with every violation listed when the sandbox saw a request its vendor's contract forbids. */
    public static void assertNoContractViolations(Sandbox sandbox) {
        assertThat(sandbox.contract().violations())
                .as("requests that break a vendor's OpenAPI contract")
                .extracting(ContractChecker.Violation::toString)
                .isEmpty();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sandbox;
    }
}
