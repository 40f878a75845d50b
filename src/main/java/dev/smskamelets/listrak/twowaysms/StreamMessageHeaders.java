package dev.smskamelets.listrak.twowaysms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Sets the headers {@code listrakMessageId}, {@code listrakPhoneId}, {@code listrakDirection} and
 * {@code listrakDateTime} from one message-stream record (a JSON string), which stays the body. The message id
 * keys the source's duplicate filter: a time-window page starts at the previous page's last timestamp, so that
 * message is read twice.
 */
public class StreamMessageHeaders implements Processor {

    /** Header keying the duplicate filter: the message id, or the whole record when it has none. */
    public static final String KEY = "listrakStreamKey";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        JsonNode record = JSON.readTree(in.getBody(String.class));
        in.setHeader("listrakMessageId", record.path("messageId").asText(null));
        in.setHeader("listrakPhoneId", record.path("phoneId").asText(null));
        in.setHeader("listrakDirection", record.path("direction").asText(null));
        in.setHeader("listrakDateTime", record.path("dateTime").asText(null));
        String id = record.path("messageId").asText("");
        in.setHeader(KEY, id.isEmpty() ? in.getBody(String.class) : id);
    }
}
