package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.smskamelets.core.checkpoint.AtomicFileStateRepository;
import dev.smskamelets.core.checkpoint.JdbcStateRepository;
import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import dev.smskamelets.core.idempotent.JdbcIdempotentRepository;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The job JVM of {@link OptOutSourceBenchmark}: {@code listrak-sms-optout-source} (one pass, pages of 5000) into a
 * counting sink, with the file stores or the PostgreSQL stores. Every 100,000 records it runs a GC and prints
 * {@code HEAP <records> <used bytes>}; at the end {@code DONE <records> <seconds>}. Args: sandbox base URL,
 * {@code file|postgres}, data folder (file) or table suffix (postgres), expected records.
 */
public final class OptOutSourceBenchmarkMain {

    public static void main(String[] args) throws Exception {
        JsonNode listrak = listrak(args[0]);
        String store = args[1];
        long expected = Long.parseLong(args[3]);
        DefaultCamelContext context = context(listrak);
        HikariDataSource pool = bindStores(context, store, args[2]);
        AtomicLong count = new AtomicLong();
        long[] started = {0};
        context.getRegistry().bind("counter", (Processor) exchange -> {
            long n = count.incrementAndGet();
            if (n == 1) {
                started[0] = System.nanoTime();
            }
            if (n % 100_000 == 0) {
                System.gc();
                System.out.println("HEAP " + n + " " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
        });
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml",
                route(listrak, "0/2 * * * * ?", "counter")));
        long t0 = System.nanoTime();
        context.start();
        while (count.get() < expected || context.getInflightRepository().size() > 0) {
            Thread.sleep(50);
            if (System.nanoTime() - t0 > 3_600_000_000_000L) {
                throw new IllegalStateException("only " + count.get() + " of " + expected + " records in an hour");
            }
        }
        double seconds = (System.nanoTime() - started[0]) / 1e9;
        System.out.println("DONE " + count.get() + " " + seconds);
        context.stop();
        if (pool != null) {
            pool.close();
        }
    }

    /** The Listrak SMS part of the sandbox's {@code /sandbox/info}: base URL, token URL, credentials, seed. */
    static JsonNode listrak(String sandboxBase) throws Exception {
        return new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandboxBase + "/sandbox/info")).build(), HttpResponse.BodyHandlers.ofString()).body()).at("/apis/listrak-sms");
    }

    /** A Camel context whose property {@code listrakSecret} holds the sandbox's client secret. */
    static DefaultCamelContext context(JsonNode listrak) {
        DefaultCamelContext context = new DefaultCamelContext();
        // As in an application that depends on the library: camel-management is optional there (LibraryArtifactIT), so
        // Camel runs without JMX; the test class path has it, which would add per-processor instrumentation.
        context.disableJMX();
        // The settings README's embedding section says belong in every application using the library.
        context.getComponent("kamelet", org.apache.camel.component.kamelet.KameletComponent.class).setNoErrorHandler(true);
        context.getComponent("http", org.apache.camel.component.http.HttpComponent.class).setAutomaticRetriesDisabled(true);
        Properties props = new Properties();
        props.put("listrakSecret", listrak.get("clientSecret").asText());
        context.getPropertiesComponent().setInitialProperties(props);
        return context;
    }

    /**
     * Binds {@code smsStateRepository} and {@code smsIdempotentRepository}: the file stores in the folder {@code where}
     * ({@code file}), or the PostgreSQL stores on tables suffixed {@code where} ({@code postgres}; the pool returned,
     * to close after the context).
     */
    static HikariDataSource bindStores(DefaultCamelContext context, String store, String where) {
        if (store.equals("postgres")) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(System.getProperty("test.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"));
            pool.setUsername(System.getProperty("test.jdbc.user", "postgres"));
            pool.setMaximumPoolSize(4);
            context.getRegistry().bind("smsStateRepository", new JdbcStateRepository(pool, "t_bench_state_" + where));
            context.getRegistry().bind("smsIdempotentRepository", new JdbcIdempotentRepository(pool, "t_bench_idem_" + where));
            return pool;
        }
        Path data = Path.of(where);
        context.getRegistry().bind("smsStateRepository", new AtomicFileStateRepository(data.resolve("state.properties").toString()));
        context.getRegistry().bind("smsIdempotentRepository", new FileIdempotentRepository(data.resolve("idempotent.log").toString()));
        return null;
    }

    /**
     * A YAML route {@code kamelet:listrak-sms-optout-source} (the kamelet as it is in {@code kamelets/}) against the
     * sandbox, passes on the cron {@code schedule}, requests unpaced (1000/s), into the processor bean
     * {@code processorRef}.
     */
    static String route(JsonNode listrak, String schedule, String processorRef) {
        return route(listrak, schedule, processorRef, false);
    }

    /** {@link #route(JsonNode, String, String)}, with {@code batch: true} (a page per exchange, as the opt-out job reads it) when {@code batch}. */
    static String route(JsonNode listrak, String schedule, String processorRef, boolean batch) {
        return """
                - route:
                    id: optout-benchmark
                    from:
                      uri: "kamelet:listrak-sms-optout-source"
                      parameters:
                        baseUrl: "%s"
                        authUrl: "%s"
                        clientId: "%s"
                        clientSecret: "{{listrakSecret}}"
                        senderCodeId: %s
                        schedule: "%s"
                        requestsPerSecond: 1000
                        batch: %s
                      steps:
                        - process:
                            ref: %s
                """.formatted(listrak.get("baseUrl").asText(), listrak.get("tokenUrl").asText(),
                listrak.get("clientId").asText(), listrak.at("/seed/senderCodeId").asText(), schedule, batch, processorRef);
    }
}
