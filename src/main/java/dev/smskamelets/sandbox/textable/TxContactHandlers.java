package dev.smskamelets.sandbox.textable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Contacts of the calling user: create (verified path), list with an optional {@code phoneNumber} lookup, get,
 * update by id ({@code optedOut}, {@code isArchived}, fields; the published snake/camel mix), delete. Paths come from
 * {@link TextablePaths}; a contact of another user is "not found".
 */
final class TxContactHandlers {

    private final TxState state;
    private final TxAuth auth;

    TxContactHandlers(TxState state, TxAuth auth) {
        this.state = state;
        this.auth = auth;
    }

    void register(Router router) {
        router.add("POST", TextableApi.relative(TextablePaths.CONTACTS), "createContact", this::create);
        router.add("GET", TextableApi.relative(TextablePaths.CONTACTS), "listContacts", this::list);
        router.add("GET", TextableApi.relative(TextablePaths.CONTACT_BY_ID), "getContact", r ->
                SandboxResponse.json(200, owned(r).toJson()));
        router.add("PUT", TextableApi.relative(TextablePaths.CONTACT_V2_BY_ID), "updateContactById", this::update);
        router.add("DELETE", TextableApi.relative(TextablePaths.CONTACT_V2_BY_ID), "deleteContactById", r -> {
            TxContact c = owned(r);
            state.removeContact(c);
            state.record(r, "contact", c.id, "deleted");
            return SandboxResponse.json(200, Map.of("status", true));
        });
    }

    private SandboxResponse create(SandboxRequest r) {
        TxUser user = auth.caller(r);
        JsonNode body = Json.read(r.body());
        String phone = TxPhones.e164("phoneNumber", body.path("phoneNumber").asText(null));
        state.contactByPhone(user.id, phone).ifPresent(c -> {
            throw new BadRequestException("A contact with phoneNumber " + phone + " already exists: " + c.id);
        });
        TxContact c = state.newContact(user.id, phone, System.currentTimeMillis());
        if (body.hasNonNull("fullName")) {
            c.fullName = body.get("fullName").asText();
        }
        if (body.hasNonNull("email")) {
            c.email = body.get("email").asText();
        }
        state.record(r, "contact", c.id, "created " + phone);
        return SandboxResponse.json(200, c.toJson());
    }

    private SandboxResponse list(SandboxRequest r) {
        TxUser user = auth.caller(r);
        String phone = r.queryParam("phoneNumber");
        String wanted = phone == null ? null : TxPhones.e164("phoneNumber", phone);
        List<Object> items = new ArrayList<>();
        if (wanted != null) {
            state.contactByPhone(user.id, wanted).ifPresent(c -> items.add(c.toJson()));
        } else {
            state.contacts.values().stream().filter(c -> c.ownerId.equals(user.id)).forEach(c -> items.add(c.toJson()));
        }
        return SandboxResponse.json(200, Map.of("contacts", items));
    }

    private SandboxResponse update(SandboxRequest r) {
        TxContact c = owned(r);
        JsonNode body = Json.read(r.body());
        if (!body.isObject()) {
            throw new BadRequestException("The update must be a JSON object");
        }
        List<String> changes = new ArrayList<>();
        if (body.hasNonNull("phone_number")) {
            String phone = TxPhones.e164("phone_number", body.get("phone_number").asText());
            state.contactByPhone(c.ownerId, phone).filter(o -> o != c).ifPresent(o -> {
                throw new BadRequestException("Invalid parameter phone_number: " + phone + " belongs to contact " + o.id);
            });
            state.changePhone(c, phone);
            changes.add("phone_number");
        }
        c.fullName = string(body, "full_name", c.fullName, changes);
        c.email = string(body, "email", c.email, changes);
        c.title = string(body, "title", c.title, changes);
        c.companyName = string(body, "companyName", c.companyName, changes);
        c.notes = string(body, "notes", c.notes, changes);
        if (body.hasNonNull("optedOut")) {
            c.optedOut = body.get("optedOut").asBoolean();
            changes.add("optedOut=" + c.optedOut);
        }
        if (body.hasNonNull("isArchived")) {
            c.archived = body.get("isArchived").asBoolean();
            changes.add("isArchived=" + c.archived);
        }
        state.record(r, "contact", c.id, "updated " + changes);
        return SandboxResponse.json(200, c.toJson());
    }

    /** The contact of the {@code id} path parameter if the caller owns it; 404 otherwise. */
    TxContact owned(SandboxRequest r) {
        TxUser user = auth.caller(r);
        TxContact c = state.contacts.get(r.pathParam("id"));
        if (c == null || !c.ownerId.equals(user.id)) {
            throw new NotFound("Contact " + r.pathParam("id") + " not found");
        }
        return c;
    }

    private static String string(JsonNode body, String field, String current, List<String> changes) {
        if (!body.has(field)) {
            return current;
        }
        changes.add(field);
        return body.get(field).isNull() ? null : body.get(field).asText();
    }

    /** A 404 in Textable's shape, raised from deep inside a handler. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
