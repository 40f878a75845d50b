package dev.smskamelets.textrequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Text Request API v3 operations of the {@code textrequest} component's producers (and so of the action kamelets), by resource and operation name: HTTP method,
 * path template ({@code {dashboard}}, {@code {phone}}, {@code {id}}), the document's operationId, what the body
 * must be, and whether the answer is JSON (archive, redact and deletes answer without a body).
 */
public final class TextRequestEndpoints {

    /** What a request carries. */
    public enum Body { NONE, OBJECT, ARRAY, MESSAGE, PAGE }

    /** One operation. */
    public record Endpoint(String method, String path, String operationId, Body body, boolean json) {
        public boolean needs(String part) {
            return path.contains("{" + part + "}");
        }
    }

    private static final Map<String, Endpoint> TABLE = new LinkedHashMap<>();
    private static final String CONTACT = "/dashboards/{dashboard}/contacts/{phone}";

    static {
        put("contact", "get", "GET", CONTACT, "Contacts_getByPhoneNumber", Body.NONE, true);
        put("contact", "create-or-update", "POST", CONTACT, "Contacts_createOrUpdateByPhoneNumber", Body.OBJECT, false);
        put("contact", "patch", "PATCH", CONTACT, "Contacts_updateContactDetails", Body.OBJECT, false);
        put("contact", "delete", "DELETE", CONTACT, "Contacts_deleteByPhoneNumber", Body.NONE, false);
        put("contact", "bulk-update", "POST", "/dashboards/{dashboard}/contacts", "Contacts_bulkUpdate", Body.ARRAY, false);
        put("conversation", "archive", "PUT", CONTACT + "/conversations/archive", "Conversations_archiveConversation",
                Body.NONE, false);
        put("conversation", "unarchive", "PUT", CONTACT + "/conversations/unarchive",
                "Conversations_unarchiveConversation", Body.NONE, false);
        put("conversation", "redact", "PUT", "/messages/{id}/redact", "Messages_redactMessage", Body.NONE, false);
        put("conversation", "unredact", "PUT", "/messages/{id}/unredact", "Messages_unredactMessage", Body.NONE, false);
        put("conversation", "messages", "GET", CONTACT + "/messages",
                "Conversations_getConversationMessagesByContactPhone", Body.PAGE, true);
        put("message", "send", "POST", CONTACT + "/messages", "Conversations_sendMessageToContact", Body.MESSAGE, true);
        put("dashboard", "list", "GET", "/dashboards", "Dashboard_listAllDashboards", Body.PAGE, true);
        put("dashboard", "get", "GET", "/dashboards/{id}", "Dashboard_getInfo", Body.NONE, true);
        put("dashboard", "create", "POST", "/dashboards", "Dashboard_createNewDashboard", Body.OBJECT, true);
        put("dashboard", "update", "PUT", "/dashboards/{id}", "Dashboard_updateName", Body.OBJECT, false);
        put("dashboard", "delete", "DELETE", "/dashboards/{id}", "Dashboard_deleteDashboardById", Body.NONE, false);
        crud("tag", "tags", "Tags_getAllDashboardTags", "Tags_getTagById", "Tags_createNewTag", "Tags_updateTagById",
                "Tags_deleteTagById", Body.PAGE);
        crud("group", "groups", "Groups_getAll", "Groups_getById", "Groups_createNewGroup", "Groups_updateGroupName",
                "Groups_deleteGroupById", Body.PAGE);
        crud("keyword", "keywords", "Keywords_getAll", "Keywords_getById", "Keywords_createNewKeyword",
                "Keywords_updateKeywordById", "Keywords_deleteKeywordById", Body.PAGE);
        crud("custom-field", "fields", "CustomFields_getAllFields", "CustomFields_getFieldById",
                "CustomFields_createNewField", "CustomFields_updateFieldName", "CustomFields_deleteFieldById", Body.NONE);
        put("hook", "list", "GET", "/dashboards/{dashboard}/hooks", "Webhooks_getAllForDashboard", Body.PAGE, true);
        put("hook", "register", "POST", "/dashboards/{dashboard}/hooks", "Webhooks_registerNewWebhook", Body.OBJECT, true);
        put("hook", "delete", "DELETE", "/dashboards/{dashboard}/hooks/{id}", "Webhooks_deleteWebhookFromPhoneNumber",
                Body.NONE, false);
        put("hook", "event-types", "GET", "/eventTypes", "Webhooks_getAllTypes", Body.NONE, true);
    }

    private TextRequestEndpoints() {
    }

    private static void crud(String resource, String segment, String list, String get, String create, String update,
                             String delete, Body listBody) {
        String base = "/dashboards/{dashboard}/" + segment;
        put(resource, "list", "GET", base, list, listBody, true);
        put(resource, "get", "GET", base + "/{id}", get, Body.NONE, true);
        put(resource, "create", "POST", base, create, Body.OBJECT, true);
        put(resource, "update", "PUT", base + "/{id}", update, Body.OBJECT, false);
        put(resource, "delete", "DELETE", base + "/{id}", delete, Body.NONE, false);
    }

    private static void put(String resource, String operation, String method, String path, String operationId,
                            Body body, boolean json) {
        TABLE.put(resource + ":" + operation, new Endpoint(method, path, operationId, body, json));
    }

    /**
     * The resource's name in this table: the singular ({@code contact}, {@code custom-field}) as given, the plural of
     * the component's URI ({@code contacts}, {@code custom-fields}) without its {@code s}.
     */
    public static String resource(String name) {
        if (name == null) {
            return null;
        }
        String resource = name.strip();
        return resource.endsWith("s") && TABLE.keySet().stream()
                .anyMatch(k -> k.startsWith(resource.substring(0, resource.length() - 1) + ":"))
                ? resource.substring(0, resource.length() - 1) : resource;
    }

    /** The operations of a resource (singular or plural), in table order: name → operation. */
    public static Map<String, Endpoint> operations(String resource) {
        String name = resource(resource);
        Map<String, Endpoint> ops = new LinkedHashMap<>();
        TABLE.forEach((k, v) -> {
            if (k.startsWith(name + ":")) {
                ops.put(k.substring(name.length() + 1), v);
            }
        });
        return ops;
    }

    /**
     * The operation, by its name here ({@code create-or-update}) or by the document's operationId
     * ({@code Contacts_createOrUpdateByPhoneNumber}); the resource singular or plural. An unknown one is an
     * IllegalArgumentException naming the value and the allowed ones.
     */
    public static Endpoint of(String resource, String operation) {
        resource = resource(resource);
        Endpoint endpoint = TABLE.get(resource + ":" + operation);
        if (endpoint == null && operation != null) {
            for (Map.Entry<String, Endpoint> e : TABLE.entrySet()) {
                if (e.getKey().startsWith(resource + ":") && e.getValue().operationId().equals(operation)) {
                    endpoint = e.getValue();
                }
            }
        }
        if (endpoint == null) {
            String name = resource;
            throw new IllegalArgumentException("Text Request " + name + ": operation must be one of "
                    + TABLE.keySet().stream().filter(k -> k.startsWith(name + ":"))
                    .map(k -> k.substring(name.length() + 1)).toList() + ", got '" + operation + "'");
        }
        return endpoint;
    }
}
