package dev.smskamelets.sandbox.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Groups and keywords (a keyword creates its own group, which contacts join by texting the keyword). Lists are
 * paged; single GETs answer 204 when absent; DELETE answers 204, or 404 when absent.
 */
final class TrGroupHandlers {

    private static final String D = "/dashboards/{dashboard_id}";

    private final TrState state;

    TrGroupHandlers(TrState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("GET", D + "/groups", "Groups_getAll", r -> {
            TrDashboard d = dash(r);
            return paged(r, x -> List.copyOf(x.groups.values()), g -> g.toJson(d.groupMembers(g.id)));
        });
        router.add("POST", D + "/groups", "Groups_createNewGroup", r -> saveGroup(r, null));
        router.add("GET", D + "/groups/{group_id}", "Groups_getById", r -> {
            TrDashboard d = dash(r);
            return one(d.groups.get(TrState.intParam("group_id", r.pathParam("group_id"))), g -> g.toJson(d.groupMembers(g.id)));
        });
        router.add("PUT", D + "/groups/{group_id}", "Groups_updateGroupName", r -> saveGroup(r, r.pathParam("group_id")));
        router.add("DELETE", D + "/groups/{group_id}", "Groups_deleteGroupById", r -> {
            TrDashboard d = dash(r);
            int id = TrState.intParam("group_id", r.pathParam("group_id"));
            if (d.groups.remove(id) == null) {
                return TrErrors.error(404, null, "No group with id " + id + " exists in dashboard " + d.id + ".");
            }
            d.contacts.values().forEach(c -> c.groups.remove(Integer.valueOf(id)));
            state.record(r, "group", d.id + "/" + id, "deleted");
            return SandboxResponse.empty(204);
        });

        router.add("GET", D + "/keywords", "Keywords_getAll", r -> {
            TrDashboard d = dash(r);
            return paged(r, x -> List.copyOf(x.keywords.values()), k -> k.toJson(d.groupMembers(k.groupId)));
        });
        router.add("POST", D + "/keywords", "Keywords_createNewKeyword", r -> saveKeyword(r, null));
        router.add("GET", D + "/keywords/{keyword_id}", "Keywords_getById", r -> {
            TrDashboard d = dash(r);
            return one(d.keywords.get(TrState.intParam("keyword_id", r.pathParam("keyword_id"))), k -> k.toJson(d.groupMembers(k.groupId)));
        });
        router.add("PUT", D + "/keywords/{keyword_id}", "Keywords_updateKeywordById", r -> saveKeyword(r, r.pathParam("keyword_id")));
        router.add("DELETE", D + "/keywords/{keyword_id}", "Keywords_deleteKeywordById", r -> {
            TrDashboard d = dash(r);
            int id = TrState.intParam("keyword_id", r.pathParam("keyword_id"));
            if (d.keywords.remove(id) == null) {
                return TrErrors.error(404, null, "No keyword with id " + id + " exists in dashboard " + d.id + ".");
            }
            state.record(r, "keyword", d.id + "/" + id, "deleted");
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

    private SandboxResponse saveGroup(SandboxRequest r, String idParam) {
        TrDashboard d = dash(r);
        JsonNode body = Json.read(r.body());
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw new BadRequestException("A group name must be specified.");
        }
        TrCatalog.Group g = idParam == null ? new TrCatalog.Group(state.nextGroupId++, name, null, false)
                : d.groups.get(TrState.intParam("group_id", idParam));
        if (g == null) {
            throw new BadRequestException("No group with id " + idParam + " exists in dashboard " + d.id + ".");
        }
        g.name = name;
        g.notes = body.hasNonNull("notes") ? body.get("notes").asText() : g.notes;
        d.groups.put(g.id, g);
        state.record(r, "group", d.id + "/" + g.id, (idParam == null ? "created " : "updated ") + name);
        return SandboxResponse.json(200, g.toJson(d.groupMembers(g.id)));
    }

    private SandboxResponse saveKeyword(SandboxRequest r, String idParam) {
        TrDashboard d = dash(r);
        JsonNode body = Json.read(r.body());
        String value = body.path("keyword_value").asText("").trim();
        if (value.isEmpty()) {
            throw new BadRequestException("A keyword_value must be specified.");
        }
        Integer existing = idParam == null ? null : TrState.intParam("keyword_id", idParam);
        if (d.keywords.values().stream().anyMatch(k -> k.value.equalsIgnoreCase(value) && !Integer.valueOf(k.id).equals(existing))) {
            throw new BadRequestException("The keyword '" + value + "' already exists.");
        }
        TrCatalog.Keyword k;
        if (existing == null) {
            TrCatalog.Group group = new TrCatalog.Group(state.nextGroupId++, value, "Keyword group", true);
            d.groups.put(group.id, group);
            k = new TrCatalog.Keyword(state.nextKeywordId++, group.id, Instant.now(), value, null);
        } else {
            k = d.keywords.get(existing);
            if (k == null) {
                throw new BadRequestException("No keyword with id " + existing + " exists in dashboard " + d.id + ".");
            }
        }
        k.value = value;
        k.response = body.hasNonNull("response") ? body.get("response").asText() : k.response;
        d.keywords.put(k.id, k);
        state.record(r, "keyword", d.id + "/" + k.id, (existing == null ? "created " : "updated ") + value);
        return SandboxResponse.json(200, k.toJson(d.groupMembers(k.groupId)));
    }
}
