package dev.smskamelets.listrak.twowaysms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.idempotent.KeyedRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The headers {@value #MESSAGE_ID}, {@value #PHONE_ID}, {@value #DIRECTION} and {@value #DATE_TIME} of one
 * message-stream record, whose JSON document stays the body. The message id keys the source's duplicate filter
 * (the whole record when it has none): a time-window page starts at the previous page's last timestamp, so that
 * message is read twice. {@link #record(JsonNode)} shapes a record as parsed from its page for the
 * {@code listrak-twowaysms:messagestream} consumer; as a {@link Processor} it sets the headers on an exchange whose
 * body is one record's JSON text, plus {@value #KEY}.
 */
public class StreamMessageHeaders implements Processor {

    public static final String MESSAGE_ID = "listrakMessageId";
    public static final String PHONE_ID = "listrakPhoneId";
    public static final String DIRECTION = "listrakDirection";
    public static final String DATE_TIME = "listrakDateTime";
    /** Header keying the duplicate filter: the message id, or the whole record when it has none. */
    public static final String KEY = "listrakStreamKey";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        JsonNode record = JSON.readTree(in.getBody(String.class));
        in.setHeader(MESSAGE_ID, record.path("messageId").asText(null));
        in.setHeader(PHONE_ID, record.path("phoneId").asText(null));
        in.setHeader(DIRECTION, record.path("direction").asText(null));
        in.setHeader(DATE_TIME, record.path("dateTime").asText(null));
        in.setHeader(KEY, key(record));
    }

    /**
     * One message as parsed from its page: the JSON text as body, the four headers (those the record has), the
     * message id as key and {@code dateTime} as the record's time (a dateTime that is no ISO-8601 time is refused,
     * naming the field and the value: it could never move the watermark).
     */
    public KeyedRecord record(JsonNode raw) {
        Map<String, Object> headers = new LinkedHashMap<>(4);
        put(headers, MESSAGE_ID, raw.path("messageId"));
        put(headers, PHONE_ID, raw.path("phoneId"));
        put(headers, DIRECTION, raw.path("direction"));
        put(headers, DATE_TIME, raw.path("dateTime"));
        return new KeyedRecord(key(raw), time(raw.path("dateTime").asText(null)), raw.toString(), headers);
    }

    private static void put(Map<String, Object> headers, String name, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            headers.put(name, value.asText());
        }
    }

    private static String key(JsonNode record) {
        String id = record.path("messageId").asText("");
        return id.isBlank() ? record.toString() : id;
    }

    /** A record's dateTime as an instant (an offset-less one read as UTC); null when it has none. */
    static Instant time(String dateTime) {
        if (dateTime == null || dateTime.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(dateTime).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(dateTime).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("listrak-twowaysms: message-stream dateTime '" + dateTime
                        + "' is not an ISO-8601 date-time", again);
            }
        }
    }
}
