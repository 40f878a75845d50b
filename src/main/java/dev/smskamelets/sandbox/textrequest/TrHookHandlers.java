package dev.smskamelets.sandbox.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Web hook registration. {@code GET .../hooks} answers the paged {@code webhook_response_container}
 * ({@code {items, meta}}): the document declares a single {@code webhook} there, which is its bug 4; the container is
 * what a paged collection of the vendor returns, and it still validates against the declared schema (an object
 * whose properties are all optional).
 */
final class TrHookHandlers {

    private static final Set<String> VERBS = Set.of("PUT", "POST", "DELETE");

    private final TrState state;

    TrHookHandlers(TrState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("GET", "/eventTypes", "Webhooks_getAllTypes", r -> SandboxResponse.json(200, TrWebhooks.EVENTS));
        router.add("GET", "/dashboards/{dashboard_id}/hooks", "Webhooks_getAllForDashboard", r -> {
            TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
            return TrPaging.of(r).respond(List.copyOf(d.hooks.values()), TrHook::toJson, false);
        });
        router.add("POST", "/dashboards/{dashboard_id}/hooks", "Webhooks_registerNewWebhook", this::register);
        router.add("DELETE", "/dashboards/{dashboard_id}/hooks/{webhook_id}", "Webhooks_deleteWebhookFromPhoneNumber", r -> {
            TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
            int id = TrState.intParam("webhook_id", r.pathParam("webhook_id"));
            TrHook hook = d.hooks.remove(id);
            if (hook == null) {
                throw new BadRequestException("No web hook with id " + id + " exists in dashboard " + d.id + ".");
            }
            hook.enabled = false;
            state.record(r, "hook", String.valueOf(id), "deleted");
            return SandboxResponse.empty(204);
        });
    }

    private SandboxResponse register(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        JsonNode body = Json.read(r.body());
        TrHook hook = create(d, body, false);
        if (hook == null) {
            return TrErrors.error(409, null, "A webhook for this event and url already exists.");
        }
        state.record(r, "hook", String.valueOf(hook.id), "registered " + hook.event + " " + hook.httpVerb + " " + hook.targetUrl);
        return SandboxResponse.json(201, hook.toJson());
    }

    /** Validates and adds a hook; null when the same event and URL are already registered (409). */
    TrHook create(TrDashboard d, JsonNode body, boolean userDefined) {
        String url = body.path("target_url").asText("");
        String event = body.path("event").asText("");
        String verb = body.hasNonNull("http_verb") ? body.get("http_verb").asText() : "POST";
        if (!isHttpUrl(url)) {
            throw new BadRequestException("target_url must be an absolute http(s) URL, got '" + url + "'.");
        }
        if (!TrWebhooks.EVENTS.contains(event)) {
            throw new BadRequestException("event must be one of " + TrWebhooks.EVENTS + ", got '" + event + "'.");
        }
        if (!VERBS.contains(verb)) {
            throw new BadRequestException("http_verb must be PUT, POST or DELETE (never GET), got '" + verb + "'.");
        }
        if (d.hooks.values().stream().anyMatch(h -> h.event.equals(event) && h.targetUrl.equals(url))) {
            return null;
        }
        TrHook hook = new TrHook(state.nextHookId++, d.id, url, event, verb, userDefined);
        d.hooks.put(hook.id, hook);
        return hook;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
