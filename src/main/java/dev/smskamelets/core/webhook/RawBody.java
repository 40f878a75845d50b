package dev.smskamelets.core.webhook;

import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads a web hook request's body as the exact bytes received (a signature covers those, not a re-serialised
 * JSON), refusing more than a limit: first by the declared {@code Content-Length}, then by what actually arrived.
 */
public final class RawBody {

    private RawBody() {
    }

    /** The raw bytes, or null when the body exceeds {@code maxBytes} (the caller answers 413). */
    public static byte[] read(Exchange exchange, long maxBytes) throws IOException {
        Message in = exchange.getIn();
        Long declared = in.getHeader("Content-Length", Long.class);
        if (declared != null && declared > maxBytes) {
            return null;
        }
        Object body = in.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof InputStream stream) {
            byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            return bytes.length > maxBytes ? null : bytes;
        }
        byte[] bytes = in.getBody(byte[].class);
        if (bytes == null) {
            throw new IOException("the request body of type " + body.getClass().getName() + " has no raw bytes");
        }
        return bytes.length > maxBytes ? null : bytes;
    }
}
