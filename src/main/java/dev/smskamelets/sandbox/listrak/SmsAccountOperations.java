package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.List;
import java.util.Map;

/** Read-only Listrak SMS operations on the account: sender codes, SMS lists, profile fields, transactional messages. */
final class SmsAccountOperations {

    private final SmsState state;

    SmsAccountOperations(SmsState state) {
        this.state = state;
    }

    void register(ListrakRoutes routes) {
        routes.add("GET", "/v1/ShortCode", "SenderCode_GetShortCodeCollection", r -> collection(
                        state.catalog.senderCodes.stream().map(SmsCatalog.SenderCode::json).toList()))
                .add("GET", "/v1/ShortCode/{senderCodeId}", "SenderCode_GetShortCodeResource", r -> resource(
                        state.catalog.senderCode(SmsState.intParam("senderCodeId", r.pathParam("senderCodeId"))).json()))
                .add("GET", "/v1/ShortCode/{senderCodeId}/PhoneList", "PhoneList_GetListCollection", this::lists)
                .add("GET", "/v1/ShortCode/{senderCodeId}/PhoneList/{phoneListId}", "PhoneList_GetListResource",
                        r -> SandboxResponse.json(200, state.catalog.list(state.senderCode(r), listId(r)).json()))
                .add("GET", "/v1/ShortCode/{senderCodeId}/SegmentationField", "Segmentation_GetPhoneAttributeCollection",
                        r -> {
                            state.senderCode(r);
                            return collection(state.catalog.fields.stream().map(SmsCatalog.Field::json).toList());
                        })
                .add("GET", "/v1/ShortCode/{senderCodeId}/SegmentationField/{segmentationFieldId}",
                        "Segmentation_GetPhoneAttribute", r -> {
                            state.senderCode(r);
                            int id = SmsState.intParam("segmentationFieldId", r.pathParam("segmentationFieldId"));
                            return resource(state.catalog.field(id).json());
                        })
                .add("GET", "/v1/ShortCode/{senderCodeId}/PhoneList/{phoneListId}/TransactionalMessage",
                        "TransactionalMessage_GetTransactionalMessageCollection", r -> {
                            int listId = state.catalog.list(state.senderCode(r), listId(r)).id();
                            return collection(state.catalog.transactional.stream().filter(t -> t.listId() == listId)
                                    .map(SmsCatalog.TransactionalMessage::json).toList());
                        })
                .add("GET", "/v1/ShortCode/{senderCodeId}/PhoneList/{phoneListId}/TransactionalMessage/{transactionalMessageId}",
                        "TransactionalMessage_GetTransactionalMessageResource", r -> {
                            int listId = state.catalog.list(state.senderCode(r), listId(r)).id();
                            int id = SmsState.intParam("transactionalMessageId", r.pathParam("transactionalMessageId"));
                            return SandboxResponse.json(200, state.catalog.transactionalMessage(listId, id).json());
                        });
    }

    /** Lists of a sender code by status (active by default), cursor-paged. */
    private SandboxResponse lists(SandboxRequest r) {
        int senderCode = state.senderCode(r);
        String status = r.queryParam("status", "active").trim().toLowerCase();
        if (!status.equals("active") && !status.equals("inactive")) {
            throw ListrakError.invalidParameter("status '" + r.queryParam("status") + "' must be active or inactive.");
        }
        boolean active = status.equals("active");
        List<SmsCatalog.PhoneList> all = state.catalog.lists(senderCode).stream().filter(l -> l.active() == active).toList();
        int count = ListrakPaging.count(r);
        int from = (int) Math.min(ListrakPaging.cursor(r, 1)[0], all.size());
        int to = Math.min(all.size(), from + count);
        List<Map<String, Object>> data = all.subList(from, to).stream().map(SmsCatalog.PhoneList::json).toList();
        String next = to < all.size() ? ListrakPaging.nextPageUri(state.baseUrl.get(), r, to) : null;
        return SandboxResponse.json(200, ListrakPaging.envelope(data, next));
    }

    static int listId(SandboxRequest r) {
        return SmsState.intParam("phoneListId", r.pathParam("phoneListId"));
    }

    static SandboxResponse collection(List<?> data) {
        return SandboxResponse.json(200, ListrakPaging.envelope(data, null));
    }

    static SandboxResponse resource(Object data) {
        return SandboxResponse.json(200, Map.of("status", 200, "data", data));
    }
}
