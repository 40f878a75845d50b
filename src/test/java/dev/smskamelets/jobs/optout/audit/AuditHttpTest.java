package dev.smskamelets.jobs.optout.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smskamelets.test.JobRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditHttpTest {

    private static final String NUMBER = "+15125550123";

    @TempDir
    Path dir;

    private OptOutAudit audit() {
        OptOutAudit audit = new OptOutAudit();
        audit.setDirectory(dir.resolve("audit").toString());
        audit.setMeterRegistry(new SimpleMeterRegistry());
        String id = audit.received(NUMBER, "textable", "user-7", "inbound", "STOP", "m-1", null, null, null);
        audit.outcome(id, "listrak-sms:1234", "applied", null);
        return audit;
    }

    @Test
    void refusesWithoutItsTokenAndAnswersWithIt() {
        AuditHttp http = new AuditHttp();
        http.setAudit(audit());
        String journey = "/observe/audit/journey/%2B15125550123";
        // no token configured: everything is refused, whatever is sent
        assertThat(http.answer("GET", journey, Map.of(), null).status()).isEqualTo(401);
        assertThat(http.answer("GET", journey, Map.of(), "Bearer ").status()).isEqualTo(401);
        assertThat(http.answer("GET", journey, Map.of(), "Bearer null").status()).isEqualTo(401);
        http.setToken("s3cret-audit-token");
        assertThat(http.answer("GET", journey, Map.of(), null).status()).isEqualTo(401);
        assertThat(http.answer("GET", journey, Map.of(), "Bearer wrong").status()).isEqualTo(401);
        assertThat(http.answer("GET", journey, Map.of(), "Basic s3cret-audit-token").status()).isEqualTo(401);
        assertThat(http.answer("GET", journey, Map.of(), "Bearer s3cret-audit-token-and-more").status()).isEqualTo(401);
        AuditHttp.Response ok = http.answer("GET", journey, Map.of(), "Bearer s3cret-audit-token");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contentType()).isEqualTo("application/json");
        assertThat(ok.body()).contains("\"number\" : \"" + NUMBER + "\"").contains("listrak-sms:1234");
        AuditHttp.Response report = http.answer("GET", "/observe/audit/report",
                Map.of("from", "2000-01-01", "to", "2100-01-01"), "bearer s3cret-audit-token");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.contentType()).isEqualTo("text/csv");
        assertThat(report.body()).startsWith("event_id,number,").contains(",listrak-sms:1234,done,applied,");
        AuditHttp.Response bad = http.answer("GET", "/observe/audit/report", Map.of("from", "Jan 1"),
                "Bearer s3cret-audit-token");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("from 'Jan 1'");
    }

    @Test
    void asAProcessorItRefusesWithoutTheTokenWithAChallenge() throws Exception {
        AuditHttp http = new AuditHttp();
        http.setAudit(audit());
        http.setToken("t0ken");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange refused = new DefaultExchange(camel);
            refused.getMessage().setHeader(Exchange.HTTP_PATH, "/observe/audit/report");
            refused.getMessage().setHeader(Exchange.HTTP_QUERY, "from=2000-01-01&to=2100-01-01");
            http.process(refused);
            assertThat(refused.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
            assertThat(refused.getMessage().getHeader("WWW-Authenticate")).isEqualTo("Bearer");
            Exchange ok = new DefaultExchange(camel);
            ok.getMessage().setHeader(Exchange.HTTP_PATH, "/observe/audit/report");
            ok.getMessage().setHeader(Exchange.HTTP_QUERY, "from=2000-01-01&to=2100-01-01");
            ok.getMessage().setHeader("Authorization", "Bearer t0ken");
            http.process(ok);
            assertThat(ok.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
            assertThat(ok.getMessage().getBody(String.class)).contains(NUMBER);
        }
    }

    @Test
    void isServedOnTheManagementPortWithItsToken() throws Exception {
        audit().stop();
        int port = JobRuntime.freePort();
        Main main = new Main();
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.host", "127.0.0.1");
        main.addInitialProperty("camel.management.port", String.valueOf(port));
        main.addInitialProperty("camel.beans.optoutAudit", "#class:" + OptOutAudit.class.getName());
        main.addInitialProperty("camel.beans.optoutAudit.directory", dir.resolve("audit").toString());
        main.addInitialProperty("camel.beans.optoutAuditHttp", "#class:" + AuditHttp.class.getName());
        main.addInitialProperty("camel.beans.optoutAuditHttp.audit", "#bean:optoutAudit");
        main.addInitialProperty("camel.beans.optoutAuditHttp.token", "m4nagement-token");
        main.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port + "/observe/audit";
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(base + "/journey/%2B15125550123"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain(NUMBER);
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create(base + "/journey/%2B15125550123"))
                    .header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/journey/%2B15125550123"))
                    .header("Authorization", "Bearer m4nagement-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains(NUMBER).contains("listrak-sms:1234");
            HttpResponse<String> report = client.send(HttpRequest.newBuilder(
                    URI.create(base + "/report?from=2000-01-01&to=2100-01-01"))
                    .header("Authorization", "Bearer m4nagement-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.headers().firstValue("Content-Type")).hasValue("text/csv");
            assertThat(report.body()).contains(",listrak-sms:1234,done,applied,");
        } finally {
            main.stop();
        }
    }
}
