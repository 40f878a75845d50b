package dev.smskamelets.sandbox.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.SandboxRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Contact writes shared by the API and the control endpoints: create (firing {@code contact_created}), update from
 * a {@code post_contact_request}/{@code update_contact_request} body, and the bookkeeping of every change (ledger
 * entry, {@code contact_updated} hook when something actually changed).
 */
final class TrContacts {

    private final TrState state;
    private final TrWebhooks webhooks;

    TrContacts(TrState state, TrWebhooks webhooks) {
        this.state = state;
        this.webhooks = webhooks;
    }

    /** The contact with this phone, created (and announced) when the dashboard has none. */
    TrContact getOrCreate(TrDashboard dashboard, String phone, SandboxRequest request) {
        TrContact contact = dashboard.contacts.get(phone);
        return contact != null ? contact : create(dashboard, phone, request);
    }

    TrContact create(TrDashboard dashboard, String phone, SandboxRequest request) {
        return create(dashboard, phone, null, request);
    }

    /** Creates the contact with the fields of {@code body} (may be null) and announces it once: contact_created. */
    private TrContact create(TrDashboard dashboard, String phone, JsonNode body, SandboxRequest request) {
        TrContact contact = new TrContact(state.nextContactId++, phone, Instant.now());
        Map<String, Object> blank = contact.updatedPayload();
        apply(contact, body);
        dashboard.add(contact);
        List<String> fields = diff(blank, contact.updatedPayload());
        state.record(request, "contact", key(dashboard, phone), fields.isEmpty() ? "created" : "created " + fields);
        webhooks.emit(dashboard, "contact_created", TrPayloads.contactCreated(dashboard, contact), Instant.now());
        return contact;
    }

    /** Create-or-update by phone; the body's references (groups, tags, fields) are checked before anything changes. */
    TrContact upsert(TrDashboard dashboard, String phone, JsonNode body, SandboxRequest request) {
        checkReferences(dashboard, body);
        TrContact contact = dashboard.contacts.get(phone);
        if (contact == null) {
            return create(dashboard, phone, body, request);
        }
        Map<String, Object> before = contact.updatedPayload();
        apply(contact, body);
        changed(dashboard, contact, before, request);
        return contact;
    }

    /** Records a change against a snapshot taken before it; fires {@code contact_updated} when fields differ. */
    void changed(TrDashboard dashboard, TrContact contact, Map<String, Object> before, SandboxRequest request) {
        List<String> diff = diff(before, contact.updatedPayload());
        state.record(request, "contact", key(dashboard, contact.phone), diff.isEmpty() ? "unchanged" : "updated " + diff);
        if (!diff.isEmpty()) {
            webhooks.emit(dashboard, "contact_updated", TrPayloads.contactUpdated(contact), Instant.now());
        }
    }

    private static List<String> diff(Map<String, Object> before, Map<String, Object> after) {
        List<String> diff = new ArrayList<>();
        after.forEach((k, v) -> {
            if (!Objects.equals(before.get(k), v)) {
                diff.add(k + "=" + v);
            }
        });
        return diff;
    }

    static String key(TrDashboard dashboard, String phone) {
        return dashboard.id + "/" + phone;
    }

    private void checkReferences(TrDashboard dashboard, JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return;
        }
        if (!body.isObject()) {
            throw new BadRequestException("The contact must be a JSON object.");
        }
        for (JsonNode g : body.path("groups")) {
            if (!dashboard.groups.containsKey(g.asInt())) {
                throw new BadRequestException("The group " + g.asText() + " does not exist in dashboard " + dashboard.id + ".");
            }
        }
        for (JsonNode t : body.path("contact_tags")) {
            if (!dashboard.tags.containsKey(t.asText())) {
                throw new BadRequestException("The contact tag " + t.asText() + " does not exist in dashboard " + dashboard.id + ".");
            }
        }
        for (JsonNode f : body.path("custom_fields")) {
            if (!dashboard.fields.containsKey(f.path("id").asText())) {
                throw new BadRequestException("The custom field " + f.path("id").asText() + " does not exist in dashboard "
                        + dashboard.id + ".");
            }
        }
    }

    private static void apply(TrContact c, JsonNode body) {
        if (body == null || !body.isObject()) {
            return;
        }
        if (body.has("first_name")) {
            c.firstName = text(body, "first_name");
        }
        if (body.has("last_name")) {
            c.lastName = text(body, "last_name");
        }
        if (body.has("display_name")) {
            c.displayName = text(body, "display_name");
        }
        if (body.has("note")) {
            c.note = text(body, "note");
        }
        if (body.hasNonNull("is_suppressed")) {
            c.suppressed = body.get("is_suppressed").asBoolean();
            if (!c.suppressed) {
                c.suppressedReason = null;
            }
        }
        if (body.has("suppressed_reason")) {
            c.suppressedReason = text(body, "suppressed_reason");
        }
        if (body.hasNonNull("is_archived")) {
            c.archived = body.get("is_archived").asBoolean();
        }
        if (body.hasNonNull("is_blocked")) {
            c.blocked = body.get("is_blocked").asBoolean();
        }
        if (body.hasNonNull("is_resolved")) {
            c.resolved = body.get("is_resolved").asBoolean();
        }
        if (body.hasNonNull("groups")) {
            c.groups.clear();
            body.get("groups").forEach(g -> c.groups.add(g.asInt()));
        }
        if (body.hasNonNull("contact_tags")) {
            c.tags.clear();
            body.get("contact_tags").forEach(t -> c.tags.add(t.asText()));
        }
        if (body.hasNonNull("custom_fields")) {
            c.customFields.clear();
            body.get("custom_fields").forEach(f -> c.customFields.put(f.path("id").asText(), text(f, "value")));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
