package dev.smskamelets.sandbox.textable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.SandboxRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Sending (the documented {@code POST /api/send}: send now, schedule with {@code sendAt} in epoch ms, store an
 * already-sent message with {@code sendStatus: sent}, store a note with {@code type: note}) and receiving (control
 * endpoint). A {@code to} holding several comma-separated numbers is a group MMS. STOP-family keywords from a
 * contact set its {@code optedOut}; a blocked sender's messages are dropped.
 */
final class TxMessaging {

    static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
            "OPT OUT", "OPTOUT");
    static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "YES");
    static final Set<String> TIMEZONES = Set.of("America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York");

    private final TxState state;
    private final TxRelay relay;

    TxMessaging(TxState state, TxRelay relay) {
        this.state = state;
        this.relay = relay;
    }

    TxMessage send(TxUser user, JsonNode body, SandboxRequest request) {
        String rawTo = text(body, "to");
        if (rawTo == null) {
            throw new BadRequestException("Missing parameter to");
        }
        List<String> to = Arrays.stream(rawTo.split(",")).map(n -> TxPhones.e164("to", n)).distinct().toList();
        String from = TxPhones.e164("from", text(body, "from"));
        if (!from.equals(user.phone)) {
            throw new BadRequestException("Invalid parameter from: " + from + " is not a number of this user");
        }
        String message = text(body, "message");
        List<String> media = new ArrayList<>();
        body.path("media").forEach(n -> media.add(n.asText()));
        if ((message == null || message.isEmpty()) && media.isEmpty()) {
            throw new BadRequestException("Missing parameter message");
        }
        boolean note = "note".equals(text(body, "type"));
        boolean stored = "sent".equals(text(body, "sendStatus"));
        long now = System.currentTimeMillis();
        if (body.path("reminder").asBoolean(false)
                && (!body.hasNonNull("sendAt") || !TIMEZONES.contains(String.valueOf(text(body, "scheduleTimezone"))))) {
            throw new BadRequestException("Reminders need sendAt and scheduleTimezone (one of " + TIMEZONES + ")");
        }
        long sendAt = body.hasNonNull("sendAt") ? Math.max(now, body.get("sendAt").asLong()) : now;
        List<TxContact> recipients = to.stream().map(n -> contact(user, n, now, request)).toList();
        if (!note && !stored) {
            recipients.stream().filter(c -> c.optedOut).findFirst().ifPresent(c -> {
                throw new BadRequestException("Contact " + c.phoneNumber + " has opted out of messages");
            });
        }
        String status = note ? "note" : stored ? "stored" : sendAt > now ? "scheduled" : "sent";
        TxContact single = recipients.size() == 1 ? recipients.get(0) : null;
        TxMessage m = new TxMessage(state.id(), user.id, single != null ? single.id : groupId(to), "out", to, from,
                message, media, sendAt, status);
        state.messages.add(m);
        boolean archive = body.path("autoArchive").asBoolean(false);
        for (TxContact c : recipients) {
            if (!note) {
                c.lastMessage = message;
                c.lastMessageDate = sendAt;
            }
            c.archived = archive;
        }
        state.record(request, note ? "note" : "message", m.id(), status + " to " + String.join(",", to));
        if (!note) {
            relay.relay(user, single, m);
        }
        return m;
    }

    /** An inbound SMS/MMS to a user's number (a group MMS when {@code to} lists several numbers). */
    TxMessage receive(String rawFrom, List<String> rawTo, String text, List<String> media, SandboxRequest request) {
        String from = TxPhones.e164("from", rawFrom);
        List<String> to = rawTo.stream().map(n -> TxPhones.e164("to", n)).toList();
        TxUser user = to.stream().map(state::userByPhone).flatMap(java.util.Optional::stream).findFirst()
                .orElseThrow(() -> new BadRequestException("None of " + to + " is the number of a Textable user"));
        long now = System.currentTimeMillis();
        TxContact contact = contact(user, from, now, request);
        String conversation = to.size() > 1 ? groupId(concat(to, from)) : contact.id;
        if (contact.blocked) {
            TxMessage dropped = new TxMessage(state.id(), user.id, conversation, "in", to, from, text, media, now, "dropped");
            state.record(request, "message", dropped.id(), "dropped: sender " + from + " is blocked");
            return dropped;
        }
        TxMessage m = new TxMessage(state.id(), user.id, conversation, "in", to, from, text, media, now, "received");
        state.messages.add(m);
        contact.lastMessage = text;
        contact.lastMessageDate = now;
        contact.archived = false;
        String word = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        state.record(request, "message", m.id(), "received from " + from);
        if (STOP_WORDS.contains(word) != contact.optedOut && (STOP_WORDS.contains(word) || START_WORDS.contains(word))) {
            contact.optedOut = STOP_WORDS.contains(word);
            state.record(request, "contact", contact.id, "optedOut=" + contact.optedOut);
        }
        relay.relay(user, contact, m);
        return m;
    }

    private TxContact contact(TxUser user, String phone, long now, SandboxRequest request) {
        return state.contactByPhone(user.id, phone).orElseGet(() -> {
            TxContact created = state.newContact(user.id, phone, now);
            state.record(request, "contact", created.id, "created " + phone);
            return created;
        });
    }

    private static String groupId(List<String> numbers) {
        String key = String.join(",", numbers.stream().sorted().toList());
        return "group-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> concat(List<String> to, String from) {
        List<String> all = new ArrayList<>(to);
        all.add(from);
        return all;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
