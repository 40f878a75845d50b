package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.checkpoint.AtomicFileStateRepository;
import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.Processor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of issue 4, end to end on the vendor sandboxes: Listrak SMS opt-outs (paged source kamelet with a
 * checkpoint) are written to Text Request (upsert, suppressed) through core-store's idempotent repository. The job
 * dies in the middle of a page; a new Camel context over the same files resumes from the checkpointed page, and the
 * sandbox ledger shows every opt-out written exactly once: no duplicate, no loss.
 */
class OptOutPropagationCrashTest {

    static final int OPT_OUTS = 1_000;
    static final int CRASH_AT = 530; // record index 130 of the third page of 200

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("listrak.optOuts", OPT_OUTS)
            .option("textrequest.dashboards", 1);

    static final ObjectMapper JSON = new ObjectMapper();

    static String routes(JsonNode listrak, JsonNode tr) {
        return """
                - beans:
                    - name: phones
                      type: "#class:dev.smskamelets.core.phone.PhoneNormalizer"
                      properties:
                        target: textrequest
                        validation: possible
                    - name: textRequest
                      type: "#class:dev.smskamelets.core.http.VendorClient"
                      properties:
                        vendor: textrequest
                        operation: Contacts_createOrUpdateByPhoneNumber
                        baseUrl: "%s"
                        authType: api-key
                        apiKey: "{{trKey}}"
                        requestsPerSecond: 500
                - route:
                    id: propagate-opt-outs
                    from:
                      uri: "kamelet:listrak-sms-optout-source"
                      parameters:
                        baseUrl: "%s"
                        authUrl: "%s"
                        clientId: "%s"
                        clientSecret: "{{listrakSecret}}"
                        senderCodeId: %s
                        schedule: "%s"
                        pageSize: 200
                        requestsPerSecond: 500
                      steps:
                        - process:
                            ref: crasher
                        - unmarshal:
                            json: {}
                        - setHeader:
                            name: phone
                            simple: "${body[phoneNumber]}"
                        - process:
                            ref: phones
                        - idempotentConsumer:
                            simple: "textrequest:%s:${header.phone}:optout"
                            idempotentRepository: smsIdempotentRepository
                            steps:
                              - setBody:
                                  constant: '{"is_suppressed": true, "suppressed_reason": "Opted out in Listrak"}'
                              - setHeader:
                                  name: CamelHttpMethod
                                  constant: POST
                              - setHeader:
                                  name: CamelHttpPath
                                  simple: "/dashboards/%s/contacts/${header.phone}"
                              - process:
                                  ref: textRequest
                """.formatted(tr.get("baseUrl").asText(), listrak.get("baseUrl").asText(),
                listrak.get("tokenUrl").asText(), listrak.get("clientId").asText(),
                listrak.at("/seed/senderCodeId").asText(), dev.smskamelets.test.Cron.once(), dashboard(tr), dashboard(tr));
    }

    static String dashboard(JsonNode tr) {
        return tr.get("dashboards").get(0).get("id").asText();
    }

    KameletCamel job(Sandbox sandbox, JsonNode listrak, JsonNode tr, Path dir, Processor crasher) {
        KameletCamel camel = new KameletCamel(Map.of("trKey", tr.get("apiKey").asText(),
                "listrakSecret", listrak.get("clientSecret").asText()));
        FileIdempotentRepository idempotent = new FileIdempotentRepository(dir.resolve("idem.log").toString());
        return camel.bind("crasher", crasher)
                .bind("smsStateRepository", new AtomicFileStateRepository(dir.resolve("state.properties").toString()))
                .bind("smsIdempotentRepository", idempotent);
    }

    @Test
    void crashMidPageRestartsFromTheCheckpointWithoutDuplicateOrLostWrites(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        JsonNode apis = JSON.valueToTree(sandbox.info()).path("apis");
        assumeTrue(apis.has("listrak-sms") && apis.has("textrequest"), "vendor sandboxes not merged yet");
        JsonNode listrak = apis.get("listrak-sms");
        JsonNode tr = apis.get("textrequest");
        long mark = sandbox.ledger().mark();

        AtomicInteger seen = new AtomicInteger();
        AtomicBoolean crashed = new AtomicBoolean();
        try (KameletCamel first = job(sandbox, listrak, tr, dir, exchange -> {
            if (seen.incrementAndGet() == CRASH_AT + 1 && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("process killed before record " + CRASH_AT);
            }
        })) {
            first.start(routes(listrak, tr));
            awaitIdle(first, seen);
        }
        assertThat(crashed).isTrue();
        assertThat(writes(sandbox, mark)).hasSize(CRASH_AT);

        AtomicInteger seenAfterRestart = new AtomicInteger();
        try (KameletCamel restarted = job(sandbox, listrak, tr, dir, exchange -> seenAfterRestart.incrementAndGet())) {
            restarted.start(routes(listrak, tr));
            awaitIdle(restarted, seenAfterRestart);
        }

        Map<String, Long> perContact = writes(sandbox, mark).stream()
                .collect(Collectors.groupingBy(Ledger.Entry::key, Collectors.counting()));
        assertThat(perContact).hasSize(OPT_OUTS);
        assertThat(perContact.values()).as("writes per opted-out contact").containsOnly(1L);
        // The restart re-read from the watermark of page 2 (minus the lookback), but the source's idempotent
        // repository dropped what it had already handed off (records 399..529): only the rest reached the job.
        assertThat(seenAfterRestart.get()).isEqualTo(OPT_OUTS - CRASH_AT);
    }

    static List<Ledger.Entry> writes(Sandbox sandbox, long mark) {
        return sandbox.ledger().since(mark).stream()
                .filter(e -> "Contacts_createOrUpdateByPhoneNumber".equals(e.operationId())).toList();
    }

    /** Waits until the pass ended: records were seen and nothing is in flight for three polls. */
    static void awaitIdle(KameletCamel camel, AtomicInteger seen) throws InterruptedException {
        int idle = 0;
        long deadline = System.currentTimeMillis() + 180_000;
        while (idle < 3 && System.currentTimeMillis() < deadline) {
            idle = seen.get() > 0 && camel.context.getInflightRepository().size() == 0 ? idle + 1 : 0;
            Thread.sleep(100);
        }
        assertThat(idle).as("the pass ended").isGreaterThanOrEqualTo(3);
    }

}
