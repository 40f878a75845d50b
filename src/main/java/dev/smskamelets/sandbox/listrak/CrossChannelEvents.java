package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Judges the events of one {@code POST .../events} request: each identifier is checked (format, then whether
 * the contact exists) and grouped by per-recipient status code (200, 400, 404); data fields are checked against
 * the schema types and fields the schema does not define are dropped. An event with at least one good
 * identifier and valid data is accepted.
 */
final class CrossChannelEvents {

    /** An accepted event as stored. */
    record Accepted(long id, String eventUID, List<Map<String, Object>> identifiers, Map<String, String> dataFields,
                    Instant at) {
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern UUID_FORM = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

    private final Predicate<String> knownEmail;
    private final Predicate<String> knownPhone;
    private final Predicate<String> knownUid;
    final List<Accepted> accepted = new ArrayList<>();
    private long nextId = 1;

    CrossChannelEvents(Predicate<String> knownEmail, Predicate<String> knownPhone, Predicate<String> knownUid) {
        this.knownEmail = knownEmail;
        this.knownPhone = knownPhone;
        this.knownUid = knownUid;
    }

    /** Per-recipient results of one event; adds the event to {@link #accepted} when it is accepted. */
    List<Map<String, Object>> judge(CrossChannelCatalog.EventConfiguration config, JsonNode event) {
        Map<Integer, List<Map<String, Object>>> byStatus = new TreeMap<>();
        Map<Integer, List<Map<String, String>>> errors = new TreeMap<>();
        String dataError = dataError(config, event.path("dataFields"));
        JsonNode identifiers = event.path("identifiers");
        if (!identifiers.isArray() || identifiers.isEmpty()) {
            add(byStatus, errors, 400, null, "MissingIdentifier", "An event needs at least one identifier.");
        }
        for (JsonNode id : identifiers) {
            Map<String, Object> identifier = new LinkedHashMap<>();
            identifier.put("identifierValue", id.path("identifierValue").asText(null));
            identifier.put("identifierType", id.path("identifierType").asText(null));
            String problem = dataError != null ? dataError : problem(id);
            if (problem == null && !known(id)) {
                add(byStatus, errors, 404, identifier, "RecipientNotFound",
                        "No contact with " + identifier.get("identifierType") + " '" + identifier.get("identifierValue") + "'.");
            } else if (problem != null) {
                add(byStatus, errors, 400, identifier, dataError != null ? "InvalidDataField" : "InvalidIdentifier", problem);
            } else {
                add(byStatus, errors, 200, identifier, null, null);
            }
        }
        if (byStatus.containsKey(200)) {
            Map<String, String> kept = new LinkedHashMap<>();
            event.path("dataFields").fields().forEachRemaining(f -> {
                if (config.schema().containsKey(f.getKey())) {
                    kept.put(f.getKey(), f.getValue().asText());
                }
            });
            accepted.add(new Accepted(nextId++, config.eventUID(), byStatus.get(200), kept, Instant.now()));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byStatus.forEach((status, ids) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("identifiers", ids);
            entry.put("statusCode", status);
            entry.put("errors", errors.getOrDefault(status, List.of()));
            out.add(entry);
        });
        return out;
    }

    private static void add(Map<Integer, List<Map<String, Object>>> byStatus, Map<Integer, List<Map<String, String>>> errors,
                            int status, Map<String, Object> identifier, String errorType, String message) {
        List<Map<String, Object>> ids = byStatus.computeIfAbsent(status, k -> new ArrayList<>());
        if (identifier != null) {
            ids.add(identifier);
        }
        if (errorType != null) {
            errors.computeIfAbsent(status, k -> new ArrayList<>()).add(Map.of("errorType", errorType, "errorMessage", message));
        }
    }

    private static String problem(JsonNode id) {
        String type = id.path("identifierType").asText("");
        String value = id.path("identifierValue").asText("");
        return switch (type) {
            case "EmailAddress" -> EMAIL.matcher(value).matches() ? null : "'" + value + "' is not an e-mail address.";
            case "PhoneNumber" -> {
                try {
                    ListrakPhones.normalize("identifierValue", value);
                    yield null;
                } catch (ListrakError e) {
                    yield e.getMessage();
                }
            }
            case "MobileContactUid" -> UUID_FORM.matcher(value).matches() ? null : "'" + value + "' is not a mobile contact UID.";
            default -> "identifierType '" + type + "' must be EmailAddress, PhoneNumber or MobileContactUid.";
        };
    }

    private boolean known(JsonNode id) {
        String value = id.path("identifierValue").asText("");
        return switch (id.path("identifierType").asText("")) {
            case "EmailAddress" -> knownEmail.test(value);
            case "PhoneNumber" -> knownPhone.test(ListrakPhones.normalize("identifierValue", value));
            default -> knownUid.test(value);
        };
    }

    /** Null when every data field the schema defines parses into its type. */
    private static String dataError(CrossChannelCatalog.EventConfiguration config, JsonNode fields) {
        if (fields.isMissingNode() || fields.isNull()) {
            return null;
        }
        if (!fields.isObject()) {
            return "dataFields must be an object of strings.";
        }
        for (Map.Entry<String, String> attr : config.schema().entrySet()) {
            JsonNode v = fields.get(attr.getKey());
            if (v == null || v.isNull()) {
                continue;
            }
            String text = v.asText();
            try {
                switch (attr.getValue()) {
                    case "Int" -> Long.parseLong(text.trim());
                    case "Double" -> Double.parseDouble(text.trim());
                    case "Date" -> ListrakDates.parse(attr.getKey(), text, false);
                    default -> { }
                }
            } catch (RuntimeException e) {
                return "dataFields." + attr.getKey() + " '" + text + "' is not a " + attr.getValue() + ".";
            }
        }
        return null;
    }
}
