package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text Request-style page-number paging (x-api-key) through the same loop/split pattern in a plain YAML route,
 * and the restart test: a pass that dies mid-page resumes from the checkpoint, and the idempotent repository
 * keeps the re-read records of that page from being written twice.
 */
class PageNumberPagingTest {

    static final int RECORDS = 2_345;

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("core.records", RECORDS)
            .api(CoreTestApi::new);

    static final ObjectMapper JSON = new ObjectMapper();

    static String routes(String extraClientProperties) {
        return """
                - beans:
                    - name: pagesClient
                      type: "#class:dev.smskamelets.core.http.VendorClient"
                      properties:
                        vendor: core-test
                        operation: listPages
                        baseUrl: "{{sandbox}}/core"
                        authType: api-key
                        apiKey: "{{apiKey}}"
                        paging: page-number
                        pageSize: 200
                        requestsPerSecond: 1000
                %s
                - route:
                    id: pages
                    from:
                      uri: "timer:pages?repeatCount=1"
                      steps:
                        - setHeader:
                            name: CamelHttpPath
                            constant: /pages/items
                        - loop:
                            doWhile: true
                            simple: "${exchangeProperty.vendorPageMore} != false"
                            steps:
                              - bean:
                                  ref: pagesClient
                                  method: fetchPage
                              - split:
                                  simple: "${body}"
                                  streaming: true
                                  stopOnException: true
                                  steps:
                                    - idempotentConsumer:
                                        simple: "${body}"
                                        idempotentRepository: "#bean:written"
                                        steps:
                                          - process:
                                              ref: collector
                              - bean:
                                  ref: pagesClient
                                  method: commitPage
                """.formatted(extraClientProperties.indent(8).stripTrailing());
    }

    static KameletCamel harness(Sandbox sandbox, Path dir) {
        return new KameletCamel(Map.of("sandbox", sandbox.baseUrl(), "apiKey", CoreTestApi.API_KEY))
                .bind("written", FileIdempotentRepository.fileIdempotentRepository(dir.resolve("written.dat").toFile(),
                        100_000))
                .bind("checkpoints", new FileStateRepository() {{
                    setFileStore(dir.resolve("checkpoints.dat").toFile());
                }});
    }

    @Test
    void everyRecordExactlyOnceAndStopsWithoutAnExtraCall(Sandbox sandbox, @TempDir Path dir) throws Exception {
        try (KameletCamel camel = harness(sandbox, dir)) {
            camel.start(routes(""));
            assertThat(camel.awaitPass(120)).isTrue();
            assertThat(ids(camel.bodies())).hasSize(RECORDS).isSorted().doesNotHaveDuplicates();
        }
        List<RequestLog.Entry> pages = sandbox.requests().entries(e -> "pageItems".equals(e.operationId()));
        assertThat(pages).hasSize(12).allMatch(e -> e.status() == 200); // 11 x 200 + 145, total_items ends it
        assertThat(pages.get(0).query()).contains("page=0", "page_size=200");
    }

    @Test
    void crashMidPageResumesFromTheCheckpointWithoutDuplicateWrites(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        String checkpointed = "checkpoint: checkpoints\ncheckpointKey: pages-test";
        AtomicBoolean crashed = new AtomicBoolean();
        try (KameletCamel first = harness(sandbox, dir)) {
            first.beforeCollect = exchange -> {
                if (JSON.readTree(exchange.getIn().getBody(String.class)).get("id").asInt() == 1_250
                        && crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("crash in the middle of page 6");
                }
            };
            first.start(routes(checkpointed));
            assertThat(first.awaitPass(120)).isTrue();
            assertThat(ids(first.bodies())).hasSize(1_250).endsWith(1_249);
        }
        assertThat(Files.readString(dir.resolve("checkpoints.dat"))).contains("pages-test=6");
        sandbox.resetObservations();

        try (KameletCamel restarted = harness(sandbox, dir)) {
            restarted.start(routes(checkpointed));
            assertThat(restarted.awaitPass(120)).isTrue();
            // Page 6 (records 1200..1399) is read again, but 1200..1249 were written before the crash.
            assertThat(ids(restarted.bodies())).hasSize(RECORDS - 1_250).startsWith(1_250).doesNotHaveDuplicates();
        }
        assertThat(sandbox.requests().entries(e -> "pageItems".equals(e.operationId())).get(0).query())
                .contains("page=6");
        assertThat(Files.readString(dir.resolve("checkpoints.dat"))).contains("pages-test=\n");
    }

    static List<Integer> ids(List<String> records) {
        return records.stream().map(r -> {
            try {
                return JSON.readTree(r).get("id").asInt();
            } catch (Exception e) {
                throw new IllegalStateException(r, e);
            }
        }).toList();
    }
}
