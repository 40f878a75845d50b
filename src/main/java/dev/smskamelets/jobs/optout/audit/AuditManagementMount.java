package dev.smskamelets.jobs.optout.audit;

import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mounts {@link AuditHttp} on Camel Main's management server (only loaded when camel-platform-http-main is there). */
final class AuditManagementMount {

    private static final Logger LOG = LoggerFactory.getLogger(AuditManagementMount.class);

    private AuditManagementMount() {
    }

    static boolean mount(CamelContext context, AuditHttp http, String basePath) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            LOG.info("Audit endpoint not mounted: the management server is not enabled (camel.management.enabled)");
            return false;
        }
        Router router = server.getRouter();
        router.route(basePath + "/*").blockingHandler(ctx -> {
            Map<String, String> query = new LinkedHashMap<>();
            ctx.queryParams().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
            AuditHttp.Response r = http.answer(ctx.request().method().name(), ctx.normalizedPath(), query,
                    ctx.request().getHeader("Authorization"));
            var response = ctx.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType());
            if (r.status() == 401) {
                response.putHeader("WWW-Authenticate", "Bearer");
            }
            response.end(r.body());
        }, false);
        return true;
    }
}
