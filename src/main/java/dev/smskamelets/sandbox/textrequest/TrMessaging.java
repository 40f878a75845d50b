package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.SandboxRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sending and receiving messages, with the side effects the vendor documents: the 1600-character limit, the
 * 41-character sender name, the {@code [LocationRequest]} rule, the dashboard send throttle, STOP handling
 * (opted out and archived) and the hooks each step fires.
 */
final class TrMessaging {

    static final int MAX_BODY = 1600;
    static final int MAX_SENDER_NAME = 41;
    static final String LOCATION_TAG = "[LocationRequest]";
    static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
            "OPTOUT", "OPT OUT");
    static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "YES");
    /** Delivery error code the sandbox gives a message to a contact who cannot be texted. */
    static final String ERROR_OPTED_OUT = "21610";

    /** What a send asks for. */
    record Send(String body, String senderName, List<String> media, String statusCallback, String locationCallback,
                boolean geolocationRequested) {
    }

    private final TrState state;
    private final TrContacts contacts;
    private final TrWebhooks webhooks;

    TrMessaging(TrState state, TrContacts contacts, TrWebhooks webhooks) {
        this.state = state;
        this.contacts = contacts;
        this.webhooks = webhooks;
    }

    TrMessage send(TrDashboard d, String phone, Send send, SandboxRequest request) {
        String body = validate(send);
        TrContact contact = contacts.getOrCreate(d, phone, request);
        Instant now = Instant.now();
        String refusal = contact.optedOut != null ? "opted out" : contact.suppressed ? "suppressed"
                : contact.blocked ? "blocked" : null;
        Instant slot = refusal == null ? d.nextSendSlot(now) : now;
        TrMessage m = new TrMessage(state.ids.guid("message"), phone, 'S', body,
                send.senderName() == null ? "API" : send.senderName(), slot, send.media(), send.statusCallback(),
                send.locationCallback());
        store(d, contact, m);
        if (refusal != null) {
            m.fixedStatus = "error";
            m.errorCode = ERROR_OPTED_OUT;
            state.record(request, "message", m.id, "refused: contact " + refusal);
            statusChanged(d, m, "error", ERROR_OPTED_OUT, now);
            return m;
        }
        contact.totalSent++;
        contact.lastSent = slot;
        if (contact.firstContact == null) {
            contact.firstContact = slot;
        }
        contact.archived = false; // sending unarchives the conversation
        state.record(request, "message", m.id, "queued to " + phone + " for " + slot);
        webhooks.emit(d, "msg_sent", TrPayloads.msg(state, d, contact, m), slot);
        delivered(d, m, slot.plus(TrMessage.DELIVERY_LAG));
        return m;
    }

    /** An inbound SMS from a contact (control endpoint): STOP opts out and archives, START opts back in. */
    TrMessage receive(TrDashboard d, String phone, String body, List<String> media, SandboxRequest request) {
        TrContact contact = contacts.getOrCreate(d, phone, request);
        Map<String, Object> before = contact.updatedPayload();
        Instant now = Instant.now();
        TrMessage m = new TrMessage(state.ids.guid("message"), phone, 'R', body, null, now, media, null, null);
        store(d, contact, m);
        if (contact.totalSent > 0) {
            contact.responseCount++;
        }
        contact.totalReceived++;
        contact.lastReceived = now;
        if (contact.firstContact == null) {
            contact.firstContact = now;
        }
        contact.resolved = false;
        String word = body == null ? "" : body.trim().toUpperCase(Locale.ROOT);
        if (STOP_WORDS.contains(word)) {
            contact.optedOut = now;
            contact.archived = true;
        } else {
            contact.archived = false;
            if (START_WORDS.contains(word)) {
                contact.optedOut = null;
            }
            d.keywords.values().stream().filter(k -> k.value.equalsIgnoreCase(word)).findFirst()
                    .filter(k -> !contact.groups.contains(k.groupId)).ifPresent(k -> contact.groups.add(k.groupId));
        }
        state.record(request, "message", m.id, "received from " + phone);
        webhooks.emit(d, "msg_received", TrPayloads.msg(state, d, contact, m), now);
        if (!before.equals(contact.updatedPayload())) {
            contacts.changed(d, contact, before, request);
        }
        return m;
    }

    /** Fires {@code msg_status_updated} and the message's own {@code status_callback}. */
    void statusChanged(TrDashboard d, TrMessage m, String status, String errorCode, Instant at) {
        statusChanged(d, m, status, errorCode, at, () -> true);
    }

    /** The scheduled {@code delivered} of a send: dropped if another status was set on the message meanwhile. */
    private void delivered(TrDashboard d, TrMessage m, Instant at) {
        statusChanged(d, m, "delivered", null, at, () -> m.fixedStatus == null);
    }

    private void statusChanged(TrDashboard d, TrMessage m, String status, String errorCode, Instant at,
                               java.util.function.BooleanSupplier still) {
        Map<String, Object> payload = TrPayloads.status(m.id, status, errorCode);
        webhooks.emit(d, "msg_status_updated", payload, at, still);
        webhooks.callback(m.statusCallback, "status_callback", payload, at, still);
    }

    private void store(TrDashboard d, TrContact contact, TrMessage m) {
        d.messages.add(m);
        state.messageDashboards.put(m.id, d);
        contact.lastMessage = m;
    }

    private static String validate(Send send) {
        String body = send.body();
        if (body == null || body.isEmpty()) {
            throw new BadRequestException("A message body must be specified.");
        }
        if (body.length() > MAX_BODY) {
            throw new BadRequestException("The message body is " + body.length() + " characters long; the limit is "
                    + MAX_BODY + ".");
        }
        if (send.senderName() != null && send.senderName().length() > MAX_SENDER_NAME) {
            throw new BadRequestException("sender_name is " + send.senderName().length() + " characters long; the limit is "
                    + MAX_SENDER_NAME + ".");
        }
        boolean tagged = body.contains(LOCATION_TAG);
        if (send.locationCallback() != null && !tagged) {
            throw new BadRequestException("location_callback requires the " + LOCATION_TAG + " tag in the message body.");
        }
        String link = "https://sandbox.textrequest.invalid/location";
        if (tagged) {
            body = body.replace(LOCATION_TAG, link);
        } else if (send.geolocationRequested()) {
            body = body + " Go to " + link + " to share your location";
        }
        return body;
    }
}
