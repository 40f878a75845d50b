package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Listrak SMS list subscriptions of a contact: list them, subscribe (POST without body), unsubscribe. */
final class SmsSubscriptionOperations {

    private final SmsState state;

    SmsSubscriptionOperations(SmsState state) {
        this.state = state;
    }

    void register(ListrakRoutes routes) {
        routes.add("GET", "/v1/ShortCode/{senderCodeId}/Contact/{phoneNumber}/PhoneList",
                        "ContactListSubscription_GetContactListCollection", this::subscriptions)
                .add("POST", "/v1/ShortCode/{senderCodeId}/Contact/{phoneNumber}/PhoneList/{phoneListId}",
                        "ContactListSubscription_PostContactListSubscription", this::subscribe)
                .add("DELETE", "/v1/ShortCode/{senderCodeId}/ContactUnsubscribe/{phoneNumber}/PhoneList/{phoneListId}",
                        "ContactListSubscription_DeleteUnsubscribeContactListSubscription", this::unsubscribe);
    }

    private SandboxResponse subscriptions(SandboxRequest r) {
        SmsContact contact = state.contacts.require(state.senderCode(r), SmsContactOperations.phone(r));
        List<Map<String, Object>> all = new ArrayList<>();
        contact.lists.forEach((id, s) -> all.add(s.json(id)));
        int count = ListrakPaging.count(r);
        int from = (int) Math.min(ListrakPaging.cursor(r, 1)[0], all.size());
        int to = Math.min(all.size(), from + count);
        String next = to < all.size() ? ListrakPaging.nextPageUri(state.baseUrl.get(), r, to) : null;
        return SandboxResponse.json(200, ListrakPaging.envelope(all.subList(from, to), next));
    }

    private SandboxResponse subscribe(SandboxRequest r) {
        int senderCode = state.senderCode(r);
        int listId = state.catalog.activeList(senderCode, SmsAccountOperations.listId(r)).id();
        SmsContact contact = state.contacts.require(senderCode, SmsContactOperations.phone(r));
        if (contact.subscribed(listId)) {
            throw ListrakError.badRequest("ERROR_SUBSCRIBED_PHONE_NUMBER",
                    "phoneNumber " + contact.phone + " is already subscribed to list " + listId + ".");
        }
        if (contact.optedOut) {
            throw ListrakError.invalidParameter("phoneNumber " + contact.phone + " has opted out of sender code "
                    + senderCode + "; only the contact can opt back in (by texting a keyword).");
        }
        SmsContact stored = state.contacts.forUpdate(senderCode, contact.phone);
        stored.lists.put(listId, new SmsContact.Subscription(SmsContact.SUBSCRIBED, Instant.now()));
        state.record("ContactListSubscription_PostContactListSubscription", stored, "subscribed to list " + listId,
                ListrakRoutes.requestId(r));
        return SandboxResponse.json(201, Map.of("status", 201, "resourceId", Integer.toString(listId)));
    }

    private SandboxResponse unsubscribe(SandboxRequest r) {
        int senderCode = state.senderCode(r);
        int listId = state.catalog.list(senderCode, SmsAccountOperations.listId(r)).id();
        SmsContact contact = state.contacts.require(senderCode, SmsContactOperations.phone(r));
        if (!contact.subscribed(listId)) {
            throw ListrakError.badRequest("ERROR_PHONE_NUMBER_NOT_SUBSCRIBED",
                    "phoneNumber " + contact.phone + " is not subscribed to list " + listId + ".");
        }
        SmsContact stored = state.contacts.forUpdate(senderCode, contact.phone);
        SmsContact.Subscription s = stored.lists.get(listId);
        s.state = SmsContact.UNSUBSCRIBED;
        s.unsubscribeDate = Instant.now();
        state.record("ContactListSubscription_DeleteUnsubscribeContactListSubscription", stored,
                "unsubscribed from list " + listId, ListrakRoutes.requestId(r));
        return SandboxResponse.json(200, Map.of("status", 200));
    }
}
