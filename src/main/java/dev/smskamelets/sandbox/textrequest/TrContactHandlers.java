package dev.smskamelets.sandbox.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The contact operations: filtered listing, get (204 when absent), create-or-update, PATCH, bulk update, delete. */
final class TrContactHandlers {

    private static final String ONE = "/dashboards/{dashboard_id}/contacts/{phone_number}";

    private final TrState state;
    private final TrContacts contacts;

    TrContactHandlers(TrState state, TrContacts contacts) {
        this.state = state;
        this.contacts = contacts;
    }

    void register(Router router) {
        router.add("GET", "/dashboards/{dashboard_id}/contacts", "Contacts_getMatches", this::list);
        router.add("POST", "/dashboards/{dashboard_id}/contacts", "Contacts_bulkUpdate", this::bulk);
        router.add("GET", ONE, "Contacts_getByPhoneNumber", this::get);
        router.add("DELETE", ONE, "Contacts_deleteByPhoneNumber", this::delete);
        router.add("POST", ONE, "Contacts_createOrUpdateByPhoneNumber", this::upsert);
        router.add("PATCH", ONE, "Contacts_updateContactDetails", this::patch);
    }

    private SandboxResponse list(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        TrPaging paging = TrPaging.of(r);
        java.util.function.Predicate<TrContact> filter = TrContactFilter.of(r);
        List<TrContact> matches = filter == TrContactFilter.ALL ? d.ordered() : d.ordered().stream().filter(filter).toList();
        Instant now = Instant.now();
        return paging.respond(matches, c -> c.toJson(now), false);
    }

    private SandboxResponse get(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        TrContact c = d.contacts.get(TrPhones.lenient("phone_number", r.pathParam("phone_number")));
        return c == null ? SandboxResponse.empty(204) : SandboxResponse.json(200, c.toJson(Instant.now()));
    }

    private SandboxResponse delete(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        String phone = TrPhones.lenient("phone_number", r.pathParam("phone_number"));
        TrContact c = d.contacts.get(phone);
        if (c == null) {
            return TrErrors.error(404, null, "No contact with phone number " + phone + " exists in dashboard " + d.id + ".");
        }
        if (c.hasHistory()) {
            throw new BadRequestException("The contact " + phone + " has a message history and cannot be deleted.");
        }
        d.remove(phone);
        state.record(r, "contact", TrContacts.key(d, phone), "deleted");
        return SandboxResponse.empty(200);
    }

    private SandboxResponse upsert(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        String phone = TrPhones.lenient("phone_number", r.pathParam("phone_number"));
        TrContact c = contacts.upsert(d, phone, Json.read(r.body()), r);
        return SandboxResponse.json(200, c.toJson(Instant.now()));
    }

    private SandboxResponse bulk(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        JsonNode body = Json.read(r.body());
        if (!body.isArray()) {
            throw new BadRequestException("The bulk update body must be an array of contacts.");
        }
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            phones.add(TrPhones.lenient("phone_number of item " + i, body.get(i).path("phone_number").asText(null)));
        }
        List<Object> result = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < body.size(); i++) {
            result.add(contacts.upsert(d, phones.get(i), body.get(i), r).toJson(now));
        }
        return SandboxResponse.json(200, result);
    }

    private SandboxResponse patch(SandboxRequest r) {
        TrDashboard d = state.dashboard(r.pathParam("dashboard_id"));
        String phone = TrPhones.lenient("phone_number", r.pathParam("phone_number"));
        TrContact c = d.contacts.get(phone);
        if (c == null) {
            throw new BadRequestException("No contact with phone number " + phone + " exists in dashboard " + d.id + ".");
        }
        JsonNode body = Json.read(r.body());
        Map<String, Object> before = c.updatedPayload();
        if (body.hasNonNull("group")) {
            int group = body.get("group").asInt();
            if (!d.groups.containsKey(group)) {
                throw new BadRequestException("The group " + group + " does not exist in dashboard " + d.id + ".");
            }
            c.groups.remove(Integer.valueOf(group));
            if (body.path("add_group_to_contact").asBoolean(true)) {
                c.groups.add(group);
            }
        }
        if (body.hasNonNull("contact_tag")) {
            String tag = body.get("contact_tag").asText();
            if (!d.tags.containsKey(tag)) {
                throw new BadRequestException("The contact tag " + tag + " does not exist in dashboard " + d.id + ".");
            }
            c.tags.remove(tag);
            if (body.path("add_tag_to_contact").asBoolean(true)) {
                c.tags.add(tag);
            }
        }
        if (body.hasNonNull("custom_field_id")) {
            String field = body.get("custom_field_id").asText();
            if (!d.fields.containsKey(field)) {
                throw new BadRequestException("The custom field " + field + " does not exist in dashboard " + d.id + ".");
            }
            JsonNode value = body.get("custom_field_value");
            if (value == null || value.isNull()) {
                c.customFields.remove(field);
            } else {
                c.customFields.put(field, value.asText());
            }
        }
        contacts.changed(d, c, before, r);
        return SandboxResponse.json(200, c.toJson(Instant.now()));
    }
}
