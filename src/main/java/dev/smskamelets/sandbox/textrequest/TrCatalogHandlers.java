package dev.smskamelets.sandbox.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.List;
import java.util.function.Function;

/**
 * Tags and custom fields. Tag lists are paged, {@code /fields} is not (documented as unpaged); single GETs answer
 * 204 when absent; DELETE answers 204, or 404 for an absent tag (a custom field: 204 either way, 400 while a
 * contact holds a value for it).
 */
final class TrCatalogHandlers {

    static final int MAX_CUSTOM_FIELDS = 50;
    private static final String D = "/dashboards/{dashboard_id}";

    private final TrState state;

    TrCatalogHandlers(TrState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("GET", D + "/tags", "Tags_getAllDashboardTags", r -> paged(r, d -> List.copyOf(d.tags.values()), TrCatalog.Tag::toJson));
        router.add("POST", D + "/tags", "Tags_createNewTag", r -> saveTag(r, null));
        router.add("GET", D + "/tags/{tag_id}", "Tags_getTagById", r -> one(dash(r).tags.get(r.pathParam("tag_id")), TrCatalog.Tag::toJson));
        router.add("PUT", D + "/tags/{tag_id}", "Tags_updateTagById", r -> saveTag(r, r.pathParam("tag_id")));
        router.add("DELETE", D + "/tags/{tag_id}", "Tags_deleteTagById", r -> {
            TrDashboard d = dash(r);
            String id = r.pathParam("tag_id");
            if (d.tags.remove(id) == null) {
                return TrErrors.error(404, null, "No tag with id " + id + " exists in dashboard " + d.id + ".");
            }
            d.contacts.values().forEach(c -> c.tags.remove(id));
            state.record(r, "tag", d.id + "/" + id, "deleted");
            return SandboxResponse.empty(204);
        });

        router.add("GET", D + "/fields", "CustomFields_getAllFields", r ->
                SandboxResponse.json(200, dash(r).fields.values().stream().map(TrCatalog.Field::toJson).toList()));
        router.add("POST", D + "/fields", "CustomFields_createNewField", r -> saveField(r, null));
        router.add("GET", D + "/fields/{field_id}", "CustomFields_getFieldById", r -> one(dash(r).fields.get(r.pathParam("field_id")), TrCatalog.Field::toJson));
        router.add("PUT", D + "/fields/{field_id}", "CustomFields_updateFieldName", r -> saveField(r, r.pathParam("field_id")));
        router.add("DELETE", D + "/fields/{field_id}", "CustomFields_deleteFieldById", r -> {
            TrDashboard d = dash(r);
            String id = r.pathParam("field_id");
            if (d.contacts.values().stream().anyMatch(c -> c.customFields.containsKey(id))) {
                throw new BadRequestException("The custom field " + id + " has values on contacts and cannot be deleted.");
            }
            if (d.fields.remove(id) != null) {
                state.record(r, "field", d.id + "/" + id, "deleted");
            }
            return SandboxResponse.empty(204);
        });
    }

    private TrDashboard dash(SandboxRequest r) {
        return state.dashboard(r.pathParam("dashboard_id"));
    }

    private <T> SandboxResponse paged(SandboxRequest r, Function<TrDashboard, List<T>> items, Function<T, Object> toJson) {
        TrDashboard d = dash(r);
        return TrPaging.of(r).respond(items.apply(d), toJson, false);
    }

    private static <T> SandboxResponse one(T item, Function<T, Object> toJson) {
        return item == null ? SandboxResponse.empty(204) : SandboxResponse.json(200, toJson.apply(item));
    }

    private SandboxResponse saveTag(SandboxRequest r, String id) {
        TrDashboard d = dash(r);
        JsonNode body = Json.read(r.body());
        String name = body.path("tag").asText("");
        String color = body.hasNonNull("tag_color") ? body.get("tag_color").asText() : "#1EB1C4";
        if (name.isBlank()) {
            throw new BadRequestException("A tag name (tag) must be specified.");
        }
        if (!color.matches("#[0-9A-Fa-f]{6}")) {
            throw new BadRequestException("tag_color must be a hexadecimal color such as #1EB1C4, got '" + color + "'.");
        }
        if (d.tags.values().stream().anyMatch(t -> t.name.equalsIgnoreCase(name) && !t.id.equals(id))) {
            throw new BadRequestException("A tag named '" + name + "' already exists.");
        }
        TrCatalog.Tag tag = id == null ? new TrCatalog.Tag(state.ids.guid("tag"), name, color) : d.tags.get(id);
        if (tag == null) {
            throw new BadRequestException("No tag with id " + id + " exists in dashboard " + d.id + ".");
        }
        tag.name = name;
        tag.color = color;
        d.tags.put(tag.id, tag);
        state.record(r, "tag", d.id + "/" + tag.id, (id == null ? "created " : "updated ") + name);
        return SandboxResponse.json(200, tag.toJson());
    }

    private SandboxResponse saveField(SandboxRequest r, String id) {
        TrDashboard d = dash(r);
        String name = Json.read(r.body()).path("name").asText("");
        if (name.isBlank()) {
            throw new BadRequestException("A custom field name must be specified.");
        }
        if (id == null && d.fields.size() >= MAX_CUSTOM_FIELDS) {
            throw new BadRequestException("Dashboard " + d.id + " already has " + MAX_CUSTOM_FIELDS + " custom fields.");
        }
        TrCatalog.Field f = id == null ? new TrCatalog.Field(state.ids.guid("field"), name) : d.fields.get(id);
        if (f == null) {
            throw new BadRequestException("No custom field with id " + id + " exists in dashboard " + d.id + ".");
        }
        f.name = name;
        d.fields.put(f.id, f);
        state.record(r, "field", d.id + "/" + f.id, (id == null ? "created " : "updated ") + name);
        return SandboxResponse.json(200, f.toJson());
    }
}
