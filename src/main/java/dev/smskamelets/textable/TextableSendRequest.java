package dev.smskamelets.textable;

import dev.smskamelets.core.phone.InvalidPhoneNumberException;
import dev.smskamelets.core.phone.PhoneNormalizer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Checks and completes a {@code POST /api/send} request before anything is sent (used by
 * {@code textable-message-sink}). The body (a Map or JSON) holds {@code SendMessageRequest} fields:
 * <ul>
 *   <li>{@code to}: one number, several comma-separated or a list (a group MMS), each normalized to E.164;</li>
 *   <li>{@code from}: else the {@code from} property; E.164;</li>
 *   <li>{@code message} (required unless {@code media} is given), {@code media}: http(s) URLs;</li>
 *   <li>{@code sendAt}: epoch milliseconds (or an ISO-8601 instant), not in the past (1 minute of slack), and not
 *       a value in seconds by mistake;</li>
 *   <li>{@code reminder: true} needs {@code sendAt} and {@code scheduleTimezone} (one of the four US zones);</li>
 *   <li>{@code sendStatus} only {@code sent}, {@code type} only {@code note}; booleans are booleans;</li>
 *   <li>any other field is refused (a misspelt {@code sendat} would otherwise send at once).</li>
 * </ul>
 * {@code mode} {@code note} stores a note ({@code type: note}), {@code record} stores an already-sent message
 * ({@code sendStatus: sent}), {@code send} (default) sends or schedules.
 */
public class TextableSendRequest implements Processor {

    static final String OP = "sendMessage";
    static final Set<String> TIMEZONES = Set.of("America/Los_Angeles", "America/Denver", "America/Chicago",
            "America/New_York");
    private static final Set<String> FIELDS = Set.of("to", "from", "message", "media", "notify", "sendAt",
            "sendStatus", "type", "autoArchive", "reminder", "scheduleTimezone");
    /** Before this (1973-03-03 in ms, or year 5138 in seconds) a sendAt is taken to be in seconds. */
    private static final long MIN_MILLIS = 100_000_000_000L;
    private static final long PAST_SLACK_MILLIS = 60_000;

    private String from;
    private String mode = "send";
    private String phoneValidation = "possible";
    private String defaultRegion;

    @Override
    public void process(Exchange exchange) {
        Map<String, Object> body = TextableBody.map(OP, exchange.getIn());
        exchange.getIn().setBody(validate(body, System.currentTimeMillis()));
    }

    Map<String, Object> validate(Map<String, Object> body, long now) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new TextableValidationException(OP, field, body.get(field), "is not a field of the send request "
                        + "(to, from, message, media, notify, sendAt, sendStatus, type, autoArchive, reminder, scheduleTimezone)");
            }
        }
        PhoneNormalizer phones = TextableBody.phones(phoneValidation, defaultRegion);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("to", String.join(",", recipients(phones, body.get("to"))));
        Object sender = body.get("from") != null ? body.get("from") : from;
        out.put("from", phone(phones, "from", sender == null ? null : String.valueOf(sender)));
        List<String> media = media(body.get("media"));
        Object message = body.get("message");
        if ((message == null || String.valueOf(message).isEmpty()) && media.isEmpty()) {
            throw new TextableValidationException(OP, "message", message, "is required (or media)");
        }
        out.put("message", message == null ? "" : String.valueOf(message));
        if (!media.isEmpty()) {
            out.put("media", media);
        }
        Long sendAt = sendAt(body.get("sendAt"), now);
        if (sendAt != null) {
            out.put("sendAt", sendAt);
        }
        Boolean reminder = TextableBody.bool(OP, "reminder", body.get("reminder"));
        Object zone = body.get("scheduleTimezone");
        if (zone != null && !TIMEZONES.contains(String.valueOf(zone))) {
            throw new TextableValidationException(OP, "scheduleTimezone", zone, "must be one of " + TIMEZONES);
        }
        if (Boolean.TRUE.equals(reminder) && (sendAt == null || zone == null)) {
            throw new TextableValidationException(OP, sendAt == null ? "sendAt" : "scheduleTimezone",
                    sendAt == null ? null : zone, "is required for a reminder");
        }
        put(out, "reminder", reminder);
        put(out, "scheduleTimezone", zone);
        put(out, "notify", TextableBody.bool(OP, "notify", body.get("notify")));
        put(out, "autoArchive", TextableBody.bool(OP, "autoArchive", body.get("autoArchive")));
        put(out, "sendStatus", only("sendStatus", body.get("sendStatus"), "sent", "record".equals(mode)));
        put(out, "type", only("type", body.get("type"), "note", "note".equals(mode)));
        return out;
    }

    private List<String> recipients(PhoneNormalizer phones, Object to) {
        List<String> raw = new ArrayList<>();
        if (to instanceof Collection<?> list) {
            list.forEach(n -> raw.add(String.valueOf(n)));
        } else if (to != null) {
            for (String n : String.valueOf(to).split(",")) {
                raw.add(n);
            }
        }
        if (raw.isEmpty()) {
            throw new TextableValidationException(OP, "to", to, "is required");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String n = phone(phones, raw.size() == 1 ? "to" : "to[" + i + "]", raw.get(i).strip());
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static String phone(PhoneNormalizer phones, String field, String raw) {
        try {
            return phones.normalize(field, raw);
        } catch (InvalidPhoneNumberException e) {
            throw new TextableValidationException(OP, field, raw, "must be a phone number (E.164, e.g. +15125550100): "
                    + e.getMessage());
        }
    }

    private static List<String> media(Object media) {
        List<String> out = new ArrayList<>();
        if (media == null) {
            return out;
        }
        if (!(media instanceof Collection<?> list)) {
            throw new TextableValidationException(OP, "media", media, "must be a list of http(s) URLs");
        }
        for (Object url : list) {
            String text = String.valueOf(url);
            if (!text.startsWith("https://") && !text.startsWith("http://")) {
                throw new TextableValidationException(OP, "media", url, "must hold publicly reachable http(s) URLs");
            }
            out.add(text);
        }
        return out;
    }

    static Long sendAt(Object value, long now) {
        if (value == null || String.valueOf(value).isBlank()) {
            return null;
        }
        long millis;
        if (value instanceof Number n) {
            millis = n.longValue();
        } else if (String.valueOf(value).strip().matches("\\d+")) {
            millis = Long.parseLong(String.valueOf(value).strip());
        } else {
            try {
                millis = Instant.parse(String.valueOf(value).strip()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new TextableValidationException(OP, "sendAt", value, "must be epoch milliseconds or an ISO-8601 instant");
            }
        }
        if (millis < MIN_MILLIS) {
            throw new TextableValidationException(OP, "sendAt", value, "must be epoch milliseconds (this looks like seconds)");
        }
        if (millis < now - PAST_SLACK_MILLIS) {
            throw new TextableValidationException(OP, "sendAt", value, "lies in the past (" + Instant.ofEpochMilli(millis)
                    + "); leave it out to send now");
        }
        return millis;
    }

    private static Object only(String field, Object value, String allowed, boolean forced) {
        if (value != null && !allowed.equals(String.valueOf(value))) {
            throw new TextableValidationException(OP, field, value, "can only be '" + allowed + "'");
        }
        return forced ? allowed : value;
    }

    private static void put(Map<String, Object> out, String field, Object value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    public void setFrom(String from) {
        this.from = from == null || from.isBlank() ? null : from;
    }

    /** {@code send} (default; schedules with sendAt), {@code note} or {@code record}. */
    public void setMode(String mode) {
        if (!Set.of("send", "note", "record").contains(mode)) {
            throw new IllegalArgumentException("mode must be send, note or record, got '" + mode + "'");
        }
        this.mode = mode;
    }

    /** {@code possible} (default: right length) or {@code valid} (also an assigned number range). */
    public void setPhoneValidation(String phoneValidation) {
        this.phoneValidation = phoneValidation;
    }

    /** Region (ISO 3166) of numbers written without a country code; default US. */
    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }
}
