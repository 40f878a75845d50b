package dev.smskamelets.sandbox.textrequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message of a dashboard. {@code timestamp} is when the message is (or was) handed to the carrier: for a sent
 * message, the throttle slot it got. Until that instant its delivery status reads {@code queued}, then {@code sent},
 * and {@link #DELIVERY_LAG} later {@code delivered}, unless it failed ({@code error}) or a control endpoint set another status.
 */
final class TrMessage {

    static final String REDACTED_BODY = "[Redacted]";
    /** How long after it is handed to the carrier a sent message reads {@code delivered}. */
    static final java.time.Duration DELIVERY_LAG = java.time.Duration.ofMillis(500);

    final String id;
    final String contactPhone;
    final char direction;
    final String body;
    final String senderName;
    final Instant timestamp;
    final List<String> media;
    final int segments;
    final String statusCallback;
    final String locationCallback;
    volatile String fixedStatus;
    volatile String errorCode;
    boolean redacted;

    TrMessage(String id, String contactPhone, char direction, String body, String senderName, Instant timestamp,
              List<String> media, String statusCallback, String locationCallback) {
        this.id = id;
        this.contactPhone = contactPhone;
        this.direction = direction;
        this.body = body;
        this.senderName = senderName;
        this.timestamp = timestamp;
        this.media = media == null ? List.of() : List.copyOf(media);
        this.segments = Segments.count(body);
        this.statusCallback = statusCallback;
        this.locationCallback = locationCallback;
    }

    String deliveryStatus(Instant now) {
        if (fixedStatus != null) {
            return fixedStatus;
        }
        if (direction == 'R') {
            return "delivered";
        }
        return now.isBefore(timestamp) ? "queued" : now.isBefore(timestamp.plus(DELIVERY_LAG)) ? "sent" : "delivered";
    }

    /** The {@code message} schema. */
    Map<String, Object> toJson(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", id);
        m.put("body", redacted ? REDACTED_BODY : body);
        m.put("message_direction", String.valueOf(direction));
        m.put("response_by_username", direction == 'S' ? senderName : null);
        m.put("message_timestamp_utc", timestamp.toString());
        m.put("delivery_status", deliveryStatus(now));
        m.put("delivery_error", errorCode);
        m.put("mms_media", new ArrayList<>(media));
        return m;
    }

    /** The {@code dashboard_message} schema. */
    Map<String, Object> toDashboardJson(Instant now, String dashboardPhone) {
        Map<String, Object> m = toJson(now);
        m.put("dashboard_phone", dashboardPhone);
        m.put("customer_phone", contactPhone);
        m.put("segments_count", segments);
        return m;
    }

    /** SMS segment count: GSM-7 160/153 characters, else UCS-2 70/67. */
    static final class Segments {
        private static final String GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€";

        private Segments() {
        }

        static int count(String body) {
            if (body == null || body.isEmpty()) {
                return 1;
            }
            boolean gsm = body.chars().allMatch(c -> GSM.indexOf(c) >= 0);
            int single = gsm ? 160 : 70;
            int multi = gsm ? 153 : 67;
            int length = body.length();
            return length <= single ? 1 : (length + multi - 1) / multi;
        }
    }
}
