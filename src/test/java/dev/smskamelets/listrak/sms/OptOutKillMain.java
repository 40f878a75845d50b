package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.smskamelets.core.checkpoint.AtomicFileStateRepository;
import dev.smskamelets.core.checkpoint.JdbcStateRepository;
import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import dev.smskamelets.core.idempotent.JdbcIdempotentRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The job JVM of {@code dev.smskamelets.core.http.OptOutSourceStoresTest}'s kill test, killed with SIGKILL by the test: Listrak opt-outs from
 * {@code listrak-sms-optout-source} (pages of 50, a pass every 2 s) suppressed at Text Request by an idempotent sink
 * (the contact is read first and written only when not suppressed yet). Args: sandbox base URL, {@code file|postgres},
 * data folder (file) or table suffix (postgres). Runs until killed.
 */
public final class OptOutKillMain {

    public static final int PAGE = 50;

    public static void main(String[] args) throws Exception {
        JsonNode apis = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(args[0] + "/sandbox/info")).build(), HttpResponse.BodyHandlers.ofString()).body()).path("apis");
        JsonNode listrak = apis.get("listrak-sms");
        JsonNode tr = apis.get("textrequest");
        String dashboard = tr.get("dashboards").get(0).get("id").asText();
        DefaultCamelContext context = new DefaultCamelContext();
        Properties props = new Properties();
        props.put("listrakSecret", listrak.get("clientSecret").asText());
        props.put("trKey", tr.get("apiKey").asText());
        context.getPropertiesComponent().setInitialProperties(props);
        if (args[1].equals("postgres")) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(System.getProperty("test.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"));
            pool.setUsername(System.getProperty("test.jdbc.user", "postgres"));
            pool.setMaximumPoolSize(4);
            JdbcIdempotentRepository idempotent = new JdbcIdempotentRepository(pool, "t_kill_idem_" + args[2]);
            idempotent.setPendingTimeout("3s"); // the claims of the killed process are taken over after 3 s
            context.getRegistry().bind("smsStateRepository", new JdbcStateRepository(pool, "t_kill_state_" + args[2]));
            context.getRegistry().bind("smsIdempotentRepository", idempotent);
        } else {
            Path data = Path.of(args[2]);
            context.getRegistry().bind("smsStateRepository", new AtomicFileStateRepository(data.resolve("state.properties").toString()));
            context.getRegistry().bind("smsIdempotentRepository", new FileIdempotentRepository(data.resolve("idempotent.log").toString()));
        }
        String routes = """
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
                        baseUrl: "%1$s"
                        authType: api-key
                        apiKey: "{{trKey}}"
                        requestsPerSecond: 40
                - route:
                    id: suppress-opt-outs
                    from:
                      uri: "kamelet:listrak-sms-optout-source"
                      parameters:
                        baseUrl: "%2$s"
                        authUrl: "%3$s"
                        clientId: "%4$s"
                        clientSecret: "{{listrakSecret}}"
                        senderCodeId: %5$s
                        schedule: "0/2 * * * * ?"
                        pageSize: %7$d
                        requestsPerSecond: 500
                      steps:
                        - unmarshal:
                            json: {}
                        - setHeader:
                            name: phone
                            simple: "${body[phoneNumber]}"
                        - process:
                            ref: phones
                        - to: "kamelet:textrequest-contact-get-action?baseUrl=%1$s&apiKey={{trKey}}&dashboardId=%6$s&requestsPerSecond=500"
                        - setProperty:
                            name: suppressed
                            constant: false
                        - filter:
                            simple: "${header.textRequestFound} == true"
                            steps:
                              - unmarshal:
                                  json: {}
                              - setProperty:
                                  name: suppressed
                                  simple: "${body[is_suppressed]}"
                        - filter:
                            simple: "${exchangeProperty.suppressed} != true"
                            steps:
                              - setBody:
                                  constant: '{"is_suppressed": true, "suppressed_reason": "Opted out in Listrak"}'
                              - setHeader:
                                  name: CamelHttpMethod
                                  constant: POST
                              - setHeader:
                                  name: CamelHttpPath
                                  simple: "/dashboards/%6$s/contacts/${header.phone}"
                              - process:
                                  ref: textRequest
                """.formatted(tr.get("baseUrl").asText(), listrak.get("baseUrl").asText(), listrak.get("tokenUrl").asText(),
                listrak.get("clientId").asText(), listrak.at("/seed/senderCodeId").asText(), dashboard, PAGE);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routes));
        context.start();
        System.out.println("STARTED");
        Thread.currentThread().join(); // until killed
    }
}
