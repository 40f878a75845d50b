package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.test.AllocationMeter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The child JVMs of {@link OptOutSourceRatioBenchmark}, one measured run each ({@code warm} as fifth argument: after
 * the same run once, unmeasured, in the same JVM). {@code baseline <sandbox> <records> <data folder>}: a
 * hand-written loop, {@code java.net.http} and Jackson, that takes a token and pages the sender code's opt-outs from
 * 1970 at count=5000 along Listrak's cursor, parsing every record. {@code kamelet <sandbox> <records> <data folder>}:
 * {@code kamelet:listrak-sms-optout-source} as it is in {@code kamelets/}, with the file stores in the data folder,
 * one pass, into a counting sink, one exchange per record; {@code kamelet-batch}: the same with {@code batch: true}, a
 * page (the list of its records) per exchange, as {@code routes/optout-propagation.yaml} reads it, the sink counting
 * the records of each list; {@code camel-floor}: Camel's routing alone ({@link #camelFloor}). Both print {@code DONE <records> <epoch nanos of the last record> <bytes allocated
 * by thread counters> <bytes allocated by GC accounting> <threads> <GC pauses> <CPU nanos of the whole JVM>}, the allocations counted by
 * {@link AllocationMeter} from before the first request to the end of the pass.
 */
public final class OptOutSourceRatioBenchmarkMain {

    public static void main(String[] args) throws Exception {
        JsonNode listrak = OptOutSourceBenchmarkMain.listrak(args[1]);
        long expected = Long.parseLong(args[2]);
        boolean warm = args.length > 4 && args[4].equals("warm");
        if (warm) {
            // the same run once before, unmeasured, in this JVM (classes loaded, hot code compiled); then the sandbox's
            // request log is reset so that the measured window starts at the measured run's first request
            System.out.println("warm-up: " + run(args[0], listrak, expected, Path.of(args[3], "warm-up")));
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(args[1] + "/sandbox/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
        System.out.println(run(args[0], listrak, expected, Path.of(args[3], "measured")));
    }

    /** One run of {@code kind}; returns its {@code DONE} line. */
    static String run(String kind, JsonNode listrak, long expected, Path data) throws Exception {
        java.nio.file.Files.createDirectories(data);
        return switch (kind) {
            case "baseline" -> baseline(listrak, expected);
            case "camel-floor" -> camelFloor(listrak, expected);
            default -> kamelet(listrak, expected, data.toString(), kind.equals("kamelet-batch"));
        };
    }

    static String baseline(JsonNode listrak, long expected) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AllocationMeter meter = AllocationMeter.start();
        java.util.Map<String, Object[]> threads = dev.smskamelets.test.ThreadCpu.snapshot();
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(listrak.get("clientId").asText(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(listrak.get("clientSecret").asText(), StandardCharsets.UTF_8);
        HttpResponse<byte[]> tokenResponse = http.send(HttpRequest.newBuilder(URI.create(listrak.get("tokenUrl").asText()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (tokenResponse.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + tokenResponse.statusCode());
        }
        String authorization = "Bearer " + mapper.readTree(tokenResponse.body()).get("access_token").asText();
        String next = listrak.get("baseUrl").asText() + "/v1/ShortCode/" + listrak.at("/seed/senderCodeId").asText()
                + "/OptOut?count=5000&startDate=" + URLEncoder.encode("1970-01-01T00:00:00Z", StandardCharsets.UTF_8);
        long count = 0;
        long phoneChars = 0;
        long last = 0;
        while (next != null) {
            HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(next)).header("Authorization", authorization)
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("GET " + next + " answered " + page.statusCode());
            }
            JsonNode json = mapper.readTree(page.body());
            for (JsonNode r : json.get("data")) {
                // every field read, so the parse cannot be skipped
                phoneChars += r.get("phoneNumber").asText().length() + r.get("optOutDate").asText().length()
                        + r.get("optOutReason").asText().length();
                if (++count == expected) {
                    last = epochNanos();
                }
            }
            JsonNode cursor = json.get("nextPageCursor");
            next = cursor == null || cursor.isNull() || json.get("data").isEmpty() ? null : cursor.asText();
        }
        AllocationMeter.Allocated allocated = meter.stop();
        cpuByThread(threads, count);
        System.out.println("characters read: " + phoneChars);
        return done(count, last, allocated);
    }

    static String kamelet(JsonNode listrak, long expected, String data, boolean batch) throws Exception {
        DefaultCamelContext context = OptOutSourceBenchmarkMain.context(listrak);
        OptOutSourceBenchmarkMain.bindStores(context, "file", data);
        AtomicLong count = new AtomicLong();
        long[] last = {0};
        context.getRegistry().bind("counter", (Processor) exchange -> {
            // a record, or with batch=true a page: the list of its records
            long n = exchange.getIn().getBody() instanceof java.util.List<?> page ? page.size() : 1;
            if (count.addAndGet(n) == expected) {
                last[0] = epochNanos();
            }
        });
        context.start();
        // one pass: a cron naming one second a few seconds from now (its next time is a year later), the route
        // added to the started context so that its start cannot miss that second
        ZonedDateTime at = ZonedDateTime.now().plusSeconds(4);
        String once = "%d %d %d %d %d ?".formatted(at.getSecond(), at.getMinute(), at.getHour(), at.getDayOfMonth(),
                at.getMonthValue());
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml",
                OptOutSourceBenchmarkMain.route(listrak, once, "counter", batch)));
        // CPU and allocation are counted from just before the pass is due, not from the route's start: the seconds
        // in between belong to starting Camel (class loading, JIT of the start), not to reading the records
        long untilDue = java.time.Duration.between(ZonedDateTime.now(), at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .toMillis() - 200;
        if (untilDue > 0) {
            Thread.sleep(untilDue);
        }
        AllocationMeter meter = AllocationMeter.start();
        java.util.Map<String, Object[]> threads = dev.smskamelets.test.ThreadCpu.snapshot();
        long deadline = System.nanoTime() + 3_600_000_000_000L;
        while (count.get() < expected || context.getInflightRepository().size() > 0) {
            Thread.sleep(10);
            if (count.get() == 0 && ZonedDateTime.now().isAfter(at.plusSeconds(60)) && context.getInflightRepository().size() == 0) {
                throw new IllegalStateException("the pass due at " + at + " (cron " + once + ") did not start");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count.get() + " of " + expected + " records in an hour");
            }
        }
        AllocationMeter.Allocated allocated = meter.stop();
        cpuByThread(threads, count.get());
        context.stop();
        return done(count.get(), last[0], allocated);
    }

    /**
     * Camel's own cost of a record in a source kamelet, without any vendor code: a kamelet of the same shape as
     * {@code listrak-sms-optout-source} ({@code from} a consumer, {@code to: kamelet:sink}; here {@code direct:}) and the
     * same user route into the counting sink, fed {@code expected} exchanges as the source's consumer makes them (a
     * shaped opt-out's JSON text as body, header {@code Content-Type}) from one thread, with no HTTP, no parsing, no
     * idempotency. Prints {@code FIRST <epoch nanos>} before the first exchange (its window has no sandbox request).
     */
    static String camelFloor(JsonNode listrak, long expected) throws Exception {
        DefaultCamelContext context = OptOutSourceBenchmarkMain.context(listrak);
        AtomicLong count = new AtomicLong();
        long[] last = {0};
        context.getRegistry().bind("counter", (Processor) exchange -> {
            if (count.incrementAndGet() == expected) {
                last[0] = epochNanos();
            }
        });
        context.start();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("floor.yaml", """
                - routeTemplate:
                    id: camel-floor-source
                    from:
                      uri: "direct:camel-floor"
                      steps:
                        - to: "kamelet:sink"
                - route:
                    id: camel-floor
                    from:
                      uri: "kamelet:camel-floor-source"
                      steps:
                        - process:
                            ref: counter
                """));
        // a page of distinct shaped opt-outs, written by Jackson, handed out in turn
        ObjectMapper mapper = new ObjectMapper();
        String[] bodies = new String[5000];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = mapper.writeValueAsString(java.util.Map.of("phoneNumber", "+1555" + (1_000_000 + i),
                    "phoneNumberValid", true, "optOutDate", "2024-01-01T00:00:00Z", "optOutReason", "Campaign",
                    "senderCodeId", 1));
        }
        org.apache.camel.Endpoint direct = context.getEndpoint("direct:camel-floor");
        org.apache.camel.Producer producer = direct.createProducer();
        producer.start();
        AllocationMeter meter = AllocationMeter.start();
        java.util.Map<String, Object[]> threads = dev.smskamelets.test.ThreadCpu.snapshot();
        System.out.println("FIRST " + epochNanos());
        for (long i = 0; i < expected; i++) {
            org.apache.camel.Exchange exchange = direct.createExchange();
            exchange.getIn().setBody(bodies[(int) (i % bodies.length)]);
            exchange.getIn().setHeader(org.apache.camel.Exchange.CONTENT_TYPE, "application/json");
            producer.process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        }
        AllocationMeter.Allocated allocated = meter.stop();
        cpuByThread(threads, count.get());
        producer.stop();
        context.stop();
        return done(count.get(), last[0], allocated);
    }

    /** Prints {@code CPU <thread> µs/record; ...}: where the window's CPU went, GC and JIT threads included. */
    static void cpuByThread(java.util.Map<String, Object[]> before, long records) {
        System.out.println("CPU " + dev.smskamelets.test.ThreadCpu.perRecord(dev.smskamelets.test.ThreadCpu.since(before), records));
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static String done(long records, long lastNanos, AllocationMeter.Allocated a) {
        return ("DONE " + records + " " + lastNanos + " " + a.threadBytes() + " " + a.gcBytes() + " " + a.threads()
                + " " + a.gcs() + " " + a.cpuNanos());
    }
}
