package dev.smskamelets.sandbox.listrak;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed configuration of the sandbox's Listrak SMS account: sender codes, SMS lists, profile (segmentation)
 * fields and transactional messages. Identifiers are stable and listed in {@code /sandbox/info}. Lookups throw
 * the Listrak error the real API answers for an unknown or unusable identifier.
 */
public final class SmsCatalog {

    public static final int SENDER_MAIN = 1234;
    public static final int SENDER_OUTLET = 1235;
    public static final int SENDER_DISABLED = 1236;
    public static final int LIST_MAIN = 5001;
    public static final int LIST_VIP = 5002;
    public static final int LIST_INACTIVE = 5003;
    public static final int LIST_OUTLET = 5101;
    public static final int FIELD_FAVORITE_STORE = 301;
    public static final int FIELD_VIP = 302;
    public static final int FIELD_LOYALTY_POINTS = 303;
    public static final int FIELD_ANNIVERSARY = 304;
    public static final int FIELD_LEGACY = 305;

    /** A sender code (short code or toll-free number). */
    public record SenderCode(int id, String code, String merchantName, boolean enabled) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shortCodeId", id);
            m.put("code", code);
            m.put("country", "US");
            m.put("merchantName", merchantName);
            m.put("emailListId", 300_000 + id);
            m.put("emailListName", merchantName + " Main");
            m.put("externalEventId", 900_000 + id);
            m.put("externalEventName", merchantName + " SMS Events");
            m.put("phoneNumberSegmentationFieldGroupId", 41);
            m.put("phoneNumberSegmentationFieldGroupName", "SMS");
            m.put("phoneNumberSegmentationFieldId", 4101);
            m.put("phoneNumberSegmentationFieldName", "Mobile Phone");
            m.put("acquisitionSourceSegmentationFieldGroupId", 41);
            m.put("acquisitionSourceSegmentationFieldGroupName", "SMS");
            m.put("acquisitionSourceSegmentationFieldId", 4102);
            m.put("acquisitionSourceSegmentationFieldName", "SMS Acquisition Source");
            return m;
        }
    }

    /** An SMS list of a sender code. */
    public record PhoneList(int id, int senderCodeId, String name, boolean active, Instant created) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phoneListId", id);
            m.put("phoneListName", name);
            m.put("createDate", created.toString());
            m.put("status", active ? "Active" : "Inactive");
            m.put("smsListType", "Standard");
            m.put("messageLimit", 0);
            m.put("messageLimitTimeFrame", "None");
            m.put("requireDoubleOptIn", false);
            m.put("requireAgeGate", false);
            return m;
        }
    }

    /** A profile field; values are company-wide. */
    public record Field(int id, String name, String dataType, Integer maxLength, boolean enabled) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("segmentationFieldId", id);
            m.put("segmentationFieldName", name);
            m.put("dataType", dataType);
            m.put("maxLength", maxLength);
            m.put("statusFlag", enabled ? "Active" : "Disabled");
            return m;
        }
    }

    /** A transactional message template on a list. */
    public record TransactionalMessage(int id, int listId, String name, boolean active, String content) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("transactionalMessageId", id);
            m.put("transactionalMessageName", name);
            m.put("transactionalMessageStatus", active ? "Active" : "Inactive");
            return m;
        }
    }

    private static final Instant CREATED = Instant.parse("2023-06-01T12:00:00Z");

    final List<SenderCode> senderCodes = List.of(
            new SenderCode(SENDER_MAIN, "12345", "Sandbox Outfitters", true),
            new SenderCode(SENDER_OUTLET, "8335550100", "Sandbox Outfitters Outlet", true),
            new SenderCode(SENDER_DISABLED, "54321", "Retired Brand", false));
    final List<PhoneList> lists = List.of(
            new PhoneList(LIST_MAIN, SENDER_MAIN, "Marketing", true, CREATED),
            new PhoneList(LIST_VIP, SENDER_MAIN, "VIP Early Access", true, CREATED.plusSeconds(86_400)),
            new PhoneList(LIST_INACTIVE, SENDER_MAIN, "Spring Sweepstakes", false, CREATED.plusSeconds(172_800)),
            new PhoneList(LIST_OUTLET, SENDER_OUTLET, "Outlet Alerts", true, CREATED));
    final List<Field> fields = List.of(
            new Field(FIELD_FAVORITE_STORE, "Favorite Store", "Text", 50, true),
            new Field(FIELD_VIP, "VIP", "Checkbox", null, true),
            new Field(FIELD_LOYALTY_POINTS, "Loyalty Points", "Number", null, true),
            new Field(FIELD_ANNIVERSARY, "Anniversary", "Date", null, true),
            new Field(FIELD_LEGACY, "Legacy Code", "Text", 20, false));
    final List<TransactionalMessage> transactional = List.of(
            new TransactionalMessage(701, LIST_MAIN, "Order Shipped", true, "Your Sandbox Outfitters order has shipped."),
            new TransactionalMessage(702, LIST_MAIN, "Password Reset", true, "Your reset code is 123456."),
            new TransactionalMessage(703, LIST_MAIN, "Old Promo", false, "Old promo."),
            new TransactionalMessage(711, LIST_OUTLET, "Outlet Receipt", true, "Thanks for shopping the outlet."));

    /** A sender code that exists (404 otherwise); it may be disabled. */
    public SenderCode senderCode(int id) {
        return senderCodes.stream().filter(s -> s.id() == id).findFirst().orElseThrow(() -> ListrakError.notFound(
                "ERROR_UNABLE_TO_LOCATE_RESOURCE", "Sender code " + id + " does not exist."));
    }

    /** A sender code that exists and is enabled. */
    public SenderCode activeSenderCode(int id) {
        SenderCode code = senderCode(id);
        if (!code.enabled()) {
            throw ListrakError.badRequest("ERROR_SENDER_CODE_DISABLED", "Sender code " + id + " is disabled.");
        }
        return code;
    }

    public PhoneList list(int senderCodeId, int listId) {
        return lists.stream().filter(l -> l.id() == listId && l.senderCodeId() == senderCodeId).findFirst()
                .orElseThrow(() -> ListrakError.badRequest("ERROR_INVALID_LIST_ID",
                        "phoneListId " + listId + " does not exist on sender code " + senderCodeId + "."));
    }

    public PhoneList activeList(int senderCodeId, int listId) {
        PhoneList list = list(senderCodeId, listId);
        if (!list.active()) {
            throw ListrakError.badRequest("ERROR_LIST_INACTIVE", "SMS list " + listId + " is inactive.");
        }
        return list;
    }

    public Field field(int id) {
        return fields.stream().filter(f -> f.id() == id).findFirst().orElseThrow(() -> ListrakError.badRequest(
                "ERROR_INVALID_SEGMENTATION_FIELD_ID", "segmentationFieldId " + id + " does not exist on the sender code."));
    }

    /** A field that may be written: exists, enabled, value within its maximum length. */
    public Field writableField(int id, String value) {
        Field field = field(id);
        if (!field.enabled()) {
            throw ListrakError.badRequest("ERROR_SEGMENTATION_FIELD_DISABLED", "Profile field " + id + " is disabled.");
        }
        if (value != null && field.maxLength() != null && value.length() > field.maxLength()) {
            throw ListrakError.badRequest("ERROR_SEGMENTATION_MAX_LENGTH", "Value for profile field " + id + " is "
                    + value.length() + " characters, the field allows " + field.maxLength() + ".");
        }
        return field;
    }

    public TransactionalMessage transactionalMessage(int listId, int messageId) {
        return transactional.stream().filter(t -> t.id() == messageId && t.listId() == listId).findFirst()
                .orElseThrow(() -> ListrakError.notFound("ERROR_TRANSACTIONAL_MESSAGE_NOT_FOUND",
                        "transactionalMessageId " + messageId + " does not exist on list " + listId + "."));
    }

    public List<PhoneList> lists(int senderCodeId) {
        return lists.stream().filter(l -> l.senderCodeId() == senderCodeId).toList();
    }
}
