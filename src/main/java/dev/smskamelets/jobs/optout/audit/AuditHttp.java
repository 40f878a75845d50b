package dev.smskamelets.jobs.optout.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit's HTTP answers, for the management server ({@code camel.management.*}, e.g.
 * {@code http://127.0.0.1:9876}):
 * <ul>
 *   <li>{@code GET /observe/audit/journey/{number}}: the journey of a number, JSON ({@link OptOutAudit#journey});</li>
 *   <li>{@code GET /observe/audit/report?from=2026-01-01&to=2026-01-31}: the report, CSV ({@link AuditReport}).</li>
 * </ul>
 * Every request must carry {@code Authorization: Bearer <token>} with the configured {@code token} (compared in
 * constant time); without a token configured every request is refused (401). Register it as a bean with its
 * {@code audit} and {@code token}: in Camel Main with camel-platform-http-main on the class path it mounts itself on
 * the management server when the context has started ({@code mount=false} to skip). It is also a {@link Processor}
 * (headers {@code CamelHttpPath}, {@code CamelHttpQuery}, {@code Authorization}) for an application serving it from
 * a route of its own.
 */
public class AuditHttp implements Processor, CamelContextAware, StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(AuditHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CamelContext camelContext;
    private OptOutAudit audit;
    private volatile byte[] token;
    private String basePath = "/observe/audit";
    private boolean mount = true;

    /** A response: status, content type, body. */
    public record Response(int status, String contentType, String body) {
    }

    /** Answers one request; {@code path} is the request path, {@code query} the decoded query parameters. */
    public Response answer(String method, String path, Map<String, String> query, String authorization) {
        if (!authorized(authorization)) {
            return new Response(401, "text/plain", "Unauthorized: send Authorization: Bearer <audit token>\n");
        }
        if (method != null && !"GET".equalsIgnoreCase(method)) {
            return new Response(405, "text/plain", "Only GET\n");
        }
        String p = path == null ? "" : path;
        try {
            if (p.startsWith(basePath + "/journey/")) {
                String number = URLDecoder.decode(p.substring((basePath + "/journey/").length()), StandardCharsets.UTF_8);
                return new Response(200, "application/json",
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(audit.journey(number)));
            }
            if (p.equals(basePath + "/report")) {
                LocalDate from = date("from", query.get("from"));
                LocalDate to = date("to", query.get("to"));
                return new Response(200, "text/csv", audit.report(from, to).csv());
            }
        } catch (IllegalArgumentException e) {
            return new Response(400, "text/plain", e.getMessage() + "\n");
        } catch (Exception e) {
            LOG.warn("Audit request {} failed: {}", p, e.getMessage());
            return new Response(500, "text/plain", "Audit query failed\n");
        }
        return new Response(404, "text/plain", "Not found: " + basePath + "/journey/{number} or " + basePath
                + "/report?from=YYYY-MM-DD&to=YYYY-MM-DD\n");
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Response r = answer(in.getHeader(Exchange.HTTP_METHOD, "GET", String.class),
                in.getHeader(Exchange.HTTP_PATH, String.class), query(in.getHeader(Exchange.HTTP_QUERY, String.class)),
                in.getHeader("Authorization", String.class));
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        in.setHeader(Exchange.CONTENT_TYPE, r.contentType());
        if (r.status() == 401) {
            in.setHeader("WWW-Authenticate", "Bearer");
        }
        in.setBody(r.body());
    }

    /** Whether the header is {@code Bearer <token>} with the configured token (constant-time); false without one. */
    boolean authorized(String authorization) {
        byte[] expected = token;
        if (expected == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    static Map<String, String> query(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(k, v);
        }
        return params;
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid " + field + " '" + value + "': expected a date such as 2026-01-31");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the management server starts with the context; mounted once it fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (!mount) {
            return;
        }
        try {
            Class.forName("org.apache.camel.component.platform.http.main.ManagementHttpServer", false,
                    AuditHttp.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.info("Audit endpoint not mounted: no management server (camel-platform-http-main) on the class path");
            return;
        }
        if (AuditManagementMount.mount(context, this, basePath)) {
            LOG.info("Opt-out audit on the management server: {}/journey/{number} and {}/report?from=&to= (Bearer token{})",
                    basePath, basePath, token == null ? " not configured: every request is refused" : " required");
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        if (this.camelContext == camelContext) {
            return; // Camel Main injects the context more than once: mount once
        }
        this.camelContext = camelContext;
        if (camelContext != null) {
            try {
                camelContext.addStartupListener(this);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot register the audit endpoint: " + e.getMessage(), e);
            }
        }
    }

    public void setAudit(OptOutAudit audit) {
        this.audit = audit;
    }

    /** The bearer token; blank or unset: every request is refused. Never logged. */
    public void setToken(String token) {
        this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a token is configured (without one every request is refused). */
    public boolean hasToken() {
        return token != null;
    }

    public String getBasePath() {
        return basePath;
    }

    public void setBasePath(String basePath) {
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    }

    public void setMount(boolean mount) {
        this.mount = mount;
    }
}
