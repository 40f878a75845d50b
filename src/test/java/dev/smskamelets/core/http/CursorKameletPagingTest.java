package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.sandbox.RequestLog;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A source kamelet built on the core pattern (OAuth2 + Listrak cursor) pages through a long list exactly once. */
class CursorKameletPagingTest {

    static final int RECORDS = 3_210;

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("core.records", RECORDS)
            .api(CoreTestApi::new);

    static final ObjectMapper JSON = new ObjectMapper();

    static String route(int pageSize) {
        return """
                - route:
                    id: read-all
                    from:
                      uri: "kamelet:core-test-cursor-source"
                      parameters:
                        baseUrl: "{{sandbox}}/core"
                        tokenUrl: "{{sandbox}}/core/oauth/token"
                        clientId: alice
                        clientSecret: "{{secret}}"
                        pageSize: %d
                      steps:
                        - process:
                            ref: collector
                """.formatted(pageSize);
    }

    static KameletCamel harness(Sandbox sandbox) {
        return new KameletCamel(Map.of("sandbox", sandbox.baseUrl(), "secret", CoreTestApi.SECRETS.get("alice")));
    }

    @Test
    void everyRecordExactlyOnceInOrderAcrossManyPages(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = harness(sandbox)) {
            camel.start(route(250));
            assertThat(camel.awaitPass(120)).as("one complete pass").isTrue();
            assertThat(seqs(camel.bodies())).hasSize(RECORDS).isSorted().doesNotHaveDuplicates()
                    .startsWith(0, 1, 2).endsWith(RECORDS - 1);
        }
        assertThat(pages(sandbox)).hasSize(13); // 12 full pages of 250 + one of 210, no extra empty call
        assertThat(sandbox.requests().count("core-test", "token")).isEqualTo(1);
    }

    @Test
    void defaultPageSizeIsTheVendorMaximum(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = harness(sandbox)) {
            camel.start(route(5000).replaceAll(" *pageSize: 5000\n", ""));
            assertThat(camel.awaitPass(120)).isTrue();
            assertThat(seqs(camel.bodies())).hasSize(RECORDS).doesNotHaveDuplicates();
        }
        assertThat(pages(sandbox)).hasSize(1).allMatch(e -> e.query().contains("count=5000"));
    }

    static List<RequestLog.Entry> pages(Sandbox sandbox) {
        return sandbox.requests().entries().stream().filter(e -> "cursorItems".equals(e.operationId())).toList();
    }

    static List<Integer> seqs(List<String> records) {
        return records.stream().map(r -> {
            try {
                return JSON.readTree(r).get("seq").asInt();
            } catch (Exception e) {
                throw new IllegalStateException(r, e);
            }
        }).toList();
    }
}
