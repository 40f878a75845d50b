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
        JsonNode listrak = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(args[0] + "/sandbox/info")).build(), HttpResponse.BodyHandlers.ofString()).body()).at("/apis/listrak-sms");
        String store = args[1];
        long expected = Long.parseLong(args[3]);
        DefaultCamelContext context = new DefaultCamelContext();
        Properties props = new Properties();
        props.put("listrakSecret", listrak.get("clientSecret").asText());
        context.getPropertiesComponent().setInitialProperties(props);
        HikariDataSource pool = null;
        if (store.equals("postgres")) {
            pool = new HikariDataSource();
            pool.setJdbcUrl(System.getProperty("test.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"));
            pool.setUsername(System.getProperty("test.jdbc.user", "postgres"));
            pool.setMaximumPoolSize(4);
            context.getRegistry().bind("smsStateRepository", new JdbcStateRepository(pool, "t_bench_state_" + args[2]));
            context.getRegistry().bind("smsIdempotentRepository", new JdbcIdempotentRepository(pool, "t_bench_idem_" + args[2]));
        } else {
            Path data = Path.of(args[2]);
            context.getRegistry().bind("smsStateRepository", new AtomicFileStateRepository(data.resolve("state.properties").toString()));
            context.getRegistry().bind("smsIdempotentRepository", new FileIdempotentRepository(data.resolve("idempotent.log").toString()));
        }
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
        String routes = """
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
                        schedule: "0/2 * * * * ?"
                        requestsPerSecond: 1000
                      steps:
                        - process:
                            ref: counter
                """.formatted(listrak.get("baseUrl").asText(), listrak.get("tokenUrl").asText(),
                listrak.get("clientId").asText(), listrak.at("/seed/senderCodeId").asText());
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routes));
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
}
