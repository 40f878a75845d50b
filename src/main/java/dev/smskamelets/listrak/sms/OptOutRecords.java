package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.checkpoint.Checkpoint;
import dev.smskamelets.core.checkpoint.IsoInstants;
import dev.smskamelets.core.idempotent.KeyedRecord;
import dev.smskamelets.core.json.JsonText;
import dev.smskamelets.core.phone.InvalidPhoneNumberException;
import dev.smskamelets.core.phone.PhoneNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Shapes one Listrak SMS opt-out ({@code OptOutContact}) for the opt-out source: the phone in E.164, the opt-out
 * date, and the reason as its enum name — the schema says string, the vendor's own example sends an integer, both
 * are read. As a {@link Processor} it rewrites the body and sets header {@value #KEY} ({@code phone|date}, the
 * de-duplication key). A phone libphonenumber cannot read is kept as received with {@code phoneNumberValid: false}
 * rather than stopping the pass. {@link #latestOptOutDate(List)} gives a page's watermark: with a {@code checkpoint},
 * only from opt-outs inside the window the pass asked for (Listrak has been seen answering {@code startDate=2025-01-01}
 * with opt-outs of 2019; those are still emitted, but never move the watermark).
 */
public class OptOutRecords implements Processor {

    /** Header carrying the record's de-duplication key. */
    public static final String KEY = "ListrakOptOutKey";
    /** {@code OptOutContact.optOutReason} in the order of the spec's enum (the integer form indexes it). */
    static final List<String> REASONS = List.of("Campaign", "Admin", "DeliveryFailure", "Import", "API",
            "Deactivated", "PermanentError", "Workflow");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PhoneNormalizer phones = new PhoneNormalizer();
    /** The record's known field names, quoted once. */
    private static final SerializedString PHONE_NUMBER = new SerializedString("phoneNumber");
    private static final SerializedString PHONE_NUMBER_VALID = new SerializedString("phoneNumberValid");
    private static final SerializedString OPT_OUT_DATE = new SerializedString("optOutDate");
    private static final SerializedString OPT_OUT_REASON = new SerializedString("optOutReason");
    private static final SerializedString SENDER_CODE_ID = new SerializedString("senderCodeId");
    private JsonText text;
    private String senderCodeId;
    private Integer senderCode;
    private Checkpoint checkpoint;

    public OptOutRecords() {
        phones.setTarget("listrak");
        phones.setValidation("possible");
        phones.setField("phoneNumber");
    }

    @Override
    public void process(Exchange exchange) {
        ObjectNode record = shape(exchange.getIn().getBody(String.class));
        exchange.getIn().setHeader(KEY, key(record));
        exchange.getIn().setBody(record.toString());
    }

    /**
     * A page of raw records as {@link KeyedRecord}s for {@link dev.smskamelets.core.idempotent.PageIdempotency}: the
     * shaped JSON body, the key {@code phone|date} (internal: not a header for the sink) and the opt-out date as the
     * record's time, which lets the key expire once the source's checkpoint no longer re-reads that date.
     */
    public List<KeyedRecord> page(List<String> records) {
        List<KeyedRecord> page = new java.util.ArrayList<>(records.size());
        for (String json : records) {
            ObjectNode record = shape(json);
            String key = key(record);
            page.add(new KeyedRecord(key, parse(record.path("optOutDate").asText(null)), record.toString(),
                    java.util.Map.of()));
        }
        return page;
    }

    /**
     * One opt-out as parsed from its page, shaped in place (no second parse): the shaped JSON body, the key
     * {@code phone|date} and the opt-out date as the record's time.
     */
    public synchronized KeyedRecord record(JsonNode raw) {
        if (!(raw instanceof ObjectNode record)) {
            throw new IllegalArgumentException("Not a Listrak opt-out record: " + raw);
        }
        JsonNode rawPhone = record.get("phoneNumber");
        String phone;
        try {
            phone = phones.normalize("phoneNumber", rawPhone == null ? null : rawPhone.asText(null));
        } catch (InvalidPhoneNumberException e) {
            phone = null;
        }
        String reason = reason(record.get("optOutReason"));
        JsonNode date = record.path("optOutDate");
        String key = (phone != null ? phone : rawPhone == null ? "" : rawPhone.asText()) + "|" + date.asText();
        return new KeyedRecord(key, parse(date.asText(null)), text(record, phone, reason), null);
    }

    /**
     * The shaped record as JSON text, as {@link #shape(ObjectNode)} and {@code toString()} would give it (same fields,
     * same order), written straight from the parsed record by one generator reused record after record.
     */
    private String text(ObjectNode record, String phone, String reason) {
        try {
            if (text == null) {
                text = new JsonText(MAPPER.getFactory());
            }
            com.fasterxml.jackson.core.JsonGenerator g = text.start();
            boolean valid = false;
            boolean reasonDone = false;
            boolean senderDone = false;
            g.writeStartObject();
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext();) {
                java.util.Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                switch (name) {
                    case "phoneNumber" -> {
                        g.writeFieldName(PHONE_NUMBER);
                        if (phone != null) {
                            g.writeString(phone);
                        } else {
                            write(g, field.getValue());
                        }
                    }
                    case "phoneNumberValid" -> {
                        g.writeFieldName(PHONE_NUMBER_VALID);
                        g.writeBoolean(phone != null);
                        valid = true;
                    }
                    case "optOutDate" -> {
                        g.writeFieldName(OPT_OUT_DATE);
                        write(g, field.getValue());
                    }
                    case "optOutReason" -> {
                        g.writeFieldName(OPT_OUT_REASON);
                        writeReason(g, reason);
                        reasonDone = true;
                    }
                    case "senderCodeId" -> {
                        g.writeFieldName(SENDER_CODE_ID);
                        if (senderCode != null) {
                            g.writeNumber(senderCode);
                        } else {
                            write(g, field.getValue());
                        }
                        senderDone = true;
                    }
                    default -> {
                        g.writeFieldName(name);
                        write(g, field.getValue());
                    }
                }
            }
            if (!valid) {
                g.writeFieldName(PHONE_NUMBER_VALID);
                g.writeBoolean(phone != null);
            }
            if (!reasonDone) {
                g.writeFieldName(OPT_OUT_REASON);
                writeReason(g, reason);
            }
            if (!senderDone && senderCode != null) {
                g.writeFieldName(SENDER_CODE_ID);
                g.writeNumber(senderCode);
            }
            g.writeEndObject();
            return text.take();
        } catch (IOException e) {
            text.reset();
            throw new UncheckedIOException("Cannot write a Listrak opt-out record as JSON", e);
        } catch (RuntimeException e) {
            text.reset(); // a record failed half-written: the next one starts on a fresh generator
            throw e;
        }
    }

    private static void writeReason(com.fasterxml.jackson.core.JsonGenerator g, String reason) throws IOException {
        if (reason == null) {
            g.writeNull();
        } else {
            g.writeString(reason);
        }
    }

    /** Writes a parsed tree as {@code toString()} would, without a serializer provider per call. */
    private static void write(com.fasterxml.jackson.core.JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    java.util.Map.Entry<String, JsonNode> field = it.next();
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case NUMBER -> ((com.fasterxml.jackson.databind.node.NumericNode) node).serialize(g, null);
            default -> MAPPER.writeTree(g, node);
        }
    }

    private static String key(ObjectNode record) {
        return record.path("phoneNumber").asText() + "|" + record.path("optOutDate").asText();
    }

    private ObjectNode shape(String json) {
        return shape(read(json));
    }

    private ObjectNode shape(ObjectNode record) {
        String raw = record.path("phoneNumber").asText(null);
        try {
            record.put("phoneNumber", phones.normalize("phoneNumber", raw));
            record.put("phoneNumberValid", true);
        } catch (InvalidPhoneNumberException e) {
            record.put("phoneNumberValid", false);
        }
        record.put("optOutReason", reason(record.get("optOutReason")));
        if (senderCode != null) {
            record.put("senderCodeId", senderCode);
        }
        return record;
    }

    /** The reason's enum name: a string as is, an integer by its position in the enum, anything else null. */
    static String reason(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() || value.isTextual() && digits(value.textValue())) {
            int i = value.asInt();
            if (i < 0 || i >= REASONS.size()) {
                throw new IllegalArgumentException("Unknown Listrak optOutReason " + i + ": expected 0.."
                        + (REASONS.size() - 1) + " or one of " + REASONS);
            }
            return REASONS.get(i);
        }
        String text = value.asText();
        for (String reason : REASONS) {
            if (reason.equalsIgnoreCase(text)) {
                return reason;
            }
        }
        return text;
    }

    /**
     * The latest {@code optOutDate} of a page's records (ISO-8601), or null for an empty page or one without a date
     * inside the checkpoint's window (out-of-window dates are counted by the checkpoint).
     */
    public String latestOptOutDate(List<String> records) {
        Instant latest = null;
        String text = null;
        for (String json : records) {
            String date = read(json).path("optOutDate").asText(null);
            Instant at = parse(date);
            if (at != null && checkpoint != null && !checkpoint.inWindow(at)) {
                continue;
            }
            if (at != null && (latest == null || at.isAfter(latest))) {
                latest = at;
                text = at.toString();
            }
        }
        return text;
    }

    private static boolean digits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Instant parse(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        Instant fast = IsoInstants.utcSeconds(date);
        if (fast != null) {
            return fast;
        }
        try {
            return date.endsWith("Z") ? Instant.parse(date) : OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException e) {
            // Listrak documents date-time without an offset in examples: read it as UTC.
            return java.time.LocalDateTime.parse(date).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new UncheckedIOException(new IOException("Not a Listrak opt-out record: " + json, e));
        }
    }

    public String getSenderCodeId() {
        return senderCodeId;
    }

    public void setSenderCodeId(String senderCodeId) {
        this.senderCodeId = senderCodeId;
        this.senderCode = senderCodeId == null || senderCodeId.isBlank() ? null : Integer.valueOf(senderCodeId.trim());
    }

    public Checkpoint getCheckpoint() {
        return checkpoint;
    }

    /** The opt-out watermark: dates before the window of its current pass do not count for the page's latest. */
    public void setCheckpoint(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** Region for numbers without a country code (default US). */
    public void setDefaultRegion(String region) {
        phones.setDefaultRegion(region);
    }

    public String getDefaultRegion() {
        return phones.getDefaultRegion();
    }
}
