package dev.smskamelets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every job in {@code routes/} boots in the application's own Camel Main (root {@code application.properties},
 * kamelets from {@code file:kamelets}) with every {@code kamelet:} it uses resolved into a route. Jobs are created
 * but not started, so no job runs. A fixture job proves the check really resolves and starts a kamelet.
 */
class RoutesLoadTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @TestFactory
    Stream<DynamicTest> everyRouteFileLoadsWithItsKameletsResolved() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("routes"))) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Main main = boot("file:" + file, Map.of("camel.main.auto-startup", "false"));
            try {
                assertKameletsResolved(main.getCamelContext());
            } finally {
                main.stop();
            }
        }));
    }

    @Test
    void fixtureRouteResolvesAndStartsTheSampleKamelet(Sandbox sandbox) throws Exception {
        Main main = boot("classpath:route-fixtures/textrequest-contact-lookup.yaml", Map.of(
                "textrequest.base-url", sandbox.baseUrl(),
                "textrequest.api-key", "not-used",
                "textrequest.dashboard-id", "121"));
        try {
            CamelContext context = main.getCamelContext();
            assertKameletsResolved(context);
            assertThat(context.getRoutes()).filteredOn(r -> "textrequest-contact-get-action".equals(templateId(r)))
                    .singleElement()
                    .satisfies(r -> assertThat(context.getRouteController().getRouteStatus(r.getRouteId()))
                            .isEqualTo(ServiceStatus.Started));
            assertThat(context.getRoute("textrequest-contact-lookup")).isNotNull();

            // Bad input fails before any request, naming the value (the sandbox sees nothing).
            assertThatThrownBy(() -> context.createProducerTemplate().sendBodyAndHeader(
                    "direct:textrequest-contact-lookup", null, "phone", "55-0123"))
                    .isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("phone").hasMessageContaining("'55-0123'");
            assertThatThrownBy(() -> context.createProducerTemplate().sendBody("direct:textrequest-contact-lookup", null))
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got ''");
            assertThat(sandbox.requests().entries()).isEmpty();
        } finally {
            main.stop();
        }
    }

    /** Boots the application's Camel Main on one routes file, the sandbox off, kamelets from the checkout. */
    static Main boot(String routes, Map<String, String> overrides) throws Exception {
        Main main = Application.newMain();
        main.addOverrideProperty("camel.main.routes-include-pattern", routes);
        main.addOverrideProperty("camel.component.kamelet.location", "file:kamelets");
        main.addOverrideProperty("sandbox.enabled", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("optout.textable.relay-secret", "route-load-test-secret-0123");
        overrides.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (RuntimeException e) {
            main.stop();
            throw e;
        }
        return main;
    }

    /** Every kamelet endpoint of every loaded route became a started-or-created route from its template. */
    static void assertKameletsResolved(CamelContext context) {
        List<String> used = context.getEndpoints().stream().map(e -> e.getEndpointUri())
                .filter(uri -> uri.startsWith("kamelet:") && !uri.startsWith("kamelet://source")
                        && !uri.startsWith("kamelet://sink") && !uri.startsWith("kamelet:source")
                        && !uri.startsWith("kamelet:sink"))
                .map(uri -> uri.replaceFirst("^kamelet:(//)?", "").replaceFirst("[/?].*$", ""))
                .distinct().toList();
        List<String> resolved = context.getRoutes().stream().filter(Route::isCreatedByKamelet).map(RoutesLoadTest::templateId)
                .filter(id -> id != null).distinct().toList();
        assertThat(resolved).as("kamelets resolved into routes").containsAll(used);
    }

    /** The kamelet (route template) a route was created from. */
    static String templateId(Route route) {
        RouteDefinition definition = route.getCamelContext().getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteDefinition(route.getRouteId());
        Object id = definition == null || definition.getTemplateParameters() == null ? null
                : definition.getTemplateParameters().get("templateId");
        return id == null ? null : id.toString();
    }
}
