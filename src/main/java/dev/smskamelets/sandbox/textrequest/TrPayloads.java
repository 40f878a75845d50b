package dev.smskamelets.sandbox.textrequest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bodies of the seven web hook events, each in the casing the vendor uses for it: camelCase for
 * {@code msg_sent}/{@code msg_received}, PascalCase for {@code contact_created} and {@code location_received},
 * snake_case for {@code contact_updated}, {@code msg_status_updated} and {@code payment_status_updated}.
 */
final class TrPayloads {

    private TrPayloads() {
    }

    /** {@code webhook_payload_msg}. */
    static Map<String, Object> msg(TrState state, TrDashboard dashboard, TrContact contact, TrMessage message) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", state.accountId);
        account.put("externalAccountId", state.externalAccountId);
        Map<String, Object> phone = new LinkedHashMap<>();
        phone.put("description", dashboard.name);
        phone.put("id", dashboard.id);
        phone.put("externalPhoneId", dashboard.externalPhoneId);
        phone.put("phoneNumber", dashboard.phone);
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("id", contact.id);
        conversation.put("date", message.timestamp.toString());
        conversation.put("consumerPhoneNumber", contact.phone);
        conversation.put("messageDirection", String.valueOf(message.direction));
        conversation.put("message", message.body);
        conversation.put("numSegments", message.segments);
        conversation.put("status", "unclaimed");
        conversation.put("claimedBy", null);
        conversation.put("consumerFriendlyName", contact.friendlyName());
        conversation.put("mmsAttachments", message.media.stream().map(TrPayloads::attachment).toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageUniqueIdentifier", message.id);
        m.put("account", account);
        m.put("yourPhoneNumber", phone);
        m.put("conversation", conversation);
        return m;
    }

    /** {@code webhook_payload_contact_created}. */
    static Map<String, Object> contactCreated(TrDashboard dashboard, TrContact contact) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ContactId", contact.id);
        m.put("LocationPhoneNumber", dashboard.phone);
        m.put("ContactPhoneNumber", contact.phone);
        m.put("ContactFriendlyName", contact.friendlyName());
        return m;
    }

    /** {@code webhook_payload_contact_updated}. */
    static Map<String, Object> contactUpdated(TrContact contact) {
        return contact.updatedPayload();
    }

    /** {@code webhook_payload_message_status} (also the per-message {@code status_callback}). */
    static Map<String, Object> status(String messageId, String status, String errorCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", messageId);
        m.put("status", status);
        m.put("error_code", errorCode);
        return m;
    }

    /** {@code webhook_payload_location_callback}. */
    static Map<String, Object> location(String messageId, String phone, int dashboardId, double longitude,
                                        double latitude, String address) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("MessageId", messageId);
        m.put("PhoneNumber", phone);
        m.put("DashboardId", dashboardId);
        m.put("Longitude", longitude);
        m.put("Latitude", latitude);
        m.put("FormattedAddress", address);
        return m;
    }

    /** {@code webhook_payload_payment}. */
    static Map<String, Object> payment(long paymentId, String status, String referenceId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payment_id", paymentId);
        m.put("status", status);
        m.put("reference_id", referenceId);
        return m;
    }

    private static Map<String, Object> attachment(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String mime = lower.endsWith(".png") ? "image/png" : lower.endsWith(".gif") ? "image/gif"
                : lower.endsWith(".mp4") ? "video/mp4" : "image/jpeg";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mimeType", mime);
        m.put("url", url);
        return m;
    }
}
