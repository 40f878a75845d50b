package dev.smskamelets.sandbox.listrak;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The seeded Cross Channel custom event configurations and their schemas (UIDs derive from the seed). */
final class CrossChannelCatalog {

    /** One event configuration: UID, name and attribute types (String, Int, Double, Date). */
    record EventConfiguration(String eventUID, String eventName, Map<String, String> schema) {
        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eventUID", eventUID);
            m.put("eventName", eventName);
            return m;
        }

        Map<String, Object> detail() {
            Map<String, Object> m = summary();
            m.put("eventSchemaAttrs", schema);
            m.put("featureAccess", List.of("Workflow"));
            return m;
        }
    }

    final List<EventConfiguration> configurations;

    CrossChannelCatalog(long seed) {
        configurations = List.of(
                new EventConfiguration(uid(seed, 1), "Back In Stock", ordered(
                        "productName", "String", "sku", "String", "price", "Double", "restockDate", "Date")),
                new EventConfiguration(uid(seed, 2), "Loyalty Tier Changed", ordered(
                        "tier", "String", "points", "Int", "changedOn", "Date")),
                new EventConfiguration(uid(seed, 3), "Appointment Reminder", ordered(
                        "location", "String", "appointmentAt", "Date", "durationMinutes", "Int")));
    }

    EventConfiguration configuration(String eventUID) {
        return configurations.stream().filter(c -> c.eventUID().equalsIgnoreCase(eventUID)).findFirst()
                .orElseThrow(() -> ListrakError.notFound("EntityNotFound",
                        "No event configuration with eventUID '" + eventUID + "'."));
    }

    private static String uid(long seed, int n) {
        return UUID.nameUUIDFromBytes(("listrak-crosschannel-" + seed + "-" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
