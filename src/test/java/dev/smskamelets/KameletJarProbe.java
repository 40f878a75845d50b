package dev.smskamelets;

import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Loaded by {@link KameletJarIT} inside an isolated class loader (the built jar + {@code target/lib}): starts a fresh
 * CamelContext with the default kamelet location ({@code classpath:kamelets}) and a route using the sample kamelet,
 * and answers where the kamelet definition was read from. Depends on Camel and the JDK only.
 */
public final class KameletJarProbe implements Callable<String> {

    @Override
    public String call() throws Exception {
        String kamelet = KameletJarIT.SAMPLE;
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:lookup").routeId("lookup")
                            .to("kamelet:" + kamelet + "?apiKey=not-used&dashboardId=121&baseUrl=http://127.0.0.1:9");
                }
            });
            context.start();
            if (!context.getRouteController().getRouteStatus("lookup").isStarted()
                    || context.getRoutes().stream().noneMatch(r -> r.isCreatedByKamelet())) {
                throw new IllegalStateException("kamelet " + kamelet + " did not become a started route");
            }
            return String.valueOf(context.getClassResolver().loadResourceAsURL("kamelets/" + kamelet + ".kamelet.yaml"));
        }
    }
}
