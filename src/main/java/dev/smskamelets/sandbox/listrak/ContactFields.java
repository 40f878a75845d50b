package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validates and applies the writable fields of an {@code SMSContact} body (system fields and profile values);
 * profile values apply to the phone on every sender code, as Listrak documents.
 */
final class ContactFields {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final String[] SYSTEM = {"emailAddress", "firstName", "lastName", "postalCode"};

    private final SmsState state;

    ContactFields(SmsState state) {
        this.state = state;
    }

    /** Throws Listrak's 400 for the first invalid field; changes nothing. */
    void validate(JsonNode body) {
        JsonNode email = body.get("emailAddress");
        if (email != null && !email.isNull() && !email.asText().isEmpty() && !EMAIL.matcher(email.asText()).matches()) {
            throw ListrakError.badRequest("ERROR_INVALID_EMAIL_ADDRESS", "emailAddress '" + email.asText() + "' is not an e-mail address.");
        }
        birthday(body);
        for (JsonNode v : body.path("segmentationFieldValues")) {
            JsonNode id = v.get("segmentationFieldId");
            if (id == null || !id.canConvertToInt()) {
                throw ListrakError.badRequest("ERROR_INVALID_SEGMENTATION_FIELD_ID",
                        "segmentationFieldValues[].segmentationFieldId '" + id + "' is not a profile field id.");
            }
            state.catalog.writableField(id.asInt(), v.path("value").isNull() ? null : v.path("value").asText());
        }
    }

    /** Applies the fields present in the body; returns what changed (empty when nothing did). */
    String apply(JsonNode body, SmsContact current, String operationId, String requestId) {
        List<String> changed = new ArrayList<>();
        SmsContact contact = null;
        for (String field : SYSTEM) {
            JsonNode node = body.get(field);
            if (node != null && !node.isNull() && !Objects.equals(get(current, field), node.asText())) {
                contact = contact == null ? state.contacts.forUpdate(current.senderCodeId, current.phone) : contact;
                set(contact, field, node.asText());
                changed.add(field);
            }
        }
        if (body.has("birthday") && !Objects.equals(current.birthday, birthday(body))) {
            contact = contact == null ? state.contacts.forUpdate(current.senderCodeId, current.phone) : contact;
            contact.birthday = birthday(body);
            changed.add("birthday");
        }
        for (JsonNode v : body.path("segmentationFieldValues")) {
            int id = v.get("segmentationFieldId").asInt();
            String value = v.path("value").isNull() ? null : v.path("value").asText();
            if (!Objects.equals(current.fields.get(id), value)) {
                contact = contact == null ? state.contacts.forUpdate(current.senderCodeId, current.phone) : contact;
                for (SmsContact copy : state.contacts.allSenderCodes(current.phone)) {
                    copy.fields.put(id, value);
                }
                changed.add("segmentationField " + id);
            }
        }
        if (contact != null) {
            state.record(operationId, contact, "updated " + String.join(", ", changed), requestId);
        }
        return String.join(", ", changed);
    }

    private static String birthday(JsonNode body) {
        JsonNode node = body.get("birthday");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.asText().isBlank()) {
            throw ListrakError.badRequest("ERROR_BIRTHDAY_FIELD_NULL", "birthday must be null or a date-time, not an empty string.");
        }
        Instant at = ListrakDates.parse("birthday", node.asText(), false);
        return ListrakDates.format(at);
    }

    private static String get(SmsContact c, String field) {
        return switch (field) {
            case "emailAddress" -> c.email;
            case "firstName" -> c.firstName;
            case "lastName" -> c.lastName;
            default -> c.postalCode;
        };
    }

    private static void set(SmsContact c, String field, String value) {
        switch (field) {
            case "emailAddress" -> c.email = value;
            case "firstName" -> c.firstName = value;
            case "lastName" -> c.lastName = value;
            default -> c.postalCode = value;
        }
    }
}
