package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Listrak SMS contact operations: get, create (and subscribe), update (and opt out), list members, opt-outs. */
final class SmsContactOperations {

    private final SmsState state;
    private final ContactFields fields;

    SmsContactOperations(SmsState state) {
        this.state = state;
        this.fields = new ContactFields(state);
    }

    void register(ListrakRoutes routes) {
        routes.add("GET", "/v1/ShortCode/{senderCodeId}/Contact/{phoneNumber}", "Contact_GetContactResource", r -> {
                    SmsContact contact = state.contacts.require(state.senderCode(r), phone(r));
                    return SmsAccountOperations.resource(contact.detailsJson());
                })
                .add("PUT", "/v1/ShortCode/{senderCodeId}/Contact", "Contact_PutContactResource", this::update)
                .add("POST", "/v1/ShortCode/{senderCodeId}/PhoneList/{phoneListId}/Contact",
                        "Contact_PostContactListResource", this::create)
                .add("GET", "/v1/ShortCode/{senderCodeId}/PhoneList/{phoneListId}/Contact",
                        "Contact_GetContactCollection", this::members)
                .add("GET", "/v1/ShortCode/{senderCodeId}/OptOut", "Contact_GetOptOuts", this::optOuts);
    }

    static String phone(SandboxRequest r) {
        return ListrakPhones.normalize("phoneNumber", r.pathParam("phoneNumber"));
    }

    private SandboxResponse update(SandboxRequest r) {
        int senderCode = state.senderCode(r);
        JsonNode body = object(r);
        String phone = ListrakPhones.normalize("phoneNumber", text(body, "phoneNumber"));
        SmsContact current = state.contacts.require(senderCode, phone);
        fields.validate(body);
        fields.apply(body, current, "Contact_PutContactResource", ListrakRoutes.requestId(r));
        if (body.path("optedOut").asBoolean(false)) {
            // The API can only opt out; optedOut=false never opts a contact back in.
            state.optOut(current, "API", "Contact_PutContactResource", ListrakRoutes.requestId(r));
        }
        return SandboxResponse.json(200, Map.of("status", 200, "resourceId", phone));
    }

    private SandboxResponse create(SandboxRequest r) {
        int senderCode = state.senderCode(r);
        int listId = state.catalog.activeList(senderCode, SmsAccountOperations.listId(r)).id();
        JsonNode body = object(r);
        String phone = ListrakPhones.normalize("phoneNumber", text(body, "phoneNumber"));
        if (state.contacts.find(senderCode, phone) != null) {
            throw ListrakError.badRequest("ERROR_PHONE_NUMBER_FOUND",
                    "phoneNumber " + phone + " already exists on sender code " + senderCode + ".");
        }
        fields.validate(body);
        SmsContact contact = state.contacts.create(senderCode, phone);
        contact.lists.put(listId, new SmsContact.Subscription(SmsContact.SUBSCRIBED, contact.subscribeDate));
        String requestId = ListrakRoutes.requestId(r);
        state.record("Contact_PostContactListResource", contact, "created, subscribed to list " + listId, requestId);
        fields.apply(body, contact, "Contact_PostContactListResource", requestId);
        return SandboxResponse.json(201, Map.of("status", 201, "resourceId", phone));
    }

    private SandboxResponse members(SandboxRequest r) {
        int senderCode = state.senderCode(r);
        int listId = state.catalog.list(senderCode, SmsAccountOperations.listId(r)).id();
        String optedOutParam = r.queryParam("optedOut", "false").trim().toLowerCase();
        if (!optedOutParam.equals("true") && !optedOutParam.equals("false")) {
            throw ListrakError.invalidParameter("optedOut '" + r.queryParam("optedOut") + "' must be true or false.");
        }
        Instant from = ListrakDates.parse("startSubscribeDate", r.queryParam("startSubscribeDate"), false);
        Instant to = ListrakDates.parse("endSubscribeDate", r.queryParam("endSubscribeDate"), true);
        int count = ListrakPaging.count(r);
        long start = ListrakPaging.cursor(r, 1)[0];
        SmsContacts.Page page = state.contacts.list(senderCode, listId, optedOutParam.equals("true"), from, to, start, count);
        List<Map<String, Object>> data = page.contacts().stream().map(SmsContact::json).toList();
        String next = page.next() < 0 ? null : ListrakPaging.nextPageUri(state.baseUrl.get(), r, page.next());
        return SandboxResponse.json(200, ListrakPaging.envelope(data, next));
    }

    private SandboxResponse optOuts(SandboxRequest r) {
        int senderCode = state.senderCode(r);
        Instant from = ListrakDates.parse("startDate", r.queryParam("startDate"), false);
        Instant to = ListrakDates.parse("endDate", r.queryParam("endDate"), true);
        int count = ListrakPaging.count(r);
        SmsOptOuts.Page page = state.optOuts.page(senderCode, from, to, ListrakPaging.cursor(r, 2), count);
        String next = page.next() == null ? null : ListrakPaging.nextPageUri(state.baseUrl.get(), r, page.next());
        return SandboxResponse.json(200, ListrakPaging.envelope(page.data(), next));
    }

    static JsonNode object(SandboxRequest r) {
        JsonNode body;
        try {
            body = Json.read(r.body());
        } catch (RuntimeException e) {
            throw ListrakError.badRequest("ERROR_MALFORMED_REQUEST_BODY", e.getMessage());
        }
        if (!body.isObject()) {
            throw ListrakError.badRequest("ERROR_MALFORMED_REQUEST_BODY", "The request body must be a JSON object.");
        }
        return body;
    }

    static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || node.asText().isBlank()) {
            throw ListrakError.invalidParameter(field + " is required.");
        }
        return node.asText();
    }
}
