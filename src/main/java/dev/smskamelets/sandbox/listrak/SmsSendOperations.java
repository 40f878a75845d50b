package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.Map;

/** Listrak SMS sends: immediate broadcasts to a list and transactional messages to one contact. */
final class SmsSendOperations {

    private final SmsState state;

    SmsSendOperations(SmsState state) {
        this.state = state;
    }

    void register(ListrakRoutes routes) {
        routes.add("POST", "/v1/ShortCode/{senderCodeId}/Broadcast/Immediate", "BroadcastMessage_PostImmediateBroadcast",
                        this::broadcast)
                // The vendor's quirk: this one route names the sender code {SenderCodeId}, typed string.
                .add("POST", "/v1/ShortCode/{SenderCodeId}/PhoneList/{phoneListId}/TransactionalMessage/{transactionalMessageId}/Message",
                        "TransactionalMessage_PostTransactionalMessageSend", this::transactional);
    }

    private SandboxResponse broadcast(SandboxRequest r) {
        int senderCode = state.senderCode(r);
        JsonNode body = SmsContactOperations.object(r);
        JsonNode listNode = body.get("phoneListId");
        if (listNode == null || !listNode.canConvertToInt()) {
            throw ListrakError.invalidParameter("phoneListId is required and must be an integer, got " + listNode + ".");
        }
        int listId = state.catalog.activeList(senderCode, listNode.asInt()).id();
        String content = SmsContactOperations.text(body, "messageContent");
        String title = SmsContactOperations.text(body, "messageTitle");
        if (title.length() > 50) {
            throw ListrakError.invalidParameter("messageTitle is " + title.length() + " characters; the maximum is 50.");
        }
        Integer fieldId = null;
        JsonNode segNode = body.get("segmentationFieldId");
        if (segNode != null && !segNode.isNull() && !segNode.asText().isBlank()) {
            fieldId = SmsState.intParam("segmentationFieldId", segNode.asText());
            SmsCatalog.Field field = state.catalog.writableField(fieldId, null);
            if (!field.dataType().equals("Checkbox")) {
                throw ListrakError.badRequest("ERROR_INVALID_SEGMENTATION_FIELD_ID",
                        "segmentationFieldId " + fieldId + " is not a checkbox field.");
            }
        }
        int checkbox = fieldId == null ? -1 : fieldId;
        long recipients = state.contacts.count(senderCode, listId,
                i -> state.seed.onList(i, listId) && (checkbox < 0 || "true".equals(state.seed.fieldValue(i, checkbox))),
                c -> c.subscribed(listId) && !c.optedOut && (checkbox < 0 || "true".equalsIgnoreCase(c.fields.get(checkbox))));
        SmsMessages.Sent sent = state.messages.add("broadcast", senderCode, listId, null, null, title, content, fieldId, recipients);
        state.ledger.record(SmsState.API, r.operationId(), "broadcast", Long.toString(sent.id()),
                "sent to " + recipients + " contacts of list " + listId, ListrakRoutes.requestId(r));
        return SandboxResponse.json(201, Map.of("status", 201, "resourceId", Long.toString(sent.id())));
    }

    private SandboxResponse transactional(SandboxRequest r) {
        int senderCode = state.senderCode(r);
        int listId = state.catalog.activeList(senderCode, SmsAccountOperations.listId(r)).id();
        int messageId = SmsState.intParam("transactionalMessageId", r.pathParam("transactionalMessageId"));
        SmsCatalog.TransactionalMessage template = state.catalog.transactionalMessage(listId, messageId);
        if (!template.active()) {
            throw ListrakError.invalidParameter("Transactional message " + messageId + " is inactive.");
        }
        JsonNode body = SmsContactOperations.object(r);
        String phone = ListrakPhones.normalize("phoneNumber", SmsContactOperations.text(body, "phoneNumber"));
        SmsContact contact = state.contacts.require(senderCode, phone);
        if (!contact.subscribed(listId) || contact.optedOut) {
            throw ListrakError.badRequest("ERROR_PHONE_NUMBER_NOT_SUBSCRIBED",
                    "phoneNumber " + phone + " is not subscribed to list " + listId + (contact.optedOut ? " (opted out)." : "."));
        }
        String content = body.path("messageContent").isNull() ? "" : body.path("messageContent").asText("");
        content = content.isBlank() ? template.content() : content;
        if (content.toLowerCase().matches("(?s).*\\[\\[?\\s*coupon.*")) {
            throw ListrakError.badRequest("ERROR_TRANSACTIONAL_MESSAGE_CONTENT_COUPON_CODE",
                    "Transactional message content cannot contain coupon code tags.");
        }
        SmsMessages.Sent sent = state.messages.add("transactional", senderCode, listId, messageId, phone, template.name(),
                content, null, 1);
        state.ledger.record(SmsState.API, r.operationId(), "message", Long.toString(sent.id()),
                "transactional " + messageId + " sent to " + phone, ListrakRoutes.requestId(r));
        return SandboxResponse.json(201, Map.of("status", 201, "resourceId", Long.toString(sent.id())));
    }
}
