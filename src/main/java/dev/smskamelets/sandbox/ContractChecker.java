package dev.smskamelets.sandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates every incoming request against its vendor's OpenAPI document (swagger-request-validator) and keeps
 * the violations, so a test can assert that the library never sends a request the vendor would refuse.
 *
 * <p>Security requirements are not checked here: each {@link VendorApi} authenticates the way its vendor does.
 * Operations absent from the document (Textable's unverified paths) are reported as unchecked, not as violations.
 * Spooled bodies (over {@link SandboxRequest#MAX_BUFFERED_BODY}) are checked by their handler while streaming.
 */
public final class ContractChecker {

    /** One request the vendor's contract does not allow. */
    public record Violation(Instant at, String api, String operationId, String method, String path, String messages) {
    }

    /** The document does not describe this path or this method on it: the operation is unchecked, not invalid. */
    private static final java.util.Set<String> UNCHECKED = java.util.Set.of(
            "validation.request.path.missing", "validation.request.operation.notAllowed");

    private final Map<String, OpenApiInteractionValidator> validators = new ConcurrentHashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private volatile boolean enabled = true;

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Returns null when the request conforms (or cannot be checked), else a readable list of what is wrong. */
    public String check(VendorApi api, SandboxRequest request) {
        if (!enabled || api.openApiResource() == null) {
            return null;
        }
        OpenApiInteractionValidator validator = validators.computeIfAbsent(api.id(), id -> load(api));
        ValidationReport report = withoutSpooledBody(request, validator.validateRequest(toValidatorRequest(request)));
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .toList();
        if (errors.isEmpty() || errors.stream().anyMatch(m -> UNCHECKED.contains(m.getKey()))) {
            return null;
        }
        String messages = errors.stream().map(ContractChecker::describe).collect(Collectors.joining("; "));
        synchronized (violations) {
            violations.add(new Violation(Instant.now(), api.id(), request.operationId(), request.method(),
                    request.path(), messages));
        }
        return messages;
    }

    /** The validator's message, prefixed with the parameter it is about ({@code page_size: ...}) when it names one. */
    private static String describe(ValidationReport.Message message) {
        return message.getContext()
                .flatMap(ValidationReport.MessageContext::getParameter)
                .map(p -> p.getIn() + " parameter " + p.getName() + ": " + message.getMessage())
                .orElse(message.getMessage());
    }

    public List<Violation> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    public void clear() {
        synchronized (violations) {
            violations.clear();
        }
    }

    private static OpenApiInteractionValidator load(VendorApi api) {
        String spec;
        try (InputStream in = ContractChecker.class.getClassLoader().getResourceAsStream(api.openApiResource())) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document not on the classpath: " + api.openApiResource());
            }
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withBasePathOverride(api.specBasePath().isEmpty() ? "/" : api.specBasePath())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .withLevel("validation.response", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    private static Request toValidatorRequest(SandboxRequest request) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), request.path());
        request.headers().forEach(builder::withHeader);
        request.query().forEach(builder::withQueryParam);
        if (!request.spooled() && request.body().length > 0) {
            builder.withBody(request.body());
        }
        return builder.build();
    }

    /** A spooled body is not handed to the validator (see the class comment): its handler checks it while streaming. */
    private static ValidationReport withoutSpooledBody(SandboxRequest request, ValidationReport report) {
        return !request.spooled() ? report : ValidationReport.from(report.getMessages().stream()
                .filter(m -> !m.getKey().startsWith("validation.request.body")).toList());
    }
}
