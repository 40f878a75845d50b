package dev.smskamelets.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.http.RetryingCaller;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.http.VendorRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Keeps one web hook registered: Text Request disables a hook after 10 consecutive non-2xx replies (it stays listed,
 * {@code "enabled": false}, and is never called again), and registering the same event and URL again answers 409
 * while it exists. {@link #ensure} lists the dashboard's hooks (every page), and registers the hook when it is
 * missing, or deletes and registers it again when it was disabled. The answer is {@code {action, hook}} with
 * {@code action} = {@code ok}, {@code registered} or {@code re-registered} (also in the header
 * {@value #ACTION_HEADER}). The {@code textrequest} component's {@code hooks} resource runs it as operation
 * {@code ensure}, through the endpoint's client, so the check shares its auth, pacing and retries.
 */
public class TextRequestHookCheck {

    public static final String ACTION_HEADER = "textRequestHookAction";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;

    private String dashboardId;
    private String hookName;

    /** Ensures the hook of the exchange's body ({@code target_url}, {@code event}, ...) through {@code client}. */
    public void ensure(org.apache.camel.Exchange exchange, VendorClient client) {
        if (dashboardId == null) {
            throw new IllegalArgumentException("Text Request field 'dashboardId' must be a whole number, got 'null'");
        }
        JsonNode wanted = TextRequestBodies.hook(TextRequestBodies.read(exchange.getIn()), hookName);
        String url = wanted.path("target_url").asText("");
        String event = wanted.path("event").asText("");
        if (url.isBlank() || !TextRequestWebhookEvents.EVENTS.contains(event)) {
            throw new IllegalArgumentException("Text Request hook ensure needs 'target_url' and 'event' (one of "
                    + TextRequestWebhookEvents.EVENTS + "), got '" + url + "' and '" + event + "'");
        }
        RetryingCaller caller = client.caller(exchange.getContext());
        String hooks = "/dashboards/" + dashboardId + "/hooks";
        JsonNode found = find(caller, hooks, url, event);
        String action;
        JsonNode hook = found;
        if (found != null && found.path("enabled").asBoolean(true)) {
            action = "ok";
        } else {
            if (found != null) {
                caller.call("Webhooks_deleteWebhookFromPhoneNumber", new VendorRequest("DELETE",
                        hooks + "/" + found.path("id").asText(), null, null, null), false);
            }
            byte[] body = wanted.toString().getBytes(StandardCharsets.UTF_8);
            hook = caller.call("Webhooks_registerNewWebhook",
                    new VendorRequest("POST", hooks, null, "application/json", body), true).json();
            action = found == null ? "registered" : "re-registered";
        }
        ObjectNode out = JSON.createObjectNode().put("action", action);
        out.set("hook", hook);
        exchange.getMessage().setHeader(ACTION_HEADER, action);
        exchange.getMessage().setBody(out.toString());
    }

    private static JsonNode find(RetryingCaller caller, String hooks, String url, String event) {
        for (int page = 0; ; page++) {
            JsonNode answer = caller.call("Webhooks_getAllForDashboard",
                    VendorRequest.get(hooks, null).withQuery(Map.of("page", String.valueOf(page),
                            "page_size", String.valueOf(PAGE))), true).json();
            JsonNode items = answer == null ? null : answer.path("items");
            if (items == null || !items.isArray() || items.isEmpty()) {
                return null;
            }
            for (JsonNode hook : items) {
                if (event.equals(hook.path("event").asText()) && url.equals(hook.path("target_url").asText())) {
                    return hook;
                }
            }
            if ((page + 1L) * PAGE >= answer.at("/meta/total_items").asLong(0)) {
                return null;
            }
        }
    }

    /** Name of a hook registered without one (default: {@code "sms-kamelets <event>"}). */
    public void setHookName(String hookName) {
        this.hookName = hookName;
    }

    public void setDashboardId(String dashboardId) {
        if (dashboardId == null || !dashboardId.strip().matches("\\d{1,9}")) {
            throw new IllegalArgumentException("Text Request field 'dashboardId' must be a whole number, got '"
                    + dashboardId + "'");
        }
        this.dashboardId = dashboardId.strip();
    }
}
